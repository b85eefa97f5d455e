// `npm start` with an Electron mirror that cannot be reached: one clear message, no stack trace, a non-zero
// exit, and the way to use Picket meanwhile. The installer is pointed at another platform's binary and an
// empty download cache, so the attempt is made (and fails) even where Electron is already installed.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/cli-process.ts';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm start without a reachable Electron download', () => {
  it('fails with one clear message that names the mirror and points to serve', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'picket-electron-cache-'));
    try {
      const mirror = `http://127.0.0.1:${await closedPort()}/`;
      const result = spawnSync('npm', ['start'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          ELECTRON_MIRROR: mirror,
          electron_config_cache: cache,
          ELECTRON_INSTALL_PLATFORM: process.platform === 'win32' ? 'linux' : 'win32',
        },
      });
      expect(result.status).not.toBe(0);
      const output = `${result.stdout}${result.stderr}`;
      expect(output).toContain(`picket: Electron`);
      expect(output).toContain(`could not be downloaded: the connection to 127.0.0.1:${new URL(mirror).port} was refused`);
      expect(output).toContain(`ELECTRON_MIRROR is ${mirror}`);
      expect(output).toContain('npm run --silent serve -- --data ~/.picket');
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain('error during preview');
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
