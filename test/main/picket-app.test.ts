// The desktop app's composition, with every Electron object faked and everything else real: the service,
// its store and history in a temp folder, and a local HTTP server the monitors watch.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_CHANNEL } from '../../electron/shared/bridge.ts';
import type { Envelope } from '../../electron/shared/contract-dispatch.ts';
import type { MonitorView } from '../../electron/shared/contract.ts';
import { fromMonitorList, MONITOR_LIST_FIELDS, type MonitorList } from '../../electron/shared/monitor-list.ts';
import { startPicketApp, type ElectronDeps, type RunningApp } from '../../electron/main/picket-app.ts';
import { startAlertReceiver } from '../fixtures/alert-receiver.ts';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';

class FakeWebContents extends EventEmitter {
  sent: Array<[string, ...unknown[]]> = [];
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
}

class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  static getAllWindows(): FakeWindow[] {
    return FakeWindow.all;
  }
  readonly webContents = new FakeWebContents();
  visible = false;
  loaded: string | undefined;
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    FakeWindow.all.push(this);
  }
  isDestroyed(): boolean {
    return false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  async loadFile(file: string): Promise<void> {
    this.loaded = file;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = url;
  }
}

class FakeTray extends EventEmitter {
  static last: FakeTray | undefined;
  image = '';
  tooltip = '';
  menu: unknown;
  constructor(image: string) {
    super();
    this.image = image;
    FakeTray.last = this;
  }
  setImage(image: string): void {
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu;
  }
}

class FakeNotification extends EventEmitter {
  static shown: Array<{ title: string; body: string }> = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string; silent: boolean }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push({ title: this.options.title, body: this.options.body });
  }
}

class FakeApp extends EventEmitter {
  isPackaged = true;
  exited: number | undefined;
  quitCalled = false;
  lock = true;
  loginItems: unknown[] = [];
  constructor(readonly userData: string) {
    super();
  }
  getPath(): string {
    return this.userData;
  }
  getLoginItemSettings(): { wasOpenedAtLogin?: boolean } {
    return {};
  }
  setLoginItemSettings(settings: unknown): void {
    this.loginItems.push(settings);
  }
  setAppUserModelId(): void {}
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
  quit(): void {
    this.quitCalled = true;
  }
  exit(code = 0): void {
    this.exited = code;
  }
  async whenReady(): Promise<void> {}
}

type IpcListener = Parameters<ElectronDeps<unknown>['ipcMain']['handle']>[1];

class FakeIpcMain {
  handlers = new Map<string, IpcListener>();
  handle(channel: string, listener: IpcListener): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

let dir: string;
let server: TestServer;
let healthy = true;
let fakeApp: FakeApp;
let ipcMain: FakeIpcMain;
let powerMonitor: EventEmitter;
let running: RunningApp | undefined;

function deps(): ElectronDeps<unknown> {
  return {
    app: fakeApp,
    BrowserWindow: FakeWindow as unknown as ElectronDeps<unknown>['BrowserWindow'],
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: unknown) => template },
    Notification: FakeNotification,
    nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
    powerMonitor,
    net: { isOnline: () => true },
    ipcMain,
    shell: { openExternal: async () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        webRequest: { onHeadersReceived: () => undefined },
      },
    },
    // Reversible and visibly "encrypted", like safeStorage's output.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(`sealed:${plain}`),
      decryptString: (sealed: Buffer) => sealed.toString().replace(/^sealed:/, ''),
    },
  };
}

async function start(): Promise<RunningApp> {
  const app = await startPicketApp(deps(), {
    mainDir: path.join(dir, 'out/main'),
    assetsDir: path.resolve(import.meta.dirname, '../../assets'),
    platform: 'linux',
    argv: ['electron', '.'],
    env: {},
    configHome: path.join(dir, 'config'),
  });
  if (!app) throw new Error('expected the app to start');
  running = app;
  return app;
}

const trustedFrame = (): { senderFrame: { url: string; parent: null } } => ({
  senderFrame: { url: `file://${path.join(dir, 'out/renderer/index.html')}`, parent: null },
});

async function request(name: string, params: unknown, event: unknown = trustedFrame()): Promise<Envelope> {
  const handler = ipcMain.handlers.get(REQUEST_CHANNEL);
  if (!handler) throw new Error('no IPC handler registered');
  return (await handler(event as Parameters<IpcListener>[0], name, params)) as Envelope;
}

async function until(predicate: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-app-'));
  healthy = true;
  server = await startHttpServer((_req, res) => {
    res.statusCode = healthy ? 200 : 503;
    res.end(healthy ? 'ok versions' : 'maintenance');
  });
  fakeApp = new FakeApp(path.join(dir, 'userData'));
  ipcMain = new FakeIpcMain();
  powerMonitor = new EventEmitter();
  FakeWindow.all = [];
  FakeNotification.shown = [];
});

