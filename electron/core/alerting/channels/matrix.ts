// matrix: a message to a room through the client-server API. The transaction id is the outbox entry's id, the
// same on every retry and after a restart, so the homeserver stores the event once however often it is sent.
import type { MatrixChannel } from '../../../shared/channel-types.ts';
import { deliveryFullText, deliveryHtml, type Delivery } from '../alert-message.ts';
import type { ChannelProvider } from './channel-provider.ts';
import { httpSend, joinUrl, jsonHeaders } from './http-send.ts';

export function matrixSendPath(roomId: string, delivery: Delivery): string {
  return `_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(`picket-${delivery.id}`)}`;
}

export const matrixProvider: ChannelProvider<MatrixChannel> = {
  type: 'matrix',
  async send(config, delivery, { signal }) {
    const body = JSON.stringify({
      msgtype: 'm.text',
      body: deliveryFullText(delivery),
      format: 'org.matrix.custom.html',
      formatted_body: deliveryHtml(delivery),
    });
    const url = joinUrl(config.homeserverUrl, matrixSendPath(config.roomId, delivery));
    const answer = await httpSend(url, { method: 'PUT', body, headers: jsonHeaders({ authorization: `Bearer ${config.accessToken}` }), signal });
    const eventId = (() => {
      try {
        return (JSON.parse(answer.body) as { event_id?: unknown }).event_id;
      } catch {
        return undefined;
      }
    })();
    return typeof eventId === 'string' ? `${answer.status} (${eventId})` : answer.status;
  },
};
