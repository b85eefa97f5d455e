// The parts of the Electron smoke test that run everywhere: whether it can run (a fake electron folder,
// installed or not), what it launches with, and the Xvfb it starts for itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/cli-process.ts';
import { ELECTRON_DIR, findOnPath, launchOptions, NO_DISPLAY, NOT_INSTALLED, picketHome, smokeTestSkipReason, startXvfb } from './electron-app.ts';

const VITEST = path.join(PROJECT_ROOT, 'node_modules/vitest/vitest.mjs');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'picket-smoke-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An `electron` package folder, with or without the binary Electron's installer fetches. */
async function fakeElectronDir(installed: boolean): Promise<string> {
  const electronDir = path.join(root, 'electron');
  await mkdir(path.join(electronDir, 'dist'), { recursive: true });
  await writeFile(path.join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  if (installed) {
    await writeFile(path.join(electronDir, 'dist', 'version'), '45.5.0');
    await writeFile(path.join(electronDir, 'dist', 'electron'), '');
    await writeFile(path.join(electronDir, 'path.txt'), 'electron');
  }
  return electronDir;
}

describe('smokeTestSkipReason', () => {
  it('skips, with how to install it, when the Electron binary is not installed', async () => {
    const electronDir = await fakeElectronDir(false);
    const reason = smokeTestSkipReason({ electronDir, env: { DISPLAY: ':0' }, platform: 'linux', xvfbPath: '/usr/bin/Xvfb' });
    expect(reason).toBe(NOT_INSTALLED);
    expect(reason).toMatch(/^skipped: Electron binary not installed/);
    expect(reason).toContain('npx install-electron');
    expect(reason).toContain('npm start');
    expect(reason).not.toContain('\n');
  });

  it('runs when the binary is installed and Linux has Xvfb or a display', async () => {
    const electronDir = await fakeElectronDir(true);
    expect(smokeTestSkipReason({ electronDir, env: {}, platform: 'linux', xvfbPath: '/usr/bin/Xvfb' })).toBeUndefined();
    expect(smokeTestSkipReason({ electronDir, env: { DISPLAY: ':0' }, platform: 'linux', xvfbPath: undefined })).toBeUndefined();
  });

  it('skips on Linux with neither Xvfb nor a display, saying what to install', async () => {
    const electronDir = await fakeElectronDir(true);
    expect(smokeTestSkipReason({ electronDir, env: {}, platform: 'linux', xvfbPath: undefined })).toBe(NO_DISPLAY);
  });

  it('needs no X display on macOS', async () => {
    const electronDir = path.join(root, 'electron');
    await mkdir(path.join(electronDir, 'dist', 'Electron.app/Contents/MacOS'), { recursive: true });
    await writeFile(path.join(electronDir, 'package.json'), JSON.stringify({ version: '45.5.0' }));
    await writeFile(path.join(electronDir, 'dist', 'version'), '45.5.0');
    await writeFile(path.join(electronDir, 'dist', 'Electron.app/Contents/MacOS/Electron'), '');
    await writeFile(path.join(electronDir, 'path.txt'), 'Electron.app/Contents/MacOS/Electron');
    expect(smokeTestSkipReason({ electronDir, env: {}, platform: 'darwin', xvfbPath: undefined })).toBeUndefined();
  });
});

describe('launchOptions', () => {
  const home = picketHome('/tmp/picket-smoke-x');

  it('keeps the user data and the home folder inside the temp folder', () => {
    expect(home.userDataDir).toBe(path.join('/tmp/picket-smoke-x', 'home', '.config', 'Picket'));
    const { env } = launchOptions(home, { baseEnv: { PATH: '/usr/bin' }, platform: 'linux' });
    expect(env['XDG_CONFIG_HOME']).toBe(path.join('/tmp/picket-smoke-x', 'home', '.config'));
    expect(env['HOME']).toBe(path.join('/tmp/picket-smoke-x', 'home'));
    expect(env['PICKET_SMOKE_USER_DATA']).toBe(home.userDataDir);
  });

  it('starts the project as npm start does, after the network guard and the user-data folder', () => {
    const { args } = launchOptions(home, { baseEnv: {}, platform: 'linux' });
    expect(args.at(-1)).toBe(PROJECT_ROOT);
    expect(args.slice(0, 4)).toEqual(['-r', expect.stringMatching(/network-guard\.mjs$/), '-r', path.join(PROJECT_ROOT, 'test/electron/isolate-user-data.cjs')]);
    for (const preload of [args[1], args[3]]) expect(existsSync(preload ?? '')).toBe(true);
  });

  it('loads the built files on our display, never a dev server or Electron as plain Node', () => {
    const { env } = launchOptions(home, {
      display: ':42',
      baseEnv: { ELECTRON_RENDERER_URL: 'http://localhost:5173', ELECTRON_RUN_AS_NODE: '1', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0', PATH: '/usr/bin' },
      platform: 'linux',
    });
    expect(env).not.toHaveProperty('ELECTRON_RENDERER_URL');
    expect(env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
    expect(env).not.toHaveProperty('WAYLAND_DISPLAY');
    expect(env['DISPLAY']).toBe(':42');
    expect(env['PATH']).toBe('/usr/bin');
  });

  it('leaves HOME alone outside Linux', () => {
    const { env } = launchOptions(home, { baseEnv: { HOME: '/Users/someone' }, platform: 'darwin' });
    expect(env['HOME']).toBe('/Users/someone');
  });
});

const xvfb = findOnPath('Xvfb');

describe.skipIf(xvfb === undefined)('startXvfb', () => {
  it('starts an X server on a free display of its own and stops it', async () => {
    const [first, second] = await Promise.all([startXvfb(xvfb ?? ''), startXvfb(xvfb ?? '')]);
    try {
      expect(first?.display).toMatch(/^:\d+$/);
      expect(second?.display).not.toBe(first?.display);
      const socket = `/tmp/.X11-unix/X${first?.display.slice(1)}`;
      expect(existsSync(socket)).toBe(true);
      await first?.stop();
      expect(existsSync(socket)).toBe(false);
    } finally {
      await Promise.all([first?.stop(), second?.stop()]);
    }
  });
});

describe.skipIf(smokeTestSkipReason({ electronDir: ELECTRON_DIR, env: process.env, platform: process.platform, xvfbPath: xvfb }) !== NOT_INSTALLED)(
  'the smoke test on a machine without the Electron binary',
  () => {
    it('prints the one skip line, and Vitest reports every test of it skipped, none passed', () => {
      const report = path.join(root, 'report.json');
      const run = spawnSync(process.execPath, [VITEST, 'run', 'test/electron/desktop-app.test.ts', '--reporter=json', `--outputFile=${report}`], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n').filter((line) => line.startsWith('skipped: '))).toEqual([NOT_INSTALLED]);
      const results = JSON.parse(readFileSync(report, 'utf8')) as { testResults: Array<{ assertionResults: Array<{ status: string }> }> };
      const statuses = results.testResults.flatMap((file) => file.assertionResults.map((test) => test.status));
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set(['skipped']));
    }, 60_000);
  },
);
