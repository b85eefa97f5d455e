// gotify: POST /message with the application token in X-Gotify-Key (Gotify's REST API).
import type { GotifyChannel } from '../../../shared/channel-types.ts';
import { deliveryText, deliveryTitle } from '../alert-message.ts';
import type { ChannelProvider } from './channel-provider.ts';
import { httpSend, joinUrl, jsonHeaders } from './http-send.ts';

export const gotifyProvider: ChannelProvider<GotifyChannel> = {
  type: 'gotify',
  async send(config, delivery, { signal }) {
    const body = JSON.stringify({
      title: deliveryTitle(delivery),
      message: deliveryText(delivery) || deliveryTitle(delivery),
      priority: config.priority ?? (delivery.message.kind === 'down' ? 8 : 4),
    });
    return (await httpSend(joinUrl(config.url, 'message'), { body, headers: jsonHeaders({ 'x-gotify-key': config.token }), signal })).status;
  },
};
