// The desktop app in a real Electron: the built app (npm run build) launched by playwright-core on an Xvfb
// of its own, with a temp user-data folder seeded with one monitor of a local server and a loopback
// reference target. Where Electron's binary is not installed it prints one line and is reported skipped.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PicketService } from '../../electron/core/service/picket-service.ts';
import { contentSecurityPolicy } from '../../electron/main/window/content-security-policy.ts';
import type { IpcEnvelope, PicketBridge } from '../../electron/shared/bridge.ts';
import { fromMonitorList, type MonitorList } from '../../electron/shared/monitor-list.ts';
import { PROJECT_ROOT } from '../cli/cli-process.ts';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { ELECTRON_DIR, findOnPath, launchPicket, picketHome, smokeTestSkipReason, startXvfb, type VirtualDisplay } from './electron-app.ts';

const xvfbPath = findOnPath('Xvfb');
const skipReason = smokeTestSkipReason({ electronDir: ELECTRON_DIR, env: process.env, platform: process.platform, xvfbPath });
// Written straight to stdout, so the reason stands as one line of its own in the run's output.
if (skipReason !== undefined) process.stdout.write(`${skipReason}\n`);

const MONITOR_NAME = 'Smoke target';
const TRAY_MENUS = 'picketSmokeTrayMenus';

/** What the page's own world may see: the bridge, and nothing of Node. */
type PageGlobals = Record<string, unknown> & { picket: PicketBridge };

let dir: string;
let target: TestServer;
let display: VirtualDisplay | undefined;
let app: ElectronApplication;
let page: Page;
/** What the app printed, shown when a test fails: a crash or an error of the main process explains most failures. */
const appOutput: string[] = [];
const home = () => picketHome(dir);

/** The app's data before its first start: what serve --config or an import would have left there. */
async function seedUserData(userDataDir: string, referencePort: number, monitorUrl: string): Promise<void> {
  await mkdir(userDataDir, { recursive: true });
  const service = await PicketService.open({ dataDir: userDataDir });
  try {
    const json = JSON.stringify({
      version: 1,
      // A reference target on loopback: the offline guard never reaches for the internet.
      settings: { referenceTarget: `127.0.0.1:${referencePort}` },
      monitors: [{ id: 'smoke-target', name: MONITOR_NAME, type: 'http', url: monitorUrl, intervalSeconds: 60 }],
    });
    await service.handle('importConfig', { json, mode: 'merge' });
  } finally {
    await service.close();
  }
}

