// The Electron transport: adapts window.picket (electron/shared/bridge.ts), which resolves with envelopes, to
// the generic PicketClient every view uses, which rejects with a PicketClientError; so views never know
// which transport they run on.
import type { IpcEnvelope, PicketBridge } from '../../../electron/shared/bridge.ts';
import type { EventMap, EventName, PicketClient, RequestName, RequestParams, RequestResult } from '../../../electron/shared/contract.ts';
import { PicketClientError, toClientError } from './client-error.ts';

export function createIpcClient(bridge: PicketBridge): PicketClient {
  return {
    async request<Name extends RequestName>(name: Name, params: RequestParams<Name>): Promise<RequestResult<Name>> {
      let reply: IpcEnvelope<RequestResult<Name>>;
      try {
        reply = await bridge.request(name, params);
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