afterEach(async () => {
  if (running && fakeApp.exited === undefined) await running.quit();
  running = undefined;
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the desktop app', () => {
  it('opens one secure window on the built renderer and answers the contract over IPC, only to its own frame', async () => {
    await start();
    expect(FakeWindow.all).toHaveLength(1);
    const [window] = FakeWindow.all as [FakeWindow];
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(window.loaded).toBe(path.join(dir, 'out/renderer/index.html'));
    expect(await request('listMonitors', {})).toEqual({ ok: true, result: expect.objectContaining({ fields: [...MONITOR_LIST_FIELDS], rows: [] }) });
    await expect(request('listMonitors', {}, { senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow('not the Picket window');
    expect(await request('getHistory', { monitorId: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });

  it('watches a monitor added through IPC: tray, tooltip and a notification follow its state', async () => {
    await start();
    const added = await request('addMonitor', {
      monitor: { id: 'api', name: 'API', type: 'http', url: `${server.url}/`, keyword: 'versions', failureThreshold: 1, intervalSeconds: 60 },
    });
    expect(added.ok).toBe(true);
    await request('checkNow', { monitorId: 'api' });
    await until(() => FakeTray.last?.tooltip === '1 up');
    expect(FakeTray.last?.image).toContain('tray-ok');

    healthy = false;
    await request('checkNow', { monitorId: 'api' });
    await until(() => FakeTray.last?.image.includes('tray-down') ?? false);
    expect(FakeTray.last?.tooltip).toBe('1 down');
    // The notifier groups alerts for a few seconds before it shows them.
    await until(() => FakeNotification.shown.length > 0);
    expect(FakeNotification.shown[0]?.title).toContain('API');
  });

  it('delivers a down alert to a channel added over IPC, with its token sealed, and says once that a failing channel fails', async () => {
    const receiver = await startAlertReceiver();
    receiver.respond = (request) => (request.path.startsWith('/broken') ? { status: 401, body: '' } : { status: 200, body: '{"event_id":"$1"}' });
    try {
      await start();
      const matrix = { id: 'ops', name: 'Ops room', type: 'matrix', homeserverUrl: receiver.url, accessToken: 'syt_bot_token', roomId: '!ops:example.net', default: true };
      expect(await request('saveChannel', { channel: matrix })).toMatchObject({ ok: true });
      expect(await request('saveChannel', { channel: { id: 'slack', name: 'Ops Slack', type: 'webhook', format: 'slack', url: `${receiver.url}/broken`, default: true } })).toMatchObject({ ok: true });
      expect(await readFile(path.join(dir, 'userData', 'picket.json'), 'utf8')).not.toContain('syt_bot_token');
      await request('addMonitor', { monitor: { id: 'api', name: 'API', type: 'http', url: `${server.url}/`, failureThreshold: 1, intervalSeconds: 60 } });
      await request('checkNow', { monitorId: 'api' });
      healthy = false;
      const downAt = Date.now();
      await request('checkNow', { monitorId: 'api' });
      await until(() => receiver.requests.some((r) => r.method === 'PUT'));
      expect(Date.now() - downAt).toBeLessThan(5_000);
      const put = receiver.requests.find((r) => r.method === 'PUT');
      expect(put?.headers.authorization).toBe('Bearer syt_bot_token');
      expect(JSON.parse(put?.body ?? '{}')).toMatchObject({ msgtype: 'm.text', body: expect.stringContaining('API is down') });
      await until(() => FakeNotification.shown.some((n) => n.title === 'Alerts to Ops Slack are failing: 401 Unauthorized'));
      expect(FakeNotification.shown.filter((n) => n.title.startsWith('Alerts to'))).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('stores passwords sealed by safeStorage and never sends them back in full', async () => {
    await start();
    await request('addMonitor', {
      monitor: { id: 'private', type: 'http', url: `${server.url}/`, auth: { type: 'basic', username: 'me', password: 'hunter2' } },
    });
    // The store writes a moment later, off the request's path.
    let stored = '';
    await until(() => (stored = readFileSync(path.join(dir, 'userData', 'picket.json'), 'utf8')).includes('enc:v1:'));
    expect(stored).not.toContain('hunter2');
    expect(stored).toContain('enc:v1:');
    const opened = (await request('getMonitor', { monitorId: 'private' })) as { ok: true; result: MonitorView };
    expect(opened.ok).toBe(true);
    expect(JSON.stringify(opened.result)).not.toContain('hunter2');
  });

  it('turns sleep into unknown, never down, and flushes history when it quits', async () => {
    const app = await start();
    await request('addMonitor', { monitor: { id: 'api', type: 'http', url: `${server.url}/`, intervalSeconds: 60 } });
    await request('checkNow', { monitorId: 'api' });
    powerMonitor.emit('suspend');
    const listed = (await request('listMonitors', {})) as { ok: true; result: MonitorList };
    expect(fromMonitorList(listed.result)[0]?.state).toBe('unknown');
    powerMonitor.emit('resume');

    const event = { preventDefault: () => undefined, prevented: false };
    event.preventDefault = () => {
      event.prevented = true;
    };
    fakeApp.emit('before-quit', event);
    expect(event.prevented).toBe(true);
    await until(() => fakeApp.exited === 0);
    expect(app.window).toBeDefined();
    running = undefined;
  });

  it('focuses the running instance instead of starting a second one', async () => {
    fakeApp.lock = false;
    const app = await startPicketApp(deps(), {
      mainDir: path.join(dir, 'out/main'),
      assetsDir: path.join(dir, 'assets'),
      platform: 'linux',
      argv: [],
      env: {},
      configHome: dir,
    });
    expect(app).toBeUndefined();
    expect(fakeApp.quitCalled).toBe(true);
    expect(FakeWindow.all).toHaveLength(0);
  });

  it('forwards a click on a tray item as an openMonitor event to the window', async () => {
    await start();
    await request('addMonitor', { monitor: { id: 'api', name: 'API', type: 'http', url: `${server.url}/`, failureThreshold: 1 } });
    healthy = false;
    await request('checkNow', { monitorId: 'api' });
    await until(() => JSON.stringify(FakeTray.last?.menu ?? '').includes('API'));
    const items = FakeTray.last?.menu as Array<{ label?: string; click?: () => void }>;
    items.find((item) => item.label?.startsWith('API'))?.click?.();
    const [window] = FakeWindow.all as [FakeWindow];
    expect(window.visible).toBe(true);
    expect(window.webContents.sent).toContainEqual(['picket:event', 'openMonitor', { monitorId: 'api' }]);
  });
});
