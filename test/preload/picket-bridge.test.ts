import type { IpcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createPicketBridge, type IpcRendererLike } from '../../electron/preload/picket-bridge.ts';
import { EVENT_CHANNEL, REQUEST_CHANNEL, type PicketBridge } from '../../electron/shared/bridge.ts';
import { REQUEST_NAMES, type MonitorView } from '../../electron/shared/contract.ts';

// Compile-time: the real ipcRenderer satisfies the narrow shape (tsc fails otherwise).
export function realObjectsFit(ipcRenderer: IpcRenderer): IpcRendererLike {
  return ipcRenderer;
}

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(reply: unknown = { ok: true, result: 'fine' }) {
  const listeners = new Set<Listener>();
  const ipc = {
    invoke: vi.fn(async (_channel: string, ..._args: unknown[]) => reply),
    on: (_channel: string, listener: Listener) => listeners.add(listener),
    removeListener: (_channel: string, listener: Listener) => listeners.delete(listener),
  };
  // Electron passes the IpcRendererEvent first; it carries `sender` (the ipcRenderer itself).
  const emit = (...args: unknown[]) => {
    for (const listener of listeners) listener({ sender: ipc, ports: [] }, ...args);
  };
  return { ipc, listeners, emit };
}

const monitor = { id: 'api', name: 'API', type: 'http' as const, url: 'https://example.org' };

describe('createPicketBridge requests', () => {
  it('maps every task to one request on the one channel', async () => {
    const { ipc } = fakeIpc();
    const bridge = createPicketBridge(ipc);
    await bridge.listMonitors();
    await bridge.getHistory('api', '24h');
    await bridge.addMonitor(monitor);
    await bridge.editMonitor(monitor);
    await bridge.removeMonitor('api');
    await bridge.setPaused('api', true);
    await bridge.setMuted('api', false);
    await bridge.checkNow();
    await bridge.checkNow('api');
    await bridge.testMonitor(monitor);
    await bridge.importConfig('{}', 'merge');
    await bridge.exportConfig();
    await bridge.getSettings();
    await bridge.updateSettings({ theme: 'dark' });
    await bridge.pauseAlerts(null);
    await bridge.discoverHomeserver('example.org');
    await bridge.addHomeserver('example.org');
    await bridge.listHomeservers();
    await bridge.previewImport('gatus', 'ZW5kcG9pbnRzOiBbXQ==');
    await bridge.getProblems();
    const channel = { id: 'phone', name: 'Phone', type: 'ntfy', url: 'https://ntfy.example/t' } as const;
    await bridge.listChannels();
    await bridge.saveChannel(channel);
    await bridge.removeChannel('phone');
    await bridge.testChannel(channel);
    await bridge.setGroupChannels('example.org', ['phone']);
    expect(ipc.invoke.mock.calls).toEqual([
      [REQUEST_CHANNEL, 'listMonitors', {}],
      [REQUEST_CHANNEL, 'getHistory', { monitorId: 'api', range: '24h' }],
      [REQUEST_CHANNEL, 'addMonitor', { monitor }],
      [REQUEST_CHANNEL, 'editMonitor', { monitor }],
      [REQUEST_CHANNEL, 'removeMonitor', { monitorId: 'api' }],
      [REQUEST_CHANNEL, 'setPaused', { monitorId: 'api', paused: true }],
      [REQUEST_CHANNEL, 'setMuted', { monitorId: 'api', muted: false }],
      [REQUEST_CHANNEL, 'checkNow', {}],
      [REQUEST_CHANNEL, 'checkNow', { monitorId: 'api' }],
      [REQUEST_CHANNEL, 'testMonitor', { monitor }],
      [REQUEST_CHANNEL, 'importConfig', { json: '{}', mode: 'merge' }],
      [REQUEST_CHANNEL, 'exportConfig', {}],
      [REQUEST_CHANNEL, 'getSettings', {}],
      [REQUEST_CHANNEL, 'updateSettings', { patch: { theme: 'dark' } }],
      [REQUEST_CHANNEL, 'pauseAlerts', { until: null }],
      [REQUEST_CHANNEL, 'discoverHomeserver', { serverName: 'example.org' }],
      [REQUEST_CHANNEL, 'addHomeserver', { serverName: 'example.org' }],
      [REQUEST_CHANNEL, 'listHomeservers', {}],
      [REQUEST_CHANNEL, 'previewImport', { source: 'gatus', file: 'ZW5kcG9pbnRzOiBbXQ==' }],
      [REQUEST_CHANNEL, 'getProblems', {}],
      [REQUEST_CHANNEL, 'listChannels', {}],
      [REQUEST_CHANNEL, 'saveChannel', { channel }],
      [REQUEST_CHANNEL, 'removeChannel', { channelId: 'phone' }],
      [REQUEST_CHANNEL, 'testChannel', { channel }],
      [REQUEST_CHANNEL, 'setGroupChannels', { group: 'example.org', channelIds: ['phone'] }],
    ]);
    expect(new Set(ipc.invoke.mock.calls.map((call) => call[1]))).toEqual(new Set(REQUEST_NAMES));
  });

  it('exposes functions only, never ipcRenderer', () => {
    const { ipc } = fakeIpc();
    const bridge = createPicketBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual([...REQUEST_NAMES, 'on'].sort());
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipc);
    }
  });

  it('resolves with a successful envelope', async () => {
    const views: MonitorView[] = [];
    const bridge = createPicketBridge(fakeIpc({ ok: true, result: views }).ipc);
    await expect(bridge.listMonitors()).resolves.toEqual({ ok: true, result: views });
  });

  it('resolves with the ContractError, code and issues intact (a rejection through contextBridge would lose them)', async () => {
    const error = { code: 'invalid-params', message: 'invalid monitor: url: is required', issues: [{ path: 'monitor.url', message: 'is required' }] };
    const bridge = createPicketBridge(fakeIpc({ ok: false, error }).ipc);
    await expect(bridge.addMonitor(monitor)).resolves.toEqual({ ok: false, error });
  });

  it('reports a reply that is not an envelope as an internal error', async () => {
    const bridge = createPicketBridge(fakeIpc('surprise').ipc);
    await expect(bridge.getSettings()).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/getSettings: malformed reply/) } });
  });
});

