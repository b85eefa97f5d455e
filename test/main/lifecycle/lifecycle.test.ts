import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { App } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_USER_MODEL_ID, applyAppUserModelId } from '../../../electron/main/lifecycle/app-user-model-id.ts';
import { enforceSingleInstance, type SingleInstanceApp } from '../../../electron/main/lifecycle/single-instance.ts';
import { AUTOSTART_FILE, applyStartAtLogin, autostartDesktopEntry, shouldStartHidden, type LoginItemApp } from '../../../electron/main/lifecycle/start-at-login.ts';

// Compile-time: the real app satisfies the narrow shapes (tsc fails otherwise).
export function realObjectsFit(app: App): [SingleInstanceApp, LoginItemApp] {
  return [app, app];
}

function fakeApp(gotLock: boolean) {
  const listeners = new Map<string, () => void>();
  return {
    listeners,
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    on: vi.fn((event: string, listener: () => void) => listeners.set(event, listener)),
    setLoginItemSettings: vi.fn(),
    setAppUserModelId: vi.fn(),
  };
}

describe('enforceSingleInstance', () => {
  it('quits when another instance holds the lock', () => {
    const app = fakeApp(false);
    const focus = vi.fn();
    expect(enforceSingleInstance(app, focus)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.listeners.has('second-instance')).toBe(false);
  });

  it('focuses the running instance when a second one starts', () => {
    const app = fakeApp(true);
    const focus = vi.fn();
    expect(enforceSingleInstance(app, focus)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    expect(focus).not.toHaveBeenCalled();
    app.listeners.get('second-instance')?.();
    expect(focus).toHaveBeenCalledOnce();
  });
});

describe('applyAppUserModelId', () => {
  it('sets the id on Windows only', () => {
    const windows = fakeApp(true);
    applyAppUserModelId(windows, 'win32');
    expect(windows.setAppUserModelId).toHaveBeenCalledWith(APP_USER_MODEL_ID);
    expect(APP_USER_MODEL_ID).toBe('org.picket.app');
    const linux = fakeApp(true);
    applyAppUserModelId(linux, 'linux');
    expect(linux.setAppUserModelId).not.toHaveBeenCalled();
  });
});

describe('applyStartAtLogin', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('uses the login item on macOS', async () => {
    const app = fakeApp(true);
    await applyStartAtLogin(true, { app, platform: 'darwin', autostartDir: '/nowhere', execPath: '/Applications/Picket.app' });
    await applyStartAtLogin(false, { app, platform: 'darwin', autostartDir: '/nowhere', execPath: '/Applications/Picket.app' });
    expect(app.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: true }], [{ openAtLogin: false }]]);
  });

  it('uses the login item with --hidden on Windows', async () => {
    const app = fakeApp(true);
    await applyStartAtLogin(true, { app, platform: 'win32', autostartDir: 'C:\\nowhere', execPath: 'C:\\Picket\\Picket.exe' });
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
  });

  it('writes and removes an autostart entry on Linux', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'picket-autostart-'));
    const autostartDir = path.join(dir, 'autostart');
    const app = fakeApp(true);
    await applyStartAtLogin(true, { app, platform: 'linux', autostartDir, execPath: '/opt/Picket/picket' });
    const file = path.join(autostartDir, AUTOSTART_FILE);
    expect(await readFile(file, 'utf8')).toBe(autostartDesktopEntry('/opt/Picket/picket'));
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    await applyStartAtLogin(false, { app, platform: 'linux', autostartDir, execPath: '/opt/Picket/picket' });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    // Turning it off twice is not an error.
    await applyStartAtLogin(false, { app, platform: 'linux', autostartDir, execPath: '/opt/Picket/picket' });
  });
});

describe('autostartDesktopEntry', () => {
  it('starts the app hidden', () => {
    const entry = autostartDesktopEntry('/opt/Picket/picket');
    expect(entry.split('\n')).toEqual(expect.arrayContaining(['[Desktop Entry]', 'Type=Application', 'Name=Picket', 'Exec=/opt/Picket/picket --hidden', 'Terminal=false']));
  });

  it('quotes paths with spaces and escapes reserved characters', () => {
    expect(autostartDesktopEntry('/home/a b/Picket.AppImage')).toContain('Exec="/home/a b/Picket.AppImage" --hidden');
    expect(autostartDesktopEntry('/home/$x/100%/p"q')).toContain('Exec="/home/\\\\$x/100%%/p\\\\"q" --hidden');
  });

  it('refuses relative paths and line breaks', () => {
    expect(() => autostartDesktopEntry('picket')).toThrow(/execPath: must be an absolute path/);
    expect(() => autostartDesktopEntry('/opt/picket\nExec=/bin/evil')).toThrow(/execPath: must not contain a line break/);
  });
});

describe('shouldStartHidden', () => {
  it('is true for the --hidden flag or a macOS launch at login', () => {
    expect(shouldStartHidden(['/opt/Picket/picket', '--hidden'])).toBe(true);
    expect(shouldStartHidden(['/Applications/Picket.app'], { wasOpenedAtLogin: true })).toBe(true);
    expect(shouldStartHidden(['/opt/Picket/picket'], { wasOpenedAtLogin: false })).toBe(false);
    expect(shouldStartHidden(['/opt/Picket/picket', '--hidden-not'])).toBe(false);
  });
});
