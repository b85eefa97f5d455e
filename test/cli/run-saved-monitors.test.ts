// `run --data DIR` without --config watches the monitors DIR already holds (saved by serve, the app or an
// earlier run); a DIR with nothing saved is an error that says what to do.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { collect, interruptGroup, runCli, startCliProcessGroup } from './cli-process.ts';

let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-run-saved-'));
  server = await startHttpServer((_req, res) => res.end('ok'));
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `run` until its stdout has a line matching `wanted`, then presses Ctrl-C. */
async function runUntil(args: string[], wanted: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startCliProcessGroup(args);
  const finished = collect(child);
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no line matching ${String(wanted)}; got:\n${seen}`)), 15_000);
    child.stdout?.on('data', (data: Buffer) => {
      seen += String(data);
      if (wanted.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  interruptGroup(child);
  return finished;
}

describe('run without --config', () => {
  it('watches the monitors saved in DIR by an earlier run', async () => {
    const dataDir = path.join(dir, 'data');
    const config = path.join(dir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        version: 1,
        settings: { referenceTarget: `127.0.0.1:${server.port}` },
        monitors: [{ id: 'saved', name: 'Saved one', type: 'http', url: server.url, intervalSeconds: 1 }],
      }),
    );
    const first = await runUntil(['run', '--config', config, '--data', dataDir, '--json'], /"monitorId":"saved"/);
    expect(first.code).toBe(0);
    const again = await runUntil(['run', '--data', dataDir, '--json'], /"monitorId":"saved"/);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/"type":"state","monitorId":"saved"/);
  });

  it('exits 3 and asks for --config when DIR holds nothing', async () => {
    const { code, stderr } = await runCli(['run', '--data', path.join(dir, 'empty')]);
    expect(code).toBe(3);
    expect(stderr).toContain('holds no saved monitors: give --config FILE');
  });
});
