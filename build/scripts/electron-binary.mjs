// Where Electron's binary is, if it is installed: the one answer `npm start` (ensure-electron.mjs) and the
// Electron smoke test (test/electron/) share. Electron 45 downloads its binary lazily, so an installed
// `electron` package may have none. This asks what Electron's own install.js asks, without downloading.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

/** The executable's path inside dist/ for the platform Electron's installer fetches (it honours the same variables). */
export function electronPlatformPath(env = process.env, platform = process.platform) {
  const target = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || platform;
  if (target === 'darwin' || target === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  return target === 'win32' ? 'electron.exe' : 'electron';
}

/**
 * The absolute path of the installed Electron executable, or undefined when there is none: no dist/, a
 * dist/ of another version than the package, or one fetched for another platform. Only node_modules/electron/dist
 * counts (not ELECTRON_OVERRIDE_DIST_PATH): electron-vite, which `npm start` runs, reads path.txt and dist/ only.
 * @param {{ electronDir: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform }} options
 * @returns {string | undefined}
 */
export function installedElectronPath({ electronDir, env = process.env, platform = process.platform }) {
  try {
    const { version } = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8'));
    const distVersion = readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    // path.txt is written last by the installer: without it, a dist/ may be half extracted.
    const recorded = readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
    if (distVersion !== version || recorded !== electronPlatformPath(env, platform)) return undefined;
    const executable = path.join(electronDir, 'dist', recorded);
    return existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}
