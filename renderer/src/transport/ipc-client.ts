// The Electron transport: adapts window.picket (task-shaped functions, see electron/shared/bridge.ts)
// to the generic PicketClient every view uses, so views never know which transport they run on.
import type { IpcEnvelope, PicketBridge } from '../../../electron/shared/bridge.ts';
import type { EventMap, EventName, PicketClient, RequestName, RequestParams, RequestResult } from '../../../electron/shared/contract.ts';
import { PicketClientError, toClientError } from './client-error.ts';

type Callers = { [Name in RequestName]: (bridge: PicketBridge, params: RequestParams<Name>) => Promise<IpcEnvelope<RequestResult<Name>>> };

const CALLERS: Callers = {
  listMonitors: (bridge) => bridge.listMonitors(),
  getHistory: (bridge, p) => bridge.getHistory(p.monitorId, p.range),
  addMonitor: (bridge, p) => bridge.addMonitor(p.monitor),
  editMonitor: (bridge, p) => bridge.editMonitor(p.monitor),
  removeMonitor: (bridge, p) => bridge.removeMonitor(p.monitorId),
  setPaused: (bridge, p) => bridge.setPaused(p.monitorId, p.paused),
  setMuted: (bridge, p) => bridge.setMuted(p.monitorId, p.muted),
  checkNow: (bridge, p) => bridge.checkNow(p.monitorId),
  testMonitor: (bridge, p) => bridge.testMonitor(p.monitor),
  importConfig: (bridge, p) => bridge.importConfig(p.json, p.mode),
  exportConfig: (bridge) => bridge.exportConfig(),
  getSettings: (bridge) => bridge.getSettings(),
  updateSettings: (bridge, p) => bridge.updateSettings(p.patch),
  pauseAlerts: (bridge, p) => bridge.pauseAlerts(p.until),
  discoverHomeserver: (bridge, p) => bridge.discoverHomeserver(p.serverName),
  addHomeserver: (bridge, p) => bridge.addHomeserver(p.serverName),
  listHomeservers: (bridge) => bridge.listHomeservers(),
  previewImport: (bridge, p) => bridge.previewImport(p.source, p.file),
  getProblems: (bridge) => bridge.getProblems(),
  listChannels: (bridge) => bridge.listChannels(),
  saveChannel: (bridge, p) => bridge.saveChannel(p.channel),
  removeChannel: (bridge, p) => bridge.removeChannel(p.channelId),
  testChannel: (bridge, p) => bridge.testChannel(p.channel),
  setGroupChannels: (bridge, p) => bridge.setGroupChannels(p.group, p.channelIds),
};

export function createIpcClient(bridge: PicketBridge): PicketClient {
  return {
    async request<Name extends RequestName>(name: Name, params: RequestParams<Name>): Promise<RequestResult<Name>> {
      const call = CALLERS[name] as (bridge: PicketBridge, params: RequestParams<Name>) => Promise<IpcEnvelope<RequestResult<Name>>>;
      let reply: IpcEnvelope<RequestResult<Name>>;
      try {
        reply = await call(bridge, params);
      } catch (error) {
        throw toClientError(error);
      }
      // The preload resolves with the envelope so the error's code and field issues survive contextBridge.
      if (!reply.ok) throw new PicketClientError(reply.error.code, reply.error.message, reply.error.issues ?? []);
      return reply.result;
    },
    on<Name extends EventName>(name: Name, listener: (payload: EventMap[Name]) => void): () => void {
      return bridge.on(name, listener);
    },
  };
}
