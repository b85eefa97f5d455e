// The dashboard window: created hidden and shown once painted, hidden (not destroyed) on close so the
// app keeps running in the tray, and locked to the app's own renderer.
import type { BrowserWindowConstructorOptions } from 'electron';
import { guardNavigation, type GuardedContents, type PreventableEvent } from './navigation-guard.ts';
import { isRendererUrl, type RendererSource } from './renderer-source.ts';
import { windowWebPreferences } from './web-preferences.ts';

/** The part of Electron's BrowserWindow the window glue needs (a real BrowserWindow satisfies it). */
export interface MainWindowLike {
  webContents: GuardedContents;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  show(): void;
  hide(): void;
  loadFile(filePath: string): Promise<void>;
  loadURL(url: string): Promise<void>;
}

export interface MainWindowOptions<W extends MainWindowLike> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string;
  source: RendererSource;
  /** shell.openExternal. */
  openExternal: (url: string) => Promise<void> | void;
  /** True once the user chose Quit: only then does closing the window really close it. */
  isQuitting: () => boolean;
  /** Started at login: stay in the tray until the user opens the dashboard. */
  startHidden?: boolean;
  /** Optional window icon (Linux and Windows use it in the task bar). */
  icon?: string;
}

export function mainWindowOptions(preloadPath: string, icon?: string): BrowserWindowConstructorOptions {
  return {
    title: 'Picket',
    width: 1024,
    height: 720,
    minWidth: 640,
    minHeight: 420,
    show: false,
    autoHideMenuBar: true,
    ...(icon ? { icon } : {}),
    webPreferences: windowWebPreferences(preloadPath),
  };
}

export function createMainWindow<W extends MainWindowLike>(options: MainWindowOptions<W>): { window: W; loaded: Promise<void> } {
  const window = new options.BrowserWindow(mainWindowOptions(options.preloadPath, options.icon));
  guardNavigation(window.webContents, { isAppUrl: (url) => isRendererUrl(url, options.source), openExternal: options.openExternal });
  window.once('ready-to-show', () => {
    if (!options.startHidden) window.show();
  });
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  const loaded = options.source.kind === 'file' ? window.loadFile(options.source.indexPath) : window.loadURL(options.source.url);
  return { window, loaded };
}
