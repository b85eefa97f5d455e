// pushover: POST /1/messages.json with the application token and the user key (Pushover's message API).
import type { PushoverChannel } from '../../../shared/channel-types.ts';
import { deliveryText, deliveryTitle } from '../alert-message.ts';
import type { ChannelProvider } from './channel-provider.ts';
import { httpSend, joinUrl, jsonHeaders } from './http-send.ts';

export const PUSHOVER_API = 'https://api.pushover.net';

export const pushoverProvider: ChannelProvider<PushoverChannel> = {
  type: 'pushover',
  async send(config, delivery, { signal }) {
    const body = JSON.stringify({
      token: config.token,
      user: config.userKey,
      title: deliveryTitle(delivery).slice(0, 250),
      // Pushover rejects messages over 1024 characters.
      message: (deliveryText(delivery) || deliveryTitle(delivery)).slice(0, 1024),
      priority: config.priority ?? (delivery.message.kind === 'down' ? 1 : 0),
      ...(config.device !== undefined ? { device: config.device } : {}),
    });
    return (await httpSend(joinUrl(config.apiUrl ?? PUSHOVER_API, '1/messages.json'), { body, headers: jsonHeaders(), signal })).status;
  },
};