// A real app on a shared CI machine: room for a slow start, never an endless wait (every wait below has its own bound).
describe.skipIf(skipReason !== undefined)('Picket in a real Electron', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'picket-electron-'));
    target = await startHttpServer((_req, res) => res.end('ok'));
    await seedUserData(home().userDataDir, target.port, `${target.url}/`);
    if (process.platform === 'linux' && xvfbPath !== undefined) display = await startXvfb(xvfbPath);
    app = await launchPicket(home(), display ? { display: display.display } : {});
    for (const stream of [app.process().stdout, app.process().stderr]) stream?.on('data', (data: Buffer) => appOutput.push(String(data)));
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 90_000);

  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      if (appOutput.length > 0) console.error(`What the app printed:\n${appOutput.join('')}`);
    });
  });

  afterAll(async () => {
    // Normally the last test has quit it; after a failure, close what is left.
    if (app && app.process().exitCode === null) await app.close().catch(() => app.process().kill('SIGKILL'));
    await display?.stop();
    await target?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('keeps its data in the temp user-data folder', async () => {
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(home().userDataDir);
  });

  it('opens the dashboard window with its security settings', async () => {
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.isVisible())), { timeout: 20_000 }).toEqual([true]);

    // The built renderer, never a dev server (the dashboard keeps its route in the hash).
    expect(page.url().split('#')[0]).toBe(pathToFileURL(path.join(PROJECT_ROOT, 'out/renderer/index.html')).href);

    // What Electron applied (getLastWebPreferences is what Electron keeps of the options it was given).
    const applied = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> } | undefined;
      const all = contents?.getLastWebPreferences?.();
      if (all === undefined) return undefined;
      const { contextIsolation, sandbox, nodeIntegration, nodeIntegrationInSubFrames, webSecurity, webviewTag } = all;
      return { contextIsolation, sandbox, nodeIntegration, nodeIntegrationInSubFrames, webSecurity, webviewTag };
    });
    expect(applied, 'webContents.getLastWebPreferences() is missing from this Electron').toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });

    // What the page can see: the bridge only, none of Node.
    const seen = await page.evaluate(() => {
      const globals = globalThis as unknown as PageGlobals;
      return { picket: typeof globals.picket, require: typeof globals['require'], process: typeof globals['process'], module: typeof globals['module'], Buffer: typeof globals['Buffer'] };
    });
    expect(seen).toEqual({ picket: 'object', require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });

    // The Content-Security-Policy: the one main computes, and enforced (no eval, no inline script).
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(contentSecurityPolicy());
    // Later, in a task of the page's own: code evaluated by DevTools itself may always eval.
    const evalLater = await page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          setTimeout(() => {
            try {
              // eslint-disable-next-line @typescript-eslint/no-implied-eval -- on purpose: the page's CSP must refuse it
              (new Function('return 1') as () => number)();
              resolve('new Function ran');
            } catch (error) {
              resolve(error instanceof Error ? error.name : String(error));
            }
          }, 0),
        ),
    );
    expect(evalLater).toBe('EvalError');
    const inline = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true });
      const script = document.createElement('script');
      script.textContent = 'window.picketInlineRan = true';
      document.head.append(script);
      setTimeout(() => resolve(window.picketInlineRan === true ? 'inline script ran' : 'no violation reported'), 5000);
    })`);
    expect(inline).toMatch(/^script-src/);
  });

  it('answers a request through the preload bridge with the seeded monitor', async () => {
    const reply = await page.evaluate(() => (globalThis as unknown as PageGlobals).picket.request('listMonitors', {}));
    expect(reply.ok).toBe(true);
    const list = (reply as IpcEnvelope<MonitorList> & { ok: true; result: MonitorList }).result;
    expect(fromMonitorList(list).map((item) => item.name)).toEqual([MONITOR_NAME]);
    await page.getByText(MONITOR_NAME).first().waitFor({ state: 'visible', timeout: 20_000 });
  });

  it('creates the tray and keeps its menu in step with the engine', async () => {
    // Electron cannot list trays; the app's tray sets its menu anew on every change, so each menu it is
    // given is recorded from outside, by wrapping Tray.prototype.setContextMenu in the running main process.
    await app.evaluate(({ Tray }, key) => {
      const seen: Array<{ tray: InstanceType<typeof Tray>; menu: Parameters<InstanceType<typeof Tray>['setContextMenu']>[0] }> = [];
      (globalThis as Record<string, unknown>)[key] = seen;
      const setContextMenu = Tray.prototype.setContextMenu;
      Tray.prototype.setContextMenu = function (this: InstanceType<typeof Tray>, menu) {
        seen.push({ tray: this, menu });
        setContextMenu.call(this, menu);
      };
    }, TRAY_MENUS);
    // A change made through the bridge reaches the tray: pausing alerts adds "Resume alerts".
    const paused = await page.evaluate((until) => (globalThis as unknown as PageGlobals).picket.request('pauseAlerts', { until }), Date.now() + 3_600_000);
    expect(paused.ok).toBe(true);
    const lastMenu = () =>
      app.evaluate((_electron, key) => {
        const seen = (globalThis as Record<string, unknown>)[key] as Array<{ tray: { isDestroyed(): boolean }; menu: { items: Array<{ label: string }> } | null }>;
        const last = seen.at(-1);
        return last ? { trays: new Set(seen.map((entry) => entry.tray)).size, destroyed: last.tray.isDestroyed(), labels: last.menu?.items.map((item) => item.label) ?? [] } : undefined;
      }, TRAY_MENUS);
    await expect.poll(async () => (await lastMenu())?.labels.some((label) => label.startsWith('Resume alerts')), { timeout: 10_000 }).toBe(true);
    const menu = await lastMenu();
    expect(menu).toMatchObject({ trays: 1, destroyed: false });
    expect(menu?.labels).toEqual(expect.arrayContaining(['Check all now', 'Open dashboard', 'Quit Picket']));
  });

  it('keeps running in the tray when the window is closed, and the tray opens it again', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.isVisible())), { timeout: 10_000 }).toEqual([false]);
    // Give a wrongly wired app time to quit: it must still be there, its engine still answering.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(app.process().exitCode).toBeNull();
    const reply = await page.evaluate(() => (globalThis as unknown as PageGlobals).picket.request('listMonitors', {}));
    expect(reply.ok).toBe(true);

    // "Open dashboard" in the tray's menu, clicked as Electron would.
    await app.evaluate((_electron, key) => {
      const seen = (globalThis as Record<string, unknown>)[key] as Array<{ menu: { items: Array<{ label: string; click: () => void }> } | null }>;
      seen.at(-1)?.menu?.items.find((item) => item.label === 'Open dashboard')?.click();
    }, TRAY_MENUS);
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.isVisible())), { timeout: 10_000 }).toEqual([true]);
  });

  it('quits from the tray cleanly, keeping what was saved', async () => {
    const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
    // The click returns before the app is gone; if the exit wins the race, the evaluation's reply is lost, not the quit.
    const clicked = await app
      .evaluate((_electron, key) => {
        const seen = (globalThis as Record<string, unknown>)[key] as Array<{ menu: { items: Array<{ label: string; click: () => void }> } | null }>;
        const quit = seen.at(-1)?.menu?.items.find((item) => item.label === 'Quit Picket');
        quit?.click();
        return quit !== undefined;
      }, TRAY_MENUS)
      .catch(() => true);
    expect(clicked, 'the tray menu has no "Quit Picket"').toBe(true);
    const stillRunning = new Promise<string>((resolve) => setTimeout(() => resolve('still running 20 s after Quit'), 20_000).unref());
    expect(await Promise.race([exited, stillRunning])).toBe(0);
    const service = await PicketService.open({ dataDir: home().userDataDir });
    try {
      expect(service.views().map((view) => view.monitor.name)).toEqual([MONITOR_NAME]);
      expect(service.settings().alertsPausedUntil).toBeGreaterThan(Date.now());
    } finally {
      await service.close();
    }
  });
});
