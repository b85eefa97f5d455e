// Alerts from the command line: `run` delivers to its channels and prints delivery lines, `serve` delivers too,
// both honour mute and pause stored in their data folder, and `channel test` exits 0, 2 or 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { PicketService } from '../../electron/core/service/picket-service.ts';
import { startAlertReceiver, type AlertReceiver } from '../fixtures/alert-receiver.ts';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { collect, interruptGroup, runCli, startCliProcessGroup } from './cli-process.ts';
import { startServe } from '../e2e/serve-process.ts';

let dir: string;
let target: TestServer;
let receiver: AlertReceiver;
let healthy = true;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-alert-cli-'));
  target = await startHttpServer((_req, res) => {
    res.statusCode = healthy ? 200 : 503;
    res.end(healthy ? 'ok' : 'maintenance');
  });
  receiver = await startAlertReceiver();
});

afterAll(async () => {
  await Promise.all([target.close(), receiver.close()]);
  await rm(dir, { recursive: true, force: true });
});

function monitor(id: string, name: string): Record<string, unknown> {
  return { id, name, type: 'http', url: `${target.url}/${id}`, intervalSeconds: 1, timeoutSeconds: 1, failureThreshold: 1 };
}

async function writeConfig(name: string, channels: unknown[], monitors: unknown[]): Promise<string> {
  const file = path.join(dir, name);
  // The offline guard's reference stays on loopback: tests never reach the internet.
  await writeFile(file, JSON.stringify({ version: 1, settings: { referenceTarget: `127.0.0.1:${target.port}` }, channels, monitors }));
  return file;
}

/** Mute and pause are the user's, kept in the data folder: set them there as the app or the dashboard would. */
async function prepareDataDir(dataDir: string, config: string, prefs: { muted?: string[]; pausedUntil?: number }): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const service = await PicketService.open({ dataDir, referenceProbe: async () => true });
  await service.handle('importConfig', { json: await readFile(config, 'utf8'), mode: 'replace' });
  for (const id of prefs.muted ?? []) await service.handle('setMuted', { monitorId: id, muted: true });
  if (prefs.pausedUntil !== undefined) await service.handle('pauseAlerts', { until: prefs.pausedUntil });
  await service.close();
}

function jsonLines(child: ChildProcess): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  let buffer = '';
  child.stdout?.on('data', (data: Buffer) => {
    buffer += String(data);
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
      buffer = buffer.slice(newline + 1);
    }
  });
  return lines;
}