describe('createPicketBridge events', () => {
  it('passes the payload only, for the subscribed event only', () => {
    const { ipc, emit } = fakeIpc();
    const bridge: PicketBridge = createPicketBridge(ipc);
    const received: unknown[][] = [];
    bridge.on('monitors', (...args: unknown[]) => received.push(args));
    emit('state', { monitorId: 'api' });
    emit('monitors', [{ id: 'api' }]);
    expect(received).toEqual([[[{ id: 'api' }]]]);
  });

  it('returns an unsubscribe function that removes its listener once', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = createPicketBridge(ipc);
    const callback = vi.fn();
    const other = vi.fn();
    const unsubscribe = bridge.on('results', callback);
    bridge.on('results', other);
    expect(listeners.size).toBe(2);
    unsubscribe();
    unsubscribe();
    expect(listeners.size).toBe(1);
    emit('results', []);
    expect(callback).not.toHaveBeenCalled();
    expect(other).toHaveBeenCalledWith([]);
  });

  it('refuses unknown events and non-function callbacks', () => {
    const bridge = createPicketBridge(fakeIpc().ipc);
    expect(() => bridge.on('everything' as 'results', () => undefined)).toThrow(/unknown event "everything"/);
    expect(() => bridge.on('results', 'nope' as unknown as () => void)).toThrow(/callback/);
  });

  it('listens on the event channel', () => {
    const { ipc } = fakeIpc();
    const on = vi.spyOn(ipc, 'on');
    createPicketBridge(ipc).on('alert', () => undefined);
    expect(on).toHaveBeenCalledWith(EVENT_CHANNEL, expect.any(Function));
  });
});
