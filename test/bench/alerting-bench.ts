// Alerting figures: what the outbox costs per queued message (an fsynced file, before any attempt), its size on
// disk, and how long a burst of alerts takes from the policy to a local receiver.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlertingService } from '../../electron/core/alerting/alerting-service.ts';
import { Outbox } from '../../electron/core/alerting/delivery/outbox.ts';
import { composeMessage } from '../../electron/core/alerting/alert-message.ts';
import { parseMonitor } from '../../electron/shared/config-validation.ts';
import { startAlertReceiver } from '../fixtures/alert-receiver.ts';

export interface AlertingBench {
  enqueueMsP50: number;
  enqueueMsP99: number;
  bytesPerQueuedMessage: number;
  burstSize: number;
  burstToReceiverMs: number;
  burstMessages: number;
}

export async function runAlertingBench(): Promise<AlertingBench> {
  const dir = await mkdtemp(path.join(tmpdir(), 'picket-alert-bench-'));
  try {
    // Offline: entries stay queued, so only the write is measured.
    const outbox = Outbox.open({ dir: path.join(dir, 'queue'), isOffline: () => true, onReport: () => undefined, send: () => undefined });
    const message = composeMessage(
      [{ title: 'API is down', body: 'expected status 200-299, got 502 · since 12:00', kind: 'down', monitorIds: ['api'] }],
      [{ kind: 'down', monitorId: 'api', monitorName: 'API', target: 'https://api.example.org/health', state: 'down', previousState: 'up', message: 'API is down: expected status 200-299, got 502', at: new Date().toISOString(), since: new Date().toISOString(), outageSeconds: null, homeserver: null }],
    );
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = process.hrtime.bigint();
      outbox.enqueue('hook', message);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await outbox.close();
    const files = (await readdir(path.join(dir, 'queue'))).filter((name) => name.endsWith('.json'));
    const sizes = await Promise.all(files.map(async (name) => (await stat(path.join(dir, 'queue', name))).size));
    times.sort((a, b) => a - b);

    const receiver = await startAlertReceiver();
    const monitors = Array.from({ length: 100 }, (_, i) => parseMonitor({ id: `m${i}`, type: 'tcp', host: '127.0.0.1', port: 9 }));
    const service = new AlertingService({
      dir: path.join(dir, 'alerts'),
      context: {
        monitors: () => monitors,
        state: () => 'down',
        homeservers: () => [],
        silence: () => ({ alertsPausedUntil: null, mutedMonitors: [] }),
        channels: () => [{ id: 'hook', name: 'Hook', type: 'webhook', url: `${receiver.url}/hook`, default: true }],
        groupChannels: () => ({}),
        isOffline: () => false,
      },
    });
    const started = Date.now();
    for (const monitor of monitors) service.onAlert({ monitorId: monitor.id, kind: 'down', at: Date.now(), message: `${monitor.name} is down: connection refused` });
    await receiver.waitFor(1, 30_000);
    const burstToReceiverMs = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await service.close();
    await receiver.close();
    return {
      enqueueMsP50: times[Math.floor(times.length / 2)] ?? 0,
      enqueueMsP99: times[Math.floor(times.length * 0.99)] ?? 0,
      bytesPerQueuedMessage: sizes.reduce((sum, size) => sum + size, 0) / Math.max(1, sizes.length),
      burstSize: monitors.length,
      burstToReceiverMs,
      burstMessages: receiver.requests.length,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
