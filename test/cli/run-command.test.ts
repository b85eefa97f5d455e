import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { HistoryStore } from '../../electron/core/history/history-store.ts';
import { collect, interruptGroup, startCliProcessGroup } from './cli-process.ts';

let dir: string;
let server: TestServer;
let healthy = true;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-run-'));
  server = await startHttpServer((_req, res) => {
    res.statusCode = healthy ? 200 : 503;
    res.end(healthy ? '{"versions":["v1.1"]}' : 'maintenance');
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves with the parsed JSON lines once `predicate` holds for them. */
function waitForLines(lines: Array<Record<string, unknown>>, predicate: (lines: Array<Record<string, unknown>>) => boolean, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (predicate(lines)) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`timed out waiting; lines so far:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`));
      }
    }, 50);
  });
}

describe('run', () => {
  it('prints state changes and alerts as JSON lines, persists history, and exits 0 on SIGINT', async () => {
    const config = path.join(dir, 'config.json');
    const dataDir = path.join(dir, 'data');
    await writeFile(
      config,
      JSON.stringify({
        version: 1,
        // Keep the offline guard's reference on loopback: tests never reach the internet.
        settings: { referenceTarget: `127.0.0.1:${server.port}` },
        monitors: [{ id: 'api', name: 'API', type: 'http', url: `${server.url}/_matrix/client/versions`, keyword: 'versions', intervalSeconds: 1, timeoutSeconds: 1 }],
      }),
    );
    healthy = true;
    const child = startCliProcessGroup(['run', '--config', config, '--data', dataDir, '--json']);
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
    const finished = collect(child);
    try {
      await waitForLines(lines, (l) => l.some((e) => e.type === 'state' && e.to === 'up'));
      healthy = false;
      await waitForLines(lines, (l) => l.some((e) => e.type === 'alert' && e.kind === 'down'));
      healthy = true;
      await waitForLines(lines, (l) => l.some((e) => e.type === 'alert' && e.kind === 'recovered'));
    } finally {
      interruptGroup(child);
    }
    const result = await finished;
    expect(result.code, result.stderr).toBe(0);

    const states = lines.filter((e) => e.type === 'state').map((e) => `${String(e.from)}->${String(e.to)}`);
    expect(states).toEqual(['unknown->up', 'up->pending', 'pending->down', 'down->up']);
    const down = lines.find((e) => e.kind === 'down') as Record<string, unknown>;
    expect(down).toMatchObject({ type: 'alert', monitorId: 'api', kind: 'down', message: expect.stringContaining('expected status 200-299, got 503') });
    expect(new Date(String(down.at)).toISOString()).toBe(down.at);
    const stateLine = lines.find((e) => e.type === 'state') as Record<string, unknown>;
    expect(Object.keys(stateLine).sort()).toEqual(['at', 'from', 'message', 'monitorId', 'to', 'type']);

    // What was saved: history with the incident, and the store file.
    expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['picket.json', 'history']));
    const history = await HistoryStore.open(path.join(dataDir, 'history'));
    try {
      const incidents = history.incidents('api');
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ monitorId: 'api', end: expect.any(Number), firstError: expect.stringContaining('503') });
      const recent = history.recent('api');
      expect(recent.filter((r) => r.status === 'down').length).toBeGreaterThanOrEqual(2);
      expect(recent.at(-1)?.status).toBe('up');
    } finally {
      await history.close();
    }
    expect(JSON.parse(await readFile(path.join(dataDir, 'picket.json'), 'utf8'))).toHaveProperty('schemaVersion', 1);
  }, 40_000);
});
