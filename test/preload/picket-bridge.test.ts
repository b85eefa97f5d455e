import type { IpcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createPicketBridge, type IpcRendererLike } from '../../electron/preload/picket-bridge.ts';
import { EVENT_CHANNEL, REQUEST_CHANNEL, type PicketBridge } from '../../electron/shared/bridge.ts';
import { REQUEST_NAMES } from '../../electron/shared/contract.ts';

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
  it('sends every request of the contract, as given, on the one channel', async () => {
    const { ipc } = fakeIpc();
    const bridge = createPicketBridge(ipc);
    await bridge.request('listMonitors', {});
    await bridge.request('getHistory', { monitorId: 'api', range: '24h' });
    await bridge.request('addMonitor', { monitor });
    await bridge.request('checkNow', {});
    const channel = { id: 'phone', name: 'Phone', type: 'ntfy', url: 'https://ntfy.example/t' } as const;
    await bridge.request('saveChannel', { channel });
    await bridge.request('setGroupChannels', { group: 'example.org', channelIds: ['phone'] });
    expect(ipc.invoke.mock.calls).toEqual([
      [REQUEST_CHANNEL, 'listMonitors', {}],
      [REQUEST_CHANNEL, 'getHistory', { monitorId: 'api', range: '24h' }],
      [REQUEST_CHANNEL, 'addMonitor', { monitor }],
      [REQUEST_CHANNEL, 'checkNow', {}],
      [REQUEST_CHANNEL, 'saveChannel', { channel }],
      [REQUEST_CHANNEL, 'setGroupChannels', { group: 'example.org', channelIds: ['phone'] }],
    ]);
  });

  it('knows every request of the contract without a line of its own', async () => {
    const { ipc } = fakeIpc();
    const bridge = createPicketBridge(ipc);
    for (const name of REQUEST_NAMES) await bridge.request(name, {});
    expect(ipc.invoke.mock.calls.map((call) => call[1])).toEqual([...REQUEST_NAMES]);
  });

  it('refuses an unknown request name in the window, with a clear error, without calling main', async () => {
    const { ipc } = fakeIpc();
    const bridge = createPicketBridge(ipc);
    await expect(bridge.request('dropTables' as 'listMonitors', {})).resolves.toEqual({
      ok: false,
      error: { code: 'invalid-params', message: 'unknown request "dropTables"' },
    });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('exposes functions only, never ipcRenderer', () => {
    const { ipc } = fakeIpc();
    const bridge = createPicketBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['on', 'request']);
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipc);
    }
  });

  it('resolves with a successful envelope', async () => {
    const list = { fields: [], rows: [] };
    const bridge = createPicketBridge(fakeIpc({ ok: true, result: list }).ipc);
    await expect(bridge.request('listMonitors', {})).resolves.toEqual({ ok: true, result: list });
  });

  it('resolves with the ContractError, code and issues intact (a rejection through contextBridge would lose them)', async () => {
    const error = { code: 'invalid-params', message: 'invalid monitor: url: is required', issues: [{ path: 'monitor.url', message: 'is required' }] };
    const bridge = createPicketBridge(fakeIpc({ ok: false, error }).ipc);
    await expect(bridge.request('addMonitor', { monitor })).resolves.toEqual({ ok: false, error });
  });

  it('reports a reply that is not an envelope as an internal error', async () => {
    const bridge = createPicketBridge(fakeIpc('surprise').ipc);
    await expect(bridge.request('getSettings', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/getSettings: malformed reply/) } });
  });

  it('reports a failed invoke (main gone, a foreign sender refused) as an internal error', async () => {
    const { ipc } = fakeIpc();
    ipc.invoke.mockRejectedValueOnce(new Error('request refused: the sender is not the Picket window'));
    await expect(createPicketBridge(ipc).request('getSettings', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'request refused: the sender is not the Picket window' },
    });
  });
});

describe('createPicketBridge events', () => {
  it('passes the payload only, for the subscribed event only', () => {
    const { ipc, emit } = fakeIpc();
    const bridge: PicketBridge = createPicketBridge(ipc);
    const received: unknown[][] = [];
    bridge.on('monitors', (...args: unknown[]) => received.push(args));
    emit('state', { monitorId: 'api' });
    emit('monitors', { fields: ['id'], rows: [['api']], removed: [] });
    expect(received).toEqual([[{ fields: ['id'], rows: [['api']], removed: [] }]]);
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
