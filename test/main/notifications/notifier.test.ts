import type { Notification as ElectronNotification } from 'electron';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { alertsToNotify, Notifier, type NotificationFactory, type NotifierSettings } from '../../../electron/main/notifications/notifier.ts';
import type { HomeserverGroup } from '../../../electron/shared/contract.ts';
import type { Alert } from '../../../electron/shared/types.ts';
import { FakeSource, ManualTimers, tcpView } from '../tray/view-fixtures.ts';

interface Shown {
  title: string;
  body: string;
  silent: boolean;
  listeners: Map<string, () => void>;
}

function setup(settings: Partial<NotifierSettings> = {}, supported = true, source: FakeSource = new FakeSource()) {
  const shown: Shown[] = [];
  class FakeNotification {
    static isSupported(): boolean {
      return supported;
    }
    private readonly record: Shown;
    constructor(options: { title: string; body: string; silent: boolean }) {
      this.record = { ...options, listeners: new Map() };
    }
    on(event: 'click' | 'close', listener: () => void): this {
      this.record.listeners.set(event, listener);
      return this;
    }
    show(): void {
      shown.push(this.record);
    }
  }
  const timers = new ManualTimers();
  timers.now = 1_000_000;
  source.current = ['a', 'b', 'c', 'd', 'e'].map((id) => tcpView(id, 'down'));
  const current: NotifierSettings = { notificationsEnabled: true, notificationSound: true, alertsPausedUntil: null, mutedMonitors: [], ...settings };
  const openMonitor = vi.fn<(id: string) => void>();
  const notifier = new Notifier({
    Notification: FakeNotification,
    source,
    openMonitor,
    settings: () => current,
    now: timers.clock,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  notifier.start();
  const alert = (monitorId: string, kind: Alert['kind'] = 'down'): void =>
    source.emit('alert', { monitorId, kind, at: timers.now, message: `${monitorId.toUpperCase()} is down: refused`, outageMs: 65_000 });
  return { notifier, source, shown, timers, current, openMonitor, alert };
}

describe('Notifier', () => {
  it('accepts Electron\'s own Notification class', () => {
    expectTypeOf<typeof ElectronNotification>().toExtend<NotificationFactory>();
  });

  it('collects alerts for 3 s after the first and shows one notification per group', () => {
    const t = setup();
    t.alert('a');
    t.timers.advance(1_000);
    t.alert('b');
    t.alert('c');
    t.alert('d');
    t.timers.advance(1_999);
    expect(t.shown).toHaveLength(0);
    t.timers.advance(1);
    expect(t.shown.map((n) => [n.title, n.body])).toEqual([['4 monitors down', 'A, B, C and 1 more']]);
    t.alert('e', 'recovered');
    t.timers.advance(3_000);
    expect(t.shown.map((n) => [n.title, n.body])).toEqual([
      ['4 monitors down', 'A, B, C and 1 more'],
      ['E recovered', 'after 1 min 5 s'],
    ]);
  });

  it('opens the monitor on click: the one alerted, or the first of a group', () => {
    const t = setup();
    t.alert('c');
    t.timers.advance(3_000);
    t.alert('b');
    t.alert('a');
    t.timers.advance(3_000);
    t.shown[0]?.listeners.get('click')?.();
    t.shown[1]?.listeners.get('click')?.();
    expect(t.openMonitor.mock.calls).toEqual([['c'], ['b']]);
  });

  it('plays a sound only when the setting says so', () => {
    const loud = setup({ notificationSound: true });
    loud.alert('a');
    loud.timers.advance(3_000);
    const quiet = setup({ notificationSound: false });
    quiet.alert('a');
    quiet.timers.advance(3_000);
    expect([loud.shown[0]?.silent, quiet.shown[0]?.silent]).toEqual([false, true]);
  });

  it('shows nothing while alerts are paused, and again once the pause is over', () => {
    const t = setup();
    t.current.alertsPausedUntil = t.timers.now + 10_000;
    t.alert('a');
    t.timers.advance(3_000);
    expect(t.shown).toHaveLength(0);
    t.timers.advance(7_000);
    t.alert('b');
    t.timers.advance(3_000);
    expect(t.shown.map((n) => n.title)).toEqual(['B is down']);
  });

  it('honours a pause set while a batch was being collected', () => {
    const t = setup();
    t.alert('a');
    t.current.alertsPausedUntil = t.timers.now + 60_000;
    t.timers.advance(3_000);
    expect(t.shown).toHaveLength(0);
  });

  it('drops muted monitors\' alerts and keeps the others', () => {
    const t = setup({ mutedMonitors: ['a', 'c'] });
    t.alert('a');
    t.alert('b');
    t.alert('c');
    t.timers.advance(3_000);
    expect(t.shown.map((n) => n.title)).toEqual(['B is down']);
  });

  it('shows nothing when notifications are disabled or not supported', () => {
    const disabled = setup({ notificationsEnabled: false });
    disabled.alert('a');
    disabled.timers.advance(3_000);
    const unsupported = setup({}, false);
    unsupported.alert('a');
    unsupported.timers.advance(3_000);
    expect([disabled.shown.length, unsupported.shown.length]).toEqual([0, 0]);
  });

  it('flush() shows at once; dispose() drops what is waiting and stops listening', () => {
    const t = setup();
    t.alert('a');
    t.notifier.flush();
    expect(t.shown).toHaveLength(1);
    expect(t.timers.pending).toBe(0);
    t.alert('b');
    t.notifier.dispose();
    t.alert('c');
    t.timers.advance(10_000);
    expect(t.shown).toHaveLength(1);
    expect(t.source.listenerCount('alert')).toBe(0);
  });
});

describe('alertsToNotify', () => {
  const alerts: Alert[] = [
    { monitorId: 'a', kind: 'down', at: 0, message: '' },
    { monitorId: 'b', kind: 'down', at: 0, message: '' },
  ];
  const base: NotifierSettings = { notificationsEnabled: true, notificationSound: false, alertsPausedUntil: null, mutedMonitors: [] };

  it('passes everything when enabled, unpaused and unmuted', () => {
    expect(alertsToNotify(alerts, base, 100)).toEqual(alerts);
  });

  it('treats a pause that has ended as no pause', () => {
    expect(alertsToNotify(alerts, { ...base, alertsPausedUntil: 100 }, 100)).toEqual(alerts);
    expect(alertsToNotify(alerts, { ...base, alertsPausedUntil: 101 }, 100)).toEqual([]);
  });

  it('drops muted monitors only', () => {
    expect(alertsToNotify(alerts, { ...base, mutedMonitors: ['b'] }, 0).map((a) => a.monitorId)).toEqual(['a']);
  });
});

describe('Notifier with homeservers', () => {
  /** The service's homeservers() as well: a, b and c are example.org's monitors. */
  class HomeserverSource extends FakeSource {
    groups: HomeserverGroup[] = [];
    homeservers(): HomeserverGroup[] {
      return this.groups;
    }
  }

  function homeserverSetup() {
    const source = new HomeserverSource();
    const t = setup({}, true, source);
    source.current = source.current.map((view) => (['a', 'b', 'c'].includes(view.monitor.id) ? { ...view, monitor: { ...view.monitor, group: 'example.org' } } : view));
    return { ...t, source };
  }

  it('shows one notification for a homeserver, with the diagnosis read when the batch is shown', () => {
    const t = homeserverSetup();
    t.alert('b');
    t.alert('a');
    t.alert('d');
    // The diagnosis arrives after the alerts (the service computes it from the same results): still used.
    t.source.groups = [
      {
        group: 'example.org',
        serverName: 'example.org',
        diagnosis: { case: 'host-down', cause: 'example.org is down or unreachable', advice: 'Check the host.', severity: 'down' },
        discovery: null,
        discoveredAt: null,
      },
    ];
    t.timers.advance(3_000);
    expect(t.shown.map((n) => [n.title, n.body])).toEqual([
      ['example.org is down or unreachable', 'Check the host.\nB and A'],
      ['D is down', expect.stringMatching(/^refused/)],
    ]);
    t.shown[0]?.listeners.get('click')?.();
    expect(t.openMonitor.mock.calls).toEqual([['b']]);
  });

  it('groups by kind as before when the source has no homeservers', () => {
    const t = homeserverSetup();
    t.alert('a');
    t.alert('b');
    t.timers.advance(3_000);
    expect(t.shown.map((n) => n.title)).toEqual(['2 monitors down']);
  });
});

