// Starts the built desktop app in a real Electron, driven by playwright-core, on a display of its own and
// with a temp user-data folder. Runs only where Electron's binary is installed (Electron 45 downloads it
// lazily, see build/scripts/electron-binary.mjs); elsewhere smokeTestSkipReason says why, in one line.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { installedElectronPath } from '../../build/scripts/electron-binary.mjs';
import { PROJECT_ROOT } from '../cli/cli-process.ts';

export const ELECTRON_DIR = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const NETWORK_GUARD = process.env['PICKET_NETWORK_GUARD'] ?? path.join(PROJECT_ROOT, 'test/setup/network-guard.mjs');
const ISOLATE_USER_DATA = path.join(PROJECT_ROOT, 'test/electron/isolate-user-data.cjs');
/** The name Electron gives the app from package.json's productName, which names its user-data folder. */
const PRODUCT_NAME = 'Picket';

export const NOT_INSTALLED =
  'skipped: Electron binary not installed, so the Electron smoke test did not run (install it with `npx install-electron`, or run `npm start` once)';
export const NO_DISPLAY = 'skipped: no X display, so the Electron smoke test did not run (install Xvfb, e.g. `apt-get install xvfb`, or set DISPLAY)';

export interface SkipInput {
  electronDir: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Xvfb's path, if it is installed (see findOnPath). */
  xvfbPath: string | undefined;
}

/** Why the smoke test cannot run on this machine, as the one line it prints; undefined when it can. */
export function smokeTestSkipReason(input: SkipInput): string | undefined {
  if (installedElectronPath({ electronDir: input.electronDir, env: input.env, platform: input.platform }) === undefined) return NOT_INSTALLED;
  if (input.platform === 'linux' && input.xvfbPath === undefined && !input.env['DISPLAY']) return NO_DISPLAY;
  return undefined;
}

/** The first executable called `name` in PATH. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface VirtualDisplay {
  /** For DISPLAY, e.g. ":99". */
  display: string;
  stop(): Promise<void>;
}

/** An Xvfb of our own: it picks a free display number itself (-displayfd), so parallel runs never collide. */
export async function startXvfb(xvfbPath: string, timeoutMs = 10_000): Promise<VirtualDisplay> {
  const child = spawn(xvfbPath, ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => {
    stderr += String(data);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const number = await new Promise<string>((resolve, reject) => {
      let written = '';
      const timer = setTimeout(() => reject(new Error(`Xvfb gave no display number within ${timeoutMs} ms`)), timeoutMs);
      child.stdio[3]?.on('data', (data: Buffer) => {
        written += String(data);
        const line = /^(\d+)\n/.exec(written);
        if (line?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(line[1]);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited (${code ?? 'signal'}) before it was ready: ${stderr.trim()}`));
      });
    });
    return { display: `:${number}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface PicketHome {
  /** Stands in for the home folder on Linux, where Chromium keeps its certificate database (~/.pki). */
  homeDir: string;
  /** Stands in for ~/.config (XDG_CONFIG_HOME): the app's autostart entry would go under it. */
  configHome: string;
  /** Where the app keeps picket.json and history/: configHome/Picket, as on Linux. */
  userDataDir: string;
}

/** The folders a launch uses, all inside `dir`, so the app never touches the real user's data. */
export function picketHome(dir: string): PicketHome {
  const homeDir = path.join(dir, 'home');
  const configHome = path.join(homeDir, '.config');
  return { homeDir, configHome, userDataDir: path.join(configHome, PRODUCT_NAME) };
}

/** The parts of the launch that are decisions, apart from launching: the arguments and the environment. */
export function launchOptions(
  home: PicketHome,
  options: { display?: string; baseEnv?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {},
): { args: string[]; env: Record<string, string> } {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.baseEnv ?? process.env)) if (value !== undefined) env[name] = value;
  // The built files, never a dev server; Electron as itself, never as plain Node.
  delete env['ELECTRON_RENDERER_URL'];
  delete env['ELECTRON_RUN_AS_NODE'];
  if (options.display !== undefined) {
    env['DISPLAY'] = options.display;
    delete env['WAYLAND_DISPLAY'];
  }
  // isolate-user-data.cjs sets userData from this; on Linux XDG_CONFIG_HOME (where the autostart entry goes) agrees with it.
  env['PICKET_SMOKE_USER_DATA'] = home.userDataDir;
  env['XDG_CONFIG_HOME'] = home.configHome;
  if ((options.platform ?? process.platform) === 'linux') env['HOME'] = home.homeDir;
  return {
    // Electron's -r modules load before the app's main: the network guard (playwright drops NODE_OPTIONS) and the user-data folder.
    args: ['-r', NETWORK_GUARD, '-r', ISOLATE_USER_DATA, '--disable-gpu', PROJECT_ROOT],
    env,
  };
}

/** Launches the built app (out/main/index.js, through package.json's main) as `npm start` does. */
export async function launchPicket(home: PicketHome, options: { display?: string } = {}): Promise<ElectronApplication> {
  for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(path.join(PROJECT_ROOT, built))) throw new Error(`${built} is not built: run \`npm run build\` (npm test and npm run test:electron do it first)`);
  }
  const { args, env } = launchOptions(home, options);
  // No executablePath: playwright then runs require('electron') and adds its loader, which holds back app
  // 'ready' until it is attached. smokeTestSkipReason has made sure that require finds the binary.
  return _electron.launch({ args, env, cwd: PROJECT_ROOT, timeout: 60_000 });
}
