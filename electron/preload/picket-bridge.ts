// Builds window.picket from an ipcRenderer: request() over the one request channel and on() over the one
// event channel, both generic over the contract. The renderer never touches ipcRenderer or an IpcRendererEvent.
import { EVENT_CHANNEL, REQUEST_CHANNEL, type IpcEnvelope, type PicketBridge } from '../shared/bridge.ts';
import { isEventName, isRequestName, type EventMap, type EventName, type RequestName, type RequestParams, type RequestResult } from '../shared/contract.ts';

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
  return {
    // Resolves with the envelope (see bridge.ts): a rejection crossing contextBridge would lose code and issues.
    async request<Name extends RequestName>(name: Name, params: RequestParams<Name>): Promise<IpcEnvelope<RequestResult<Name>>> {
      if (!isRequestName(name)) return { ok: false, error: { code: 'invalid-params', message: `unknown request ${JSON.stringify(name)}` } };
      let reply: unknown;
      try {
        reply = await ipc.invoke(REQUEST_CHANNEL, name, params);
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
      }
      if (!isEnvelope(reply)) return { ok: false, error: { code: 'internal', message: `${name}: malformed reply from the main process` } };
      return reply as IpcEnvelope<RequestResult<Name>>;
    },
    on<Name extends EventName>(name: Name, callback: (payload: EventMap[Name]) => void): () => void {
      if (!isEventName(name)) throw new Error(`on: unknown event ${JSON.stringify(name)}`);
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