async function until(predicate: () => boolean, what: () => string, ms = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting; so far:\n${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('run with channels', () => {
  it('delivers a down alert to the webhook and prints a delivery line; a failing channel is one line on stderr; muted monitors stay quiet', async () => {
    receiver.requests.length = 0;
    receiver.respond = (request) => (request.path === '/broken' ? { status: 401, body: '' } : { status: 200 });
    const config = await writeConfig(
      'run.json',
      [
        { id: 'hook', name: 'Hook', type: 'webhook', url: `${receiver.url}/hook`, default: true },
        { id: 'slack', name: 'Ops Slack', type: 'webhook', format: 'slack', url: `${receiver.url}/broken`, default: true },
      ],
      [monitor('api', 'API'), monitor('quiet', 'Quiet one')],
    );
    const dataDir = path.join(dir, 'run-data');
    await prepareDataDir(dataDir, config, { muted: ['quiet'] });
    healthy = true;
    const child = startCliProcessGroup(['run', '--config', config, '--data', dataDir, '--json']);
    const lines = jsonLines(child);
    const finished = collect(child);
    const show = (): string => lines.map((line) => JSON.stringify(line)).join('\n');
    try {
      await until(() => lines.filter((l) => l.type === 'state' && l.to === 'up').length === 2, show);
      healthy = false;
      await until(() => lines.some((l) => l.type === 'delivery' && l.channelId === 'hook') && lines.some((l) => l.type === 'delivery' && l.channelId === 'slack'), show);
    } finally {
      healthy = true;
      interruptGroup(child);
    }
    const result = await finished;
    expect(result.code, result.stderr).toBe(0);
    const hook = lines.find((l) => l.type === 'delivery' && l.channelId === 'hook');
    expect(hook).toEqual({ type: 'delivery', channelId: 'hook', kind: 'down', monitorIds: ['api'], ok: true, error: null, attempt: 1, at: expect.stringMatching(/Z$/) });
    expect(lines.find((l) => l.type === 'delivery' && l.channelId === 'slack')).toMatchObject({ ok: false, error: '401 Unauthorized', attempt: 1 });
    expect(result.stderr.match(/alerts to Ops Slack are failing: 401 Unauthorized/g)).toHaveLength(1);
    // The muted monitor went down too, and nobody heard of it: no alert line, nothing in any message.
    expect(lines.some((l) => l.type === 'state' && l.monitorId === 'quiet' && l.to === 'down')).toBe(true);
    expect(lines.filter((l) => l.type === 'alert').map((l) => l.monitorId)).toEqual(['api']);
    expect(receiver.requests.filter((r) => r.path === '/hook').map((r) => (JSON.parse(r.body) as { alerts: Array<{ monitorId: string }> }).alerts.map((a) => a.monitorId))).toEqual([['api']]);
  }, 60_000);

  it('prints and sends nothing while alerts are paused', async () => {
    receiver.requests.length = 0;
    receiver.respond = () => ({ status: 200 });
    const config = await writeConfig('paused.json', [{ id: 'hook', name: 'Hook', type: 'webhook', url: `${receiver.url}/hook`, default: true }], [monitor('api', 'API')]);
    const dataDir = path.join(dir, 'paused-data');
    await prepareDataDir(dataDir, config, { pausedUntil: Date.now() + 3_600_000 });
    healthy = true;
    const child = startCliProcessGroup(['run', '--config', config, '--data', dataDir, '--json']);
    const lines = jsonLines(child);
    const finished = collect(child);
    const show = (): string => lines.map((line) => JSON.stringify(line)).join('\n');
    try {
      await until(() => lines.some((l) => l.type === 'state' && l.to === 'up'), show);
      healthy = false;
      await until(() => lines.some((l) => l.type === 'state' && l.to === 'down'), show);
      // Past the policy's window and a delivery's time: had anything been sent, it would be here.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
    } finally {
      healthy = true;
      interruptGroup(child);
    }
    await finished;
    expect(lines.filter((l) => l.type === 'alert' || l.type === 'delivery')).toEqual([]);
    expect(receiver.requests).toEqual([]);
  }, 60_000);
});

describe('serve with channels', () => {
  it('delivers a monitor\'s down alert to its channel, and not a muted monitor\'s', async () => {
    receiver.requests.length = 0;
    receiver.respond = () => ({ status: 200 });
    const config = await writeConfig('serve.json', [{ id: 'hook', name: 'Hook', type: 'webhook', url: `${receiver.url}/serve-hook`, default: true }], [monitor('api', 'API'), monitor('quiet', 'Quiet one')]);
    const dataDir = path.join(dir, 'serve-data');
    await prepareDataDir(dataDir, config, { muted: ['quiet'] });
    healthy = true;
    const serve = await startServe(['--data', dataDir, '--config', config], { needsDashboard: false });
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      healthy = false;
      const [request] = await receiver.waitFor(1, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(request?.path).toBe('/serve-hook');
      const bodies = receiver.requests.map((r) => JSON.parse(r.body) as { alerts: Array<{ monitorId: string; kind: string }> });
      expect(bodies.flatMap((b) => b.alerts.map((a) => `${a.monitorId}:${a.kind}`))).toEqual(['api:down']);
    } finally {
      healthy = true;
      await serve.stop();
    }
  }, 60_000);
});

describe('channel test', () => {
  it('exits 0 when the channel accepted the test alert, 2 with the provider\'s error, 3 for an unknown id', async () => {
    receiver.requests.length = 0;
    receiver.respond = (request) => (request.path === '/broken' ? { status: 401, body: '' } : { status: 200 });
    const config = await writeConfig(
      'channels.json',
      [
        { id: 'phone', name: 'Phone', type: 'ntfy', url: `${receiver.url}/picket-alerts` },
        { id: 'slack', name: 'Ops Slack', type: 'webhook', format: 'slack', url: `${receiver.url}/broken` },
      ],
      [],
    );
    const ok = await runCli(['channel', 'test', '--config', config, '--id', 'phone']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('Sent a test alert to Phone (ntfy): 200 OK\n');
    expect(receiver.requests[0]?.headers.title).toBe('[test] Test alert from Picket');

    const failed = await runCli(['channel', 'test', '--config', config, '--id', 'slack', '--json']);
    expect(failed.code).toBe(2);
    expect(JSON.parse(failed.stdout)).toEqual({ channelId: 'slack', type: 'webhook', ok: false, response: null, error: '401 Unauthorized' });

    const unknown = await runCli(['channel', 'test', '--config', config, '--id', 'pager']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('--id: no channel has the id "pager"');
  }, 60_000);
});
