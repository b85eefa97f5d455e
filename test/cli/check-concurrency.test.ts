// `check` runs its monitors with bounded concurrency: at most settings.maxConcurrentChecks at a time.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.ts';

let server: Server;
let port = 0;
let inFlight = 0;
let mostInFlight = 0;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-check-limit-'));
  // Holds each request a moment, so checks that were allowed to overlap would be seen overlapping.
  server = createServer((_req, res) => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      res.end('ok');
    }, 150);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('check', () => {
  it('never has more checks in flight than maxConcurrentChecks, and still checks every monitor', async () => {
    const monitors = Array.from({ length: 8 }, (_, index) => ({ id: `m${index}`, name: `M${index}`, type: 'http', url: `http://127.0.0.1:${port}/${index}` }));
    const config = path.join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ version: 1, settings: { maxConcurrentChecks: 2 }, monitors }));
    const { code, stdout } = await runCli(['check', '--config', config, '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { results: unknown[] }).results).toHaveLength(8);
    expect(mostInFlight).toBe(2);
  });
});
