// `serve` under a local process that opens thousands of idle connections: the checks keep their file
// descriptors, keep running, and no result is a false "down". serve runs with a low descriptor limit (2,048),
// so without the connection caps 5,000 idle sockets would exhaust it, as 20,000 did on a default machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { collect, interruptGroup, PICKET_BUNDLE, PROJECT_ROOT } from './cli-process.ts';

let dir: string;
let site: TestServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-serve-load-'));
  site = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
});

afterAll(async () => {
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

function startServeWithFdLimit(args: string[], fdLimit: number): ChildProcess {
  return spawn('sh', ['-c', `ulimit -n ${fdLimit} && exec "$0" "$@"`, process.execPath, PICKET_BUNDLE, 'serve', ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

describe('serve protects itself', () => {
  it('5,000 idle connections: checks still run and no result is a false down', { timeout: 60_000 }, async () => {
    const config = path.join(dir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        version: 1,
        settings: { referenceTarget: `127.0.0.1:${site.port}` },
        monitors: [{ id: 'site', name: 'Site', type: 'http', url: `${site.url}/`, intervalSeconds: 2, timeoutSeconds: 2 }],
      }),
    );
    const child = startServeWithFdLimit(['--data', path.join(dir, 'data'), '--config', config], 2048);
    const finished = collect(child);
    const sockets: Socket[] = [];
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        let buffer = '';
        child.stdout?.on('data', (data: Buffer) => {
          buffer += String(data);
          const newline = buffer.indexOf('\n');
          if (newline >= 0) resolve(new URL(buffer.slice(0, newline)));
        });
        child.once('exit', () => reject(new Error('serve exited before printing its URL')));
      });
      const token = url.hash.replace('#token=', '');
      const call = async <T>(name: string, params: unknown): Promise<T> => {
        const response = await request(`${url.origin}/api/request`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name, params }),
        });
        return ((await response.body.json()) as { result: T }).result;
      };

      // In batches, so this process (which also runs the monitored site) keeps answering it.
      for (let i = 0; i < 5000; i++) {
        const socket = connect({ host: '127.0.0.1', port: Number(url.port) });
        socket.on('error', () => undefined);
        sockets.push(socket);
        if (i % 250 === 249) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      // While the idle sockets hold every slot the dashboard cannot connect either; the checks must not care.
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));

      const history = await call<{ recent: Array<{ status: string; at: number; message: string }> }>('getHistory', { monitorId: 'site', range: '1h' });
      const during = history.recent.filter((result) => result.at >= start);
      expect(during.length).toBeGreaterThanOrEqual(2);
      expect(history.recent.filter((result) => result.status !== 'up').map((result) => result.message)).toEqual([]);
    } finally {
      for (const socket of sockets) socket.destroy();
      interruptGroup(child);
    }
    const run = await finished;
    expect(run.stderr).not.toMatch(/EMFILE/);
    expect(run.code).toBe(0);
  });
});
