// Start at login, hidden in the tray: macOS and Windows through Electron's login item, Linux through an
// XDG autostart entry (Electron has no login item there).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const HIDDEN_FLAG = '--hidden';
export const AUTOSTART_FILE = 'picket.desktop';

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface StartAtLoginOptions {
  app: LoginItemApp;
  platform: NodeJS.Platform;
  /** Linux: usually ~/.config/autostart ($XDG_CONFIG_HOME/autostart). */
  autostartDir: string;
  /** Linux: the program to start; for an AppImage, process.env.APPIMAGE rather than the mounted binary. */
  execPath: string;
}

// Desktop Entry spec: inside a quoted Exec argument, ", `, $ and \ are escaped with a backslash.
function quoteExecArgument(value: string): string {
  if (/^[A-Za-z0-9_./+-]+$/.test(value)) return value;
  return `"${value.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartDesktopEntry(execPath: string): string {
  if (!path.isAbsolute(execPath)) throw new Error(`execPath: must be an absolute path, got ${JSON.stringify(execPath)}`);
  if (/[\r\n]/.test(execPath)) throw new Error('execPath: must not contain a line break');
  // The Exec value is unescaped once as a string before it is split (so backslashes are doubled again),
  // and a literal % must be written %% so it is not read as a field code.
  const exec = `${quoteExecArgument(execPath).replace(/\\/g, '\\\\').replace(/%/g, '%%')} ${HIDDEN_FLAG}`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Picket',
    'Comment=Watches your endpoints from the tray',
    `Exec=${exec}`,
    'Icon=picket',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export async function applyStartAtLogin(enabled: boolean, options: StartAtLoginOptions): Promise<void> {
  const { app, platform } = options;
  if (platform === 'darwin') {
    // macOS 13+ dropped openAsHidden; a launch at login is detected with wasOpenedAtLogin instead.
    app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  if (platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    return;
  }
  const file = path.join(options.autostartDir, AUTOSTART_FILE);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(options.autostartDir, { recursive: true });
  await writeFile(file, autostartDesktopEntry(options.execPath), { mode: 0o644 });
}

/** Launched at login (by our flag, or by macOS): start in the tray without showing the window. */
export function shouldStartHidden(argv: readonly string[], loginItemSettings?: { wasOpenedAtLogin?: boolean }): boolean {
  return argv.includes(HIDDEN_FLAG) || loginItemSettings?.wasOpenedAtLogin === true;
}
