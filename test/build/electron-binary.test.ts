// Is Electron's binary there? Asked of fake `electron` package folders in a temp folder: installed, never
// downloaded, half extracted, of another version, or fetched for another platform.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronPlatformPath, installedElectronPath } from '../../build/scripts/electron-binary.mjs';

const VERSION = '45.5.0';
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'picket-electron-dir-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An `electron` package folder as npm leaves it, and optionally with what Electron's installer adds. */
async function fakeElectron(options: { dist?: { version: string; executable: string }; pathTxt?: string } = {}): Promise<string> {
  const electronDir = path.join(root, 'electron');
  await mkdir(electronDir, { recursive: true });
  await writeFile(path.join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: VERSION }));
  if (options.dist) {
    const executable = path.join(electronDir, 'dist', options.dist.executable);
    await mkdir(path.dirname(executable), { recursive: true });
    await writeFile(path.join(electronDir, 'dist', 'version'), options.dist.version);
    await writeFile(executable, '#!/bin/sh\n');
    await chmod(executable, 0o755);
  }
  if (options.pathTxt !== undefined) await writeFile(path.join(electronDir, 'path.txt'), options.pathTxt);
  return electronDir;
}

const linux = { env: {}, platform: 'linux' as const };

describe('installedElectronPath', () => {
  it('finds the executable Electron installed for this platform', async () => {
    const electronDir = await fakeElectron({ dist: { version: `v${VERSION}`, executable: 'electron' }, pathTxt: 'electron' });
    expect(installedElectronPath({ electronDir, ...linux })).toBe(path.join(electronDir, 'dist', 'electron'));
  });

  it('finds none in a package whose binary was never downloaded (Electron 45 fetches it lazily)', async () => {
    const electronDir = await fakeElectron();
    expect(installedElectronPath({ electronDir, ...linux })).toBeUndefined();
  });

  it('finds none in a dist/ the installer has not finished (no path.txt yet)', async () => {
    const electronDir = await fakeElectron({ dist: { version: VERSION, executable: 'electron' } });
    expect(installedElectronPath({ electronDir, ...linux })).toBeUndefined();
  });

  it('finds none when dist/ holds another version than the package', async () => {
    const electronDir = await fakeElectron({ dist: { version: '44.0.0', executable: 'electron' }, pathTxt: 'electron' });
    expect(installedElectronPath({ electronDir, ...linux })).toBeUndefined();
  });

  it('finds none when the binary was fetched for another platform', async () => {
    const electronDir = await fakeElectron({ dist: { version: VERSION, executable: 'electron.exe' }, pathTxt: 'electron.exe' });
    expect(installedElectronPath({ electronDir, ...linux })).toBeUndefined();
    expect(installedElectronPath({ electronDir, env: {}, platform: 'win32' })).toBe(path.join(electronDir, 'dist', 'electron.exe'));
  });

  it('finds none when path.txt names an executable that is missing', async () => {
    const electronDir = await fakeElectron({ dist: { version: VERSION, executable: 'something-else' }, pathTxt: 'electron' });
    expect(installedElectronPath({ electronDir, ...linux })).toBeUndefined();
  });

  it('ignores ELECTRON_OVERRIDE_DIST_PATH, as electron-vite (which npm start runs) does', async () => {
    const electronDir = await fakeElectron();
    const cached = path.join(root, 'cached-dist');
    await mkdir(cached);
    await writeFile(path.join(cached, 'version'), VERSION);
    await writeFile(path.join(cached, 'electron'), '');
    expect(installedElectronPath({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: cached }, platform: 'linux' })).toBeUndefined();
  });
});

describe('electronPlatformPath', () => {
  it('names the executable inside dist/ for the platform the installer targets', () => {
    expect(electronPlatformPath({}, 'linux')).toBe('electron');
    expect(electronPlatformPath({}, 'darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(electronPlatformPath({}, 'win32')).toBe('electron.exe');
    expect(electronPlatformPath({ ELECTRON_INSTALL_PLATFORM: 'win32' }, 'linux')).toBe('electron.exe');
  });
});
