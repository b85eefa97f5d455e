import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { guardAllWebContents } from '../../../electron/main/window/guard-all-contents.ts';
import { createMainWindow, type MainWindowLike } from '../../../electron/main/window/main-window.ts';
import { guardNavigation, type GuardedContents, type PreventableEvent } from '../../../electron/main/window/navigation-guard.ts';
import type { RendererSource } from '../../../electron/main/window/renderer-source.ts';

type Listener = (...args: never[]) => unknown;

class FakeContents implements GuardedContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  listeners = new Map<string, Listener[]>();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  /** Fires an event like Electron does and reports whether a listener prevented it. */
  emit(event: string, url?: string): boolean {
    let prevented = false;
    const e: PreventableEvent = { preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) (listener as (e: PreventableEvent, url?: string) => void)(e, url);
    return prevented;
  }
}

class FakeWindow implements MainWindowLike {
  static created: FakeWindow[] = [];
  webContents = new FakeContents();
  handlers = new Map<string, Listener>();
  visible = false;
  loaded: string[] = [];
  constructor(public options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this);
  }
  once(event: string, listener: Listener): this {
    this.handlers.set(event, listener);
    return this;
  }
  on(event: string, listener: Listener): this {
    this.handlers.set(event, listener);
    return this;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  async loadFile(file: string): Promise<void> {
    this.loaded.push(`file:${file}`);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(`url:${url}`);
  }
}

const indexPath = path.resolve('/opt/picket/resources/app.asar/out/renderer/index.html');
const fileSource: RendererSource = { kind: 'file', indexPath };
const appUrl = pathToFileURL(indexPath).href;

function open(overrides: { startHidden?: boolean; quitting?: boolean; source?: RendererSource } = {}) {
  const openExternal = vi.fn(async (_url: string) => undefined);
  let quitting = overrides.quitting ?? false;
  const { window, loaded } = createMainWindow({
    BrowserWindow: FakeWindow,
    preloadPath: '/opt/picket/out/preload/index.cjs',
    source: overrides.source ?? fileSource,
    openExternal,
    isQuitting: () => quitting,
    startHidden: overrides.startHidden ?? false,
  });
  return { window, loaded, openExternal, quit: () => (quitting = true) };
}

describe('createMainWindow', () => {
  it('creates a hidden, sandboxed window and shows it once painted', async () => {
    const { window, loaded } = open();
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/opt/picket/out/preload/index.cjs' });
    expect(window.visible).toBe(false);
    window.handlers.get('ready-to-show')?.();
    expect(window.visible).toBe(true);
    await loaded;
    expect(window.loaded).toEqual([`file:${indexPath}`]);
  });

  it('stays in the tray when started at login', () => {
    const { window } = open({ startHidden: true });
    window.handlers.get('ready-to-show')?.();
    expect(window.visible).toBe(false);
  });

  it('loads the dev server URL in development', async () => {
    const { window, loaded } = open({ source: { kind: 'dev-server', url: 'http://localhost:5173/' } });
    await loaded;
    expect(window.loaded).toEqual(['url:http://localhost:5173/']);
  });

  it('hides on close until the user quits', () => {
    const { window, quit } = open();
    window.show();
    let prevented = false;
    (window.handlers.get('close') as (e: PreventableEvent) => void)({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(window.visible).toBe(false);

    quit();
    prevented = false;
    (window.handlers.get('close') as (e: PreventableEvent) => void)({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });

  it('denies every new window and sends only web links to the browser', async () => {
    const { window, openExternal } = open();
    const handler = window.webContents.openHandler;
    expect(handler?.({ url: 'https://example.org/docs' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: appUrl })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalledTimes(1));
    expect(openExternal).toHaveBeenCalledWith('https://example.org/docs');
  });

  it('blocks navigation and redirects away from the renderer', async () => {
    const { window, openExternal } = open();
    const contents = window.webContents;
    expect(contents.emit('will-navigate', appUrl)).toBe(false);
    expect(contents.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-redirect', appUrl)).toBe(false);
    expect(contents.emit('will-attach-webview')).toBe(true);
    // A followed web link opens in the browser instead; a file: URL never leaves.
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalledWith('https://evil.example/'));
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('survives a failing openExternal', async () => {
    const contents = new FakeContents();
    const openExternal = vi.fn(async () => {
      throw new Error('no browser');
    });
    guardNavigation(contents, { isAppUrl: () => false, openExternal });
    expect(contents.openHandler?.({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalled());
  });
});

describe('guardAllWebContents', () => {
  it('guards every created web contents once, even the already guarded main window', () => {
    let created: ((event: unknown, contents: GuardedContents) => void) | undefined;
    const app = { on: (_event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void) => (created = listener) };
    const openExternal = vi.fn();
    guardAllWebContents(app, { isAppUrl: () => false, openExternal });
    const fresh = new FakeContents();
    created?.({}, fresh);
    expect(fresh.emit('will-navigate', 'https://example.org/')).toBe(true);

    const { window } = open();
    created?.({}, window.webContents);
    expect(window.webContents.listeners.get('will-navigate')).toHaveLength(1);
  });
});
