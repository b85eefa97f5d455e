// Delivery that loses nothing: retries until accepted (exactly one message), a kill -9 mid-delivery (delivered
// after the restart, once: the Matrix txnId is the same), and offline waiting (sent late, and saying so).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox, type DeliveryReport } from '../../../electron/core/alerting/delivery/outbox.ts';
import { providerFor } from '../../../electron/core/alerting/channels/registry.ts';
import { matrixProvider } from '../../../electron/core/alerting/channels/matrix.ts';
import type { ChannelConfig } from '../../../electron/shared/channel-types.ts';
import { startAlertReceiver, type AlertReceiver } from '../../fixtures/alert-receiver.ts';
import { startSilentServer } from '../../fixtures/http-servers.ts';
import { twoDown } from './deliveries.ts';

let dir: string;
let receiver: AlertReceiver;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-outbox-'));
  receiver = await startAlertReceiver();
});
afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

function openOutbox(channel: ChannelConfig, options: { offline?: () => boolean; channelIntervalMs?: number } = {}) {
  const reports: DeliveryReport[] = [];
  const outbox = Outbox.open({
    dir,
    isOffline: options.offline ?? (() => false),
    onReport: (report) => reports.push(report),
    send: (_id, delivery, signal) => providerFor(channel).send(channel, delivery, { signal, now: Date.now }),
    backoff: { baseMs: 50, random: () => 1 },
    channelIntervalMs: options.channelIntervalMs ?? 0,
    offlineRecheckMs: 50,
  });
  return { outbox, reports };
}

async function until(predicate: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const hook: ChannelConfig = { id: 'hook', name: 'Hook', type: 'webhook', url: '' };

describe('the outbox', () => {
  it('retries a receiver that fails three times, and it gets the message exactly once', async () => {
    receiver.respond = (_request, index) => (index < 3 ? { status: 503, body: 'busy' } : { status: 200 });
    const { outbox, reports } = openOutbox({ ...hook, url: `${receiver.url}/hook` });
    outbox.enqueue('hook', twoDown.message);
    await until(() => reports.some((report) => report.ok));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests).toHaveLength(4);
    expect(reports.map((report) => [report.ok, report.attempt, report.ok ? '' : report.detail])).toEqual([
      [false, 1, '503 Service Unavailable: busy'],
      [false, 2, '503 Service Unavailable: busy'],
      [false, 3, '503 Service Unavailable: busy'],
      [true, 4, ''],
    ]);
    // The same message every time (the same id), and nothing left queued.
    expect(new Set(receiver.requests.map((request) => (JSON.parse(request.body) as { id: string }).id)).size).toBe(1);
    expect((await readdir(path.join(dir))).filter((name) => name.endsWith('.json'))).toEqual([]);
    await outbox.close();
  });

  it('rate limits a channel: what queues up while it waits goes out as one message', async () => {
    const { outbox, reports } = openOutbox({ ...hook, url: `${receiver.url}/hook` }, { channelIntervalMs: 1_000 });
    outbox.enqueue('hook', twoDown.message);
    await until(() => reports.length === 1);
    for (let i = 0; i < 20; i++) outbox.enqueue('hook', twoDown.message);
    await until(() => reports.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(receiver.requests).toHaveLength(2);
    // The same two monitors twenty times over: said once.
    expect(receiver.json(1)).toMatchObject({ summary: '2 monitors down: Client API and Federation', alerts: [{ monitorId: 'client-api' }, { monitorId: 'federation' }] });
    expect((receiver.json(1) as { alerts: unknown[] }).alerts).toHaveLength(2);
    expect(outbox.pending()).toEqual([]);
    await outbox.close();
  });

  it('waits while offline, then sends late and says so', async () => {
    let offline = true;
    const { outbox, reports } = openOutbox({ ...hook, url: `${receiver.url}/hook` }, { offline: () => offline });
    outbox.enqueue('hook', twoDown.message);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests).toHaveLength(0);
    expect(outbox.pending()).toHaveLength(1);
    offline = false;
    await until(() => reports.length > 0);
    const body = receiver.json() as { summary: string; late: string };
    expect(body.late).toMatch(/^\(sent (\d+|< 1) s late: no network\)$/);
    expect(body.summary).toBe(`2 monitors down: Client API and Federation ${body.late}`);
    await outbox.close();
  });

  it('a kill -9 while the homeserver holds the request: sent again after restart with the same txnId, stored once', async () => {
    const silent = await startSilentServer();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/core/alerting/outbox-child.ts', dir, silent.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (data: Buffer) => (out += String(data)));
    await until(() => out.includes('queued'), 30_000);
    // The entry is on disk and its PUT is waiting on a homeserver that never answers: kill it mid-delivery.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await silent.close();
    const queued = (await readdir(dir)).filter((name) => name.endsWith('.json'));
    expect(queued).toHaveLength(1);

    const reports: DeliveryReport[] = [];
    const channel: ChannelConfig = { id: 'ops', name: 'Ops', type: 'matrix', homeserverUrl: receiver.url, accessToken: 'tok', roomId: '!room:example.org' };
    const restarted = Outbox.open({ dir, isOffline: () => false, onReport: (r) => reports.push(r), send: (_id, delivery, signal) => matrixProvider.send(channel, delivery, { signal, now: Date.now }) });
    await until(() => reports.length > 0);
    await restarted.close();
    // Accepted once, then gone from the outbox: a third start sends nothing.
    const again = Outbox.open({ dir, isOffline: () => false, onReport: (r) => reports.push(r), send: () => undefined });
    expect(again.pending()).toEqual([]);
    await again.close();
    expect(reports).toMatchObject([{ ok: true, attempt: 2 }]);
    expect(receiver.requests).toHaveLength(1);
    // The attempt the kill interrupted and this one share the transaction id: a homeserver stores the event once.
    expect(receiver.requests[0]?.path).toBe(`/_matrix/client/v3/rooms/!room%3Aexample.org/send/m.room.message/picket-${queued[0]?.replace('.json', '')}`);
  });
});

describe('the outbox on a disk that cannot be written', () => {
  it('still sends the alert, and says so on stderr instead of failing the channel', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { outbox, reports } = openOutbox({ ...hook, url: `${receiver.url}/hook` });
    // The outbox folder is gone and a file squats on its path: every write fails (ENOTDIR), even as root.
    await rm(dir, { recursive: true, force: true });
    await writeFile(dir, 'not a folder');
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      outbox.enqueue('hook', twoDown.message);
      await until(() => reports.length > 0);
    } finally {
      console.error = original;
      await rm(dir, { force: true });
    }
    expect(reports).toMatchObject([{ ok: true }]);
    expect(receiver.requests).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/outbox .* cannot be written \(ENOTDIR\); alerts are still sent/);
    await outbox.close();
  });
});
