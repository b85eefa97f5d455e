// The one alert policy (AlertingService): the window, mute, pause, grouping and routing every front relies on.
// Ported from the desktop notifier's tests when the policy moved out of the Electron layer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertingService, type AlertingContext } from '../../../electron/core/alerting/alerting-service.ts';
import type { AlertGroup } from '../../../electron/core/alerting/policy/alert-grouping.ts';
import type { ChannelConfig } from '../../../electron/shared/channel-types.ts';
import type { HomeserverGroup } from '../../../electron/shared/contract.ts';
import type { Alert, Monitor } from '../../../electron/shared/types.ts';
import { tcpView } from '../../main/tray/view-fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-policy-'));
  vi.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

function setup(options: { channels?: ChannelConfig[]; groupChannels?: Record<string, string[]>; monitors?: Monitor[] } = {}) {
  const monitors: Monitor[] = options.monitors ?? ['a', 'b', 'c', 'd', 'e'].map((id) => tcpView(id, 'down').monitor);
  const silence = { alertsPausedUntil: null as number | null, mutedMonitors: [] as string[] };
  const homeservers: HomeserverGroup[] = [];
  const context: AlertingContext = {
    monitors: () => monitors,
    state: () => 'down',
    homeservers: () => homeservers,
    silence: () => silence,
    channels: () => options.channels ?? [],
    groupChannels: () => options.groupChannels ?? {},
    // Offline: the outbox keeps what it is given, so the test can read what was queued.
    isOffline: () => true,
  };
  const service = new AlertingService({ dir, context });
  const notices: AlertGroup[][] = [];
  service.onNotice((groups) => notices.push(groups));
  const alert = (monitorId: string, kind: Alert['kind'] = 'down'): void =>
    service.onAlert({ monitorId, kind, at: Date.now(), message: `${monitorId.toUpperCase()} is down: refused`, outageMs: 65_000 });
  const titles = (): string[] => notices.flat().map((group) => group.title);
  const queued = (): Array<{ channelId: string; monitorIds: string[] }> =>
    (service as unknown as { outbox: { pending(): Array<{ channelId: string; message: { monitorIds: string[] } }> } }).outbox
      .pending()
      .map((entry) => ({ channelId: entry.channelId, monitorIds: entry.message.monitorIds }));
  return { service, silence, homeservers, notices, alert, titles, queued, monitors };
}

