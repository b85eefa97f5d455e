// The composition root of the desktop app: it opens the service and wires the window, IPC, tray,
// notifications, power and network to it. Electron's objects come in as one parameter so a test can
// pass fakes; every decision lives in the modules it wires, not here.
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { AppSettings, EventMap, EventName } from '../shared/contract.ts';
import type { ContractHandler } from '../shared/contract-dispatch.ts';
import { PicketService, type SecretCodec } from '../core/service/picket-service.ts';
import { registerIpc, type IpcMainLike } from './ipc/register-ipc.ts';
import { trustRendererFrames } from './ipc/sender-trust.ts';
import { applyAppUserModelId } from './lifecycle/app-user-model-id.ts';
import { enforceSingleInstance, type SingleInstanceApp } from './lifecycle/single-instance.ts';
import { applyStartAtLogin, shouldStartHidden, type LoginItemApp } from './lifecycle/start-at-login.ts';
import { Notifier, type NotificationFactory } from './notifications/notifier.ts';
import { watchNetwork } from './power/network-watch.ts';
import { wirePower, type PowerMonitorLike } from './power/power-wiring.ts';
import { TrayService, type MenuFactory, type ThemeSource, type TrayLike } from './tray/tray-service.ts';
import { trayIconPath } from './tray/tray-icon.ts';
import { createMainWindow, type MainWindowLike } from './window/main-window.ts';
import { guardAllWebContents, type ContentsCreatedSource } from './window/guard-all-contents.ts';
import { policyForSource } from './window/content-security-policy.ts';
import { isRendererUrl, resolveRendererSource } from './window/renderer-source.ts';
import { hardenSession, type HardenedSession } from './window/session-security.ts';

/** A window as the app uses it: the main-window contract plus focus and the event channel. */
export interface AppWindow extends MainWindowLike {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  webContents: MainWindowLike['webContents'] & { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void };
}

/** The part of Electron the app uses; the real module satisfies it (see index.ts). */
export interface ElectronDeps<TMenu> {
  app: SingleInstanceApp &
    ContentsCreatedSource &
    LoginItemApp & {
      isPackaged: boolean;
      getPath(name: 'userData'): string;
      getLoginItemSettings(): { wasOpenedAtLogin?: boolean };
      setAppUserModelId(id: string): void;
      on(event: 'window-all-closed' | 'activate', listener: () => void): unknown;
      on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
      exit(code?: number): void;
      whenReady(): Promise<unknown>;
    };
  BrowserWindow: (new (options: BrowserWindowConstructorOptions) => AppWindow) & { getAllWindows(): AppWindow[] };
  Tray: new (iconPath: string) => TrayLike<TMenu>;
  Menu: MenuFactory<TMenu>;
  Notification: NotificationFactory;
  nativeTheme: ThemeSource;
  powerMonitor: PowerMonitorLike;
  net: { isOnline(): boolean };
  ipcMain: IpcMainLike;
  shell: { openExternal(url: string): Promise<void> };
  session: { defaultSession: HardenedSession };
  safeStorage: { isEncryptionAvailable(): boolean; encryptString(plain: string): Buffer; decryptString(encrypted: Buffer): string };
}

export interface AppPaths {
  /** out/main: where the built main process runs from. */
  mainDir: string;
  /** assets/ with the tray icons. */
  assetsDir: string;
  platform: NodeJS.Platform;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** ~/.config (Linux autostart lives under it). */
  configHome: string;
}

export interface RunningApp {
  service: PicketService;
  window: AppWindow;
  quit(): Promise<void>;
}

/** Passwords and tokens at rest: the OS keychain through safeStorage, or none when it is unavailable. */
export function safeStorageCodec(safeStorage: ElectronDeps<unknown>['safeStorage']): SecretCodec | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}

/** The service's events plus the shell's own "show this monitor", as one handler for the IPC transport. */
function withShellEvents(service: PicketService): ContractHandler & { openMonitor(monitorId: string): void } {
  const openListeners = new Set<(payload: EventMap['openMonitor']) => void>();
  return {
    handle: (name, params) => service.handle(name, params),
    on<Name extends EventName>(name: Name, listener: (payload: EventMap[Name]) => void): () => void {
      if (name !== 'openMonitor') return service.on(name, listener);
      const typed = listener as (payload: EventMap['openMonitor']) => void;
      openListeners.add(typed);
      return () => openListeners.delete(typed);
    },
    openMonitor(monitorId) {
      for (const listener of openListeners) listener({ monitorId });
    },
  };
}

