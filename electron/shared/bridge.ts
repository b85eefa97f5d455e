// What the preload exposes as window.picket: one task-shaped function per request and on() for events.
// Each function resolves with the envelope, never rejects: contextBridge copies only the message of an
// Error, and the form needs the error's code and its field issues.
// Plain TypeScript shared by the preload (which builds it) and the renderer (which calls it).
import type { ChannelConfig } from './channel-types.ts';
import type { MonitorConfig } from './config-validation.ts';
import type { Envelope } from './contract-dispatch.ts';
import type { ImportSource } from './import-types.ts';
import type { AppSettings, EventMap, EventName, HistoryRange, RequestName, RequestResult } from './contract.ts';

/** The single invoke channel: (name, params) -> IpcEnvelope. */
export const REQUEST_CHANNEL = 'picket:request';
/** The single event channel: (name, payload) from main to every window. */
export const EVENT_CHANNEL = 'picket:event';

/** ipcMain.handle rejections lose their structure, so main always resolves with an envelope. */
export type IpcEnvelope<Result = unknown> = Envelope<Result>;

export interface PicketBridge {
  listMonitors(): Promise<IpcEnvelope<RequestResult<'listMonitors'>>>;
  getHistory(monitorId: string, range: HistoryRange): Promise<IpcEnvelope<RequestResult<'getHistory'>>>;
  addMonitor(monitor: MonitorConfig): Promise<IpcEnvelope<RequestResult<'addMonitor'>>>;
  editMonitor(monitor: MonitorConfig): Promise<IpcEnvelope<RequestResult<'editMonitor'>>>;
  removeMonitor(monitorId: string): Promise<IpcEnvelope<RequestResult<'removeMonitor'>>>;
  setPaused(monitorId: string, paused: boolean): Promise<IpcEnvelope<RequestResult<'setPaused'>>>;
  setMuted(monitorId: string, muted: boolean): Promise<IpcEnvelope<RequestResult<'setMuted'>>>;
  /** Without monitorId, every monitor. */
  checkNow(monitorId?: string): Promise<IpcEnvelope<RequestResult<'checkNow'>>>;
  testMonitor(monitor: MonitorConfig): Promise<IpcEnvelope<RequestResult<'testMonitor'>>>;
  importConfig(json: string, mode: 'merge' | 'replace'): Promise<IpcEnvelope<RequestResult<'importConfig'>>>;
  exportConfig(): Promise<IpcEnvelope<RequestResult<'exportConfig'>>>;
  getSettings(): Promise<IpcEnvelope<RequestResult<'getSettings'>>>;
  updateSettings(patch: Partial<AppSettings>): Promise<IpcEnvelope<RequestResult<'updateSettings'>>>;
  pauseAlerts(until: number | null): Promise<IpcEnvelope<RequestResult<'pauseAlerts'>>>;
  discoverHomeserver(serverName: string): Promise<IpcEnvelope<RequestResult<'discoverHomeserver'>>>;
  addHomeserver(serverName: string): Promise<IpcEnvelope<RequestResult<'addHomeserver'>>>;
  listHomeservers(): Promise<IpcEnvelope<RequestResult<'listHomeservers'>>>;
  previewImport(source: ImportSource, file: string): Promise<IpcEnvelope<RequestResult<'previewImport'>>>;
  getProblems(): Promise<IpcEnvelope<RequestResult<'getProblems'>>>;
  listChannels(): Promise<IpcEnvelope<RequestResult<'listChannels'>>>;
  saveChannel(channel: ChannelConfig): Promise<IpcEnvelope<RequestResult<'saveChannel'>>>;
  removeChannel(channelId: string): Promise<IpcEnvelope<RequestResult<'removeChannel'>>>;
  testChannel(channel: ChannelConfig): Promise<IpcEnvelope<RequestResult<'testChannel'>>>;
  setGroupChannels(group: string, channelIds: string[] | null): Promise<IpcEnvelope<RequestResult<'setGroupChannels'>>>;
  /** Callbacks receive the payload only; returns an unsubscribe function. */
  on<Name extends EventName>(name: Name, callback: (payload: EventMap[Name]) => void): () => void;
}

/** Every bridge function that maps to a request, so both sides can check none is missing. */
export type BridgeRequestFunction = Exclude<keyof PicketBridge, 'on'>;
type Assert<T extends true> = T;
/** Fails to compile when a request is added to the contract without its bridge function (or the reverse). */
export type BridgeCoversEveryRequest = Assert<[RequestName] extends [BridgeRequestFunction] ? ([BridgeRequestFunction] extends [RequestName] ? true : false) : false>;
