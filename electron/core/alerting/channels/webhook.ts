// webhook: Picket's generic JSON body (version 1), or a chat service's incoming-webhook shape, with custom
// headers and an optional HMAC-SHA256 signature so the receiver can tell the message came from us.
import { createHmac } from 'node:crypto';
import type { WebhookChannel, WebhookFormat } from '../../../shared/channel-types.ts';
import { deliveryFullText, deliveryText, deliveryTitle, genericBody, type Delivery } from '../alert-message.ts';
import type { ChannelProvider } from './channel-provider.ts';
import { httpSend, jsonHeaders } from './http-send.ts';

export const SIGNATURE_HEADER = 'x-picket-signature';

/** Each service's documented incoming-webhook message. */
export function webhookBody(format: WebhookFormat, delivery: Delivery): unknown {
  switch (format) {
    case 'slack':
    case 'mattermost':
      return { text: deliveryFullText(delivery) };
    case 'discord':
      // Discord rejects content over 2000 characters.
      return { content: deliveryFullText(delivery).slice(0, 2000) };
    case 'google-chat':
      return { text: deliveryFullText(delivery) };
    case 'teams':
      return {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: deliveryTitle(delivery),
        themeColor: delivery.message.kind === 'recovered' ? '2E7D32' : 'C62828',
        title: deliveryTitle(delivery),
        text: deliveryText(delivery).replace(/\n/g, '<br>'),
      };
    case 'generic':
      return genericBody(delivery);
  }
}

/** "sha256=<hex>" of the exact body bytes. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export const webhookProvider: ChannelProvider<WebhookChannel> = {
  type: 'webhook',
  async send(config, delivery, { signal }) {
    const body = JSON.stringify(webhookBody(config.format ?? 'generic', delivery));
    const headers = jsonHeaders({ ...config.headers });
    if (config.secret !== undefined) headers[SIGNATURE_HEADER] = signBody(config.secret, body);
    return (await httpSend(config.url, { body, headers, signal })).status;
  },
};
