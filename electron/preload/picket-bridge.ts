// Builds window.picket from an ipcRenderer: task-shaped functions over the one request channel and on()
// over the one event channel. The renderer never touches ipcRenderer or an IpcRendererEvent.
import { EVENT_CHANNEL, REQUEST_CHANNEL, type IpcEnvelope, type PicketBridge } from '../shared/bridge.ts';
import { EVENT_NAMES, type EventMap, type EventName, type RequestName, type RequestParams, type RequestResult } from '../shared/contract.ts';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function isEnvelope(value: unknown): value is IpcEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  return ok === true ? 'result' in value : ok === false && typeof (value as { error?: unknown }).error === 'object';
}

export function createPicketBridge(ipc: IpcRendererLike): PicketBridge {
  // Resolves with the envelope (see bridge.ts): a rejection crossing contextBridge would lose code and issues.
  async function request<Name extends RequestName>(name: Name, params: RequestParams<Name>): Promise<IpcEnvelope<RequestResult<Name>>> {
    let reply: unknown;
    try {
      reply = await ipc.invoke(REQUEST_CHANNEL, name, params);
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
    if (!isEnvelope(reply)) return { ok: false, error: { code: 'internal', message: `${name}: malformed reply from the main process` } };
    return reply as IpcEnvelope<RequestResult<Name>>;
  }

  return {
    listMonitors: () => request('listMonitors', {}),
    getHistory: (monitorId, range) => request('getHistory', { monitorId, range }),
    addMonitor: (monitor) => request('addMonitor', { monitor }),
    editMonitor: (monitor) => request('editMonitor', { monitor }),
    removeMonitor: (monitorId) => request('removeMonitor', { monitorId }),
    setPaused: (monitorId, paused) => request('setPaused', { monitorId, paused }),
    setMuted: (monitorId, muted) => request('setMuted', { monitorId, muted }),
    // An absent id means every monitor; sending { monitorId: undefined } would fail validation.
    checkNow: (monitorId) => request('checkNow', monitorId === undefined ? {} : { monitorId }),
    testMonitor: (monitor) => request('testMonitor', { monitor }),
    importConfig: (json, mode) => request('importConfig', { json, mode }),
    exportConfig: () => request('exportConfig', {}),
    getSettings: () => request('getSettings', {}),
    updateSettings: (patch) => request('updateSettings', { patch }),
    pauseAlerts: (until) => request('pauseAlerts', { until }),
    discoverHomeserver: (serverName) => request('discoverHomeserver', { serverName }),
    addHomeserver: (serverName) => request('addHomeserver', { serverName }),
    listHomeservers: () => request('listHomeservers', {}),
    previewImport: (source, file) => request('previewImport', { source, file }),
    getProblems: () => request('getProblems', {}),
    listChannels: () => request('listChannels', {}),
    saveChannel: (channel) => request('saveChannel', { channel }),
    removeChannel: (channelId) => request('removeChannel', { channelId }),
    testChannel: (channel) => request('testChannel', { channel }),
    setGroupChannels: (group, channelIds) => request('setGroupChannels', { group, channelIds }),
    on<Name extends EventName>(name: Name, callback: (payload: EventMap[Name]) => void): () => void {
      if (!(EVENT_NAMES as readonly string[]).includes(name)) throw new Error(`on: unknown event ${JSON.stringify(name)}`);
      if (typeof callback !== 'function') throw new Error('on: callback must be a function');
      const listener = (_event: unknown, eventName: unknown, payload: unknown): void => {
        if (eventName === name) callback(payload as EventMap[Name]);
      };
      ipc.on(EVENT_CHANNEL, listener);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(EVENT_CHANNEL, listener);
      };
    },
  };
}