/** Returns undefined when another instance is already running (it is focused instead, and this one quits). */
export async function startPicketApp<TMenu>(electron: ElectronDeps<TMenu>, paths: AppPaths): Promise<RunningApp | undefined> {
  const { app } = electron;
  // Filled once the window exists; a second launch before that has nothing to focus yet.
  const shown: { window?: AppWindow } = {};
  const showWindow = (): void => {
    const window = shown.window;
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  if (!enforceSingleInstance(app, showWindow)) return undefined;
  applyAppUserModelId(app, paths.platform);
  await app.whenReady();

  const codec = safeStorageCodec(electron.safeStorage);
  const service = await PicketService.open({
    dataDir: app.getPath('userData'),
    ...(codec ? { secretCodec: codec } : {}),
  });
  if (service.openReport.recovered) console.error(`picket: ${service.openReport.problem ?? 'the data file was damaged'}; moved to ${service.openReport.movedAsideTo ?? '?'}`);

  const source = resolveRendererSource({
    devServerUrl: paths.env['ELECTRON_RENDERER_URL'],
    isPackaged: app.isPackaged,
    indexPath: path.join(paths.mainDir, '../renderer/index.html'),
  });
  hardenSession(electron.session.defaultSession, policyForSource(source));
  const openExternal = (url: string): Promise<void> => electron.shell.openExternal(url);
  guardAllWebContents(app, { isAppUrl: (url) => isRendererUrl(url, source), openExternal });

  let quitting = false;
  const created = createMainWindow({
    BrowserWindow: electron.BrowserWindow,
    preloadPath: path.join(paths.mainDir, '../preload/index.cjs'),
    source,
    openExternal,
    isQuitting: () => quitting,
    startHidden: shouldStartHidden(paths.argv, app.getLoginItemSettings()),
  });
  const window = created.window;
  shown.window = window;

  const handler = withShellEvents(service);
  const disposeIpc = registerIpc({
    ipcMain: electron.ipcMain,
    handler,
    isTrustedSender: trustRendererFrames(source),
    getWindows: () => electron.BrowserWindow.getAllWindows(),
  });
  const openMonitor = (monitorId: string): void => {
    showWindow();
    handler.openMonitor(monitorId);
  };

  let offline = false;
  // The setting is the truth (the dashboard or the tray changes it); the OS registration follows it.
  let registeredAtLogin: boolean | undefined;
  const followStartAtLogin = (settings: AppSettings): void => {
    if (settings.startAtLogin === registeredAtLogin) return;
    registeredAtLogin = settings.startAtLogin;
    applyStartAtLogin(settings.startAtLogin, {
      app,
      platform: paths.platform,
      autostartDir: path.join(paths.configHome, 'autostart'),
      execPath: paths.env['APPIMAGE'] ?? process.execPath,
    }).catch((error: unknown) => console.error('picket: could not change start at login:', error));
  };
  followStartAtLogin(service.settings());
  const unfollowSettings = service.on('settings', followStartAtLogin);
  const quit = async (): Promise<void> => {
    if (quitting) return;
    quitting = true;
    stopNetwork();
    unwirePower();
    unfollowSettings();
    trayService.dispose();
    notifier.dispose();
    disposeIpc();
    // History is flushed before the process goes: a quit never loses results.
    await service.close();
    app.exit(0);
  };

  const tray = new electron.Tray(trayIconPath('idle', paths.platform, electron.nativeTheme.shouldUseDarkColors, paths.assetsDir));
  const trayService = new TrayService({
    tray,
    Menu: electron.Menu,
    nativeTheme: electron.nativeTheme,
    source: service,
    platform: paths.platform,
    assetsDir: paths.assetsDir,
    isOffline: () => offline,
    settings: () => service.settings(),
    actions: {
      openMonitor,
      checkAllNow: () => void service.handle('checkNow', {}),
      pauseAlerts: (until) => void service.handle('pauseAlerts', { until }),
      openDashboard: showWindow,
      setStartAtLogin: (enabled) => void service.handle('updateSettings', { patch: { startAtLogin: enabled } }),
      quit: () => void quit(),
    },
  });
  trayService.start();

  const notifier = new Notifier({ Notification: electron.Notification, source: service.alerting, openMonitor, settings: () => service.settings() });
  notifier.start();
  const unwirePower = wirePower({ powerMonitor: electron.powerMonitor, source: service });
  const stopNetwork = watchNetwork({
    isOnline: () => electron.net.isOnline(),
    source: service,
    onChange: (online) => {
      offline = !online;
      trayService.refresh();
    },
  });

  // A tray app: closing the last window keeps it running; Quit (tray, Cmd-Q) goes through quit().
  app.on('window-all-closed', () => undefined);
  app.on('activate', showWindow);
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    void quit();
  });

  return { service, window, quit };
}