describe('the alert policy', () => {
  it('collects alerts for 2 s after the first and hands out one notice per group', async () => {
    const t = setup();
    t.alert('a');
    vi.advanceTimersByTime(1_000);
    t.alert('b');
    t.alert('c');
    t.alert('d');
    vi.advanceTimersByTime(999);
    expect(t.notices).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(t.notices.flat().map((n) => [n.title, n.body])).toEqual([['4 monitors down', 'A, B, C and 1 more']]);
    t.alert('e', 'recovered');
    vi.advanceTimersByTime(2_000);
    expect(t.notices[1]?.map((n) => [n.title, n.body])).toEqual([['E recovered', 'after 1 min 5 s']]);
    await t.service.close();
  });

  it('says nothing while alerts are paused, and again once the pause is over; a pause set mid-window counts', async () => {
    const t = setup();
    t.silence.alertsPausedUntil = Date.now() + 10_000;
    t.alert('a');
    vi.advanceTimersByTime(2_000);
    expect(t.notices).toHaveLength(0);
    vi.advanceTimersByTime(8_000);
    t.alert('b');
    vi.advanceTimersByTime(2_000);
    expect(t.titles()).toEqual(['B is down']);
    t.alert('c');
    t.silence.alertsPausedUntil = Date.now() + 60_000;
    vi.advanceTimersByTime(2_000);
    expect(t.titles()).toEqual(['B is down']);
    await t.service.close();
  });

  it('drops muted monitors\' alerts everywhere and keeps the others', async () => {
    const t = setup({ channels: [{ id: 'hook', name: 'Hook', type: 'webhook', url: 'http://127.0.0.1:9/', default: true }] });
    t.silence.mutedMonitors = ['a', 'c'];
    t.alert('a');
    t.alert('b');
    t.alert('c');
    vi.advanceTimersByTime(2_000);
    expect(t.titles()).toEqual(['B is down']);
    expect(t.queued()).toEqual([{ channelId: 'hook', monitorIds: ['b'] }]);
    await t.service.close();
  });

  it('makes one notice of a homeserver\'s alerts, with the diagnosis read when the window closes', async () => {
    const t = setup({ monitors: ['a', 'b', 'c', 'd'].map((id) => ({ ...tcpView(id, 'down').monitor, ...(id === 'd' ? {} : { group: 'example.org' }) })) });
    t.alert('b');
    t.alert('a');
    t.alert('d');
    t.homeservers.push({
      group: 'example.org',
      serverName: 'example.org',
      diagnosis: { case: 'host-down', cause: 'example.org is down or unreachable', advice: 'Check the host.', severity: 'down' },
      discovery: null,
      discoveredAt: null,
    });
    vi.advanceTimersByTime(2_000);
    expect(t.notices.flat().map((n) => [n.title, n.body])).toEqual([
      ['example.org is down or unreachable', 'Check the host.\nB and A'],
      ['D is down', expect.stringMatching(/^refused/)],
    ]);
    await t.service.close();
  });

  it('routes: the monitor\'s own list, else its group\'s, else the defaults; a channel\'s kinds filter what it carries', async () => {
    const channels: ChannelConfig[] = [
      { id: 'default', name: 'Default', type: 'webhook', url: 'http://127.0.0.1:9/', default: true },
      { id: 'own', name: 'Own', type: 'webhook', url: 'http://127.0.0.1:9/' },
      { id: 'group', name: 'Group', type: 'webhook', url: 'http://127.0.0.1:9/' },
      { id: 'recoveries', name: 'Recoveries', type: 'webhook', url: 'http://127.0.0.1:9/', default: true, kinds: ['recovered'] },
    ];
    const monitors = [
      { ...tcpView('a', 'down').monitor, channels: ['own'] },
      { ...tcpView('b', 'down').monitor, group: 'example.org' },
      tcpView('c', 'down').monitor,
      { ...tcpView('d', 'down').monitor, channels: [] },
    ];
    const t = setup({ channels, monitors, groupChannels: { 'example.org': ['group'] } });
    for (const id of ['a', 'b', 'c', 'd']) t.alert(id);
    vi.advanceTimersByTime(2_000);
    expect(t.queued().sort((x, y) => x.channelId.localeCompare(y.channelId))).toEqual([
      { channelId: 'default', monitorIds: ['c'] },
      { channelId: 'group', monitorIds: ['b'] },
      { channelId: 'own', monitorIds: ['a'] },
    ]);
    t.alert('c', 'recovered');
    vi.advanceTimersByTime(2_000);
    expect(t.queued().filter((entry) => entry.channelId === 'recoveries')).toEqual([{ channelId: 'recoveries', monitorIds: ['c'] }]);
    await t.service.close();
  });

  it('a burst of 20 alerts is one message per channel', async () => {
    const monitors = Array.from({ length: 20 }, (_, i) => tcpView(`m${i}`, 'down').monitor);
    const channels: ChannelConfig[] = [
      { id: 'one', name: 'One', type: 'webhook', url: 'http://127.0.0.1:9/', default: true },
      { id: 'two', name: 'Two', type: 'ntfy', url: 'http://127.0.0.1:9/t', default: true },
    ];
    const t = setup({ channels, monitors });
    for (const monitor of monitors) {
      t.alert(monitor.id);
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(2_000);
    expect(t.queued().map((entry) => [entry.channelId, entry.monitorIds.length])).toEqual([
      ['one', 20],
      ['two', 20],
    ]);
    await t.service.close();
  });
});
