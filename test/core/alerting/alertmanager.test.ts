// The alertmanager channel against the real Alertmanager binary: the alert fires with Picket's labels, a resend
// is the same alert (not a second one), and the recovery resolves it with endsAt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertmanagerChannel } from '../../../electron/shared/channel-types.ts';
import { composeMessage, type AlertItem, type Delivery } from '../../../electron/core/alerting/alert-message.ts';
import { alertmanagerProvider } from '../../../electron/core/alerting/channels/alertmanager.ts';
import { alertmanagerAvailable, ALERTMANAGER_BINARY, startAlertmanager, type RunningAlertmanager } from '../../fixtures/alertmanager.ts';

const available = alertmanagerAvailable();
if (!available) console.warn(`skipping the Alertmanager tests: ${ALERTMANAGER_BINARY} is not installed (Debian package prometheus-alertmanager)`);

let alertmanager: RunningAlertmanager;
beforeAll(async () => {
  if (available) alertmanager = await startAlertmanager();
}, 30_000);
afterAll(async () => {
  if (available) await alertmanager.stop();
});

function delivery(kind: AlertItem['kind'], at: number): Delivery {
  const item: AlertItem = {
    kind,
    monitorId: 'client-api',
    monitorName: 'Synapse Client API',
    target: 'https://matrix.example.org/_matrix/client/versions',
    state: kind === 'recovered' ? 'up' : 'down',
    previousState: kind === 'recovered' ? 'down' : 'up',
    message: kind === 'recovered' ? 'back up' : 'expected status 200-299, got 502',
    at: new Date(at).toISOString(),
    since: new Date(at - 5_000).toISOString(),
    outageSeconds: kind === 'recovered' ? 60 : null,
    homeserver: null,
  };
  return { id: `d-${kind}`, attempt: 1, message: composeMessage([{ title: 't', body: 'b', kind, monitorIds: ['client-api'] }], [item]) };
}

describe.skipIf(!available)('alertmanager (real binary)', () => {
  it('fires with the labels, stays one alert when resent, and resolves on recovery', async () => {
    const channel: AlertmanagerChannel = { id: 'am', name: 'Alertmanager', type: 'alertmanager', url: alertmanager.url, labels: { team: 'matrix' } };
    const context = { signal: AbortSignal.timeout(10_000), now: Date.now };
    expect(await alertmanagerProvider.send(channel, delivery('down', Date.now()), context)).toBe('200 OK');
    expect(await alertmanagerProvider.send(channel, delivery('reminder', Date.now()), context)).toBe('200 OK');
    const firing = await alertmanager.alerts('active=true');
    expect(firing).toHaveLength(1);
    expect(firing[0]?.status.state).toBe('active');
    expect(firing[0]?.labels).toEqual({ alertname: 'PicketMonitorDown', monitor: 'client-api', monitor_name: 'Synapse Client API', severity: 'critical', team: 'matrix' });

    await alertmanagerProvider.send(channel, delivery('recovered', Date.now()), context);
    const after = await alertmanager.alerts();
    // Alertmanager lists a resolved alert no more.
    expect(after.filter((alert) => alert.labels.monitor === 'client-api')).toEqual([]);
  });
});

describe.skipIf(!available)('alertmanager through the alert policy (real binary)', () => {
  it('resends an outage while it lasts (endsAt moves on) and resolves it on recovery', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { AlertingService } = await import('../../../electron/core/alerting/alerting-service.ts');
    const { tcpView } = await import('../../main/tray/view-fixtures.ts');
    const dir = await mkdtemp(path.join(tmpdir(), 'picket-am-policy-'));
    const monitor = { ...tcpView('db', 'down', 'Database').monitor };
    let state: 'down' | 'up' = 'down';
    const channel: AlertmanagerChannel = { id: 'am', name: 'Alertmanager', type: 'alertmanager', url: alertmanager.url, default: true };
    const service = new AlertingService({
      dir,
      windowMs: 50,
      resendFiringMs: 500,
      context: {
        monitors: () => [monitor],
        state: () => state,
        homeservers: () => [],
        silence: () => ({ alertsPausedUntil: null, mutedMonitors: [] }),
        channels: () => [channel],
        groupChannels: () => ({}),
        isOffline: () => false,
      },
    });
    try {
      const firingFor = async () => (await alertmanager.alerts('active=true')).filter((alert) => alert.labels.monitor === 'db');
      service.onStateChange({ monitorId: 'db', from: 'up', to: 'down', at: Date.now(), message: 'refused' });
      service.onAlert({ monitorId: 'db', kind: 'down', at: Date.now(), message: 'Database is down: connection refused' });
      await expect.poll(firingFor, { timeout: 10_000 }).toHaveLength(1);
      const firstEnd = Date.parse((await firingFor())[0]!.endsAt);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      // Resent in the meantime: the same alert, its expiry pushed on.
      expect(await firingFor()).toHaveLength(1);
      expect(Date.parse((await firingFor())[0]!.endsAt)).toBeGreaterThan(firstEnd);
      state = 'up';
      service.onAlert({ monitorId: 'db', kind: 'recovered', at: Date.now(), message: 'Database recovered', outageMs: 3_000 });
      await expect.poll(firingFor, { timeout: 10_000 }).toHaveLength(0);
    } finally {
      await service.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
