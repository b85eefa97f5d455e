// What the preload exposes as window.picket: the contract itself, generic over its table: request(name,
// params) for every request and on() for every event. request() resolves with the envelope, never rejects:
// contextBridge copies only the message of an Error, and the form needs the error's code and its field issues.
// Plain TypeScript shared by the preload (which builds it) and the renderer (which calls it).
import type { Envelope } from './contract-dispatch.ts';
import type { EventMap, EventName, RequestName, RequestParams, RequestResult } from './contract.ts';

/** The single invoke channel: (name, params) -> IpcEnvelope. */
export const REQUEST_CHANNEL = 'picket:request';
/** The single event channel: (name, payload) from main to every window. */
export const EVENT_CHANNEL = 'picket:event';

/** ipcMain.handle rejections lose their structure, so main always resolves with an envelope. */
export type IpcEnvelope<Result = unknown> = Envelope<Result>;

export interface PicketBridge {
  /** Main validates the params before the service sees them; an unknown name never leaves the window. */
  request<Name extends RequestName>(name: Name, params: RequestParams<Name>): Promise<IpcEnvelope<RequestResult<Name>>>;
  /** Callbacks receive the payload only; returns an unsubscribe function. */
  on<Name extends EventName>(name: Name, callback: (payload: EventMap[Name]) => void): () => void;
}
