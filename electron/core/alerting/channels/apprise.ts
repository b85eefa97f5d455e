// apprise: POST to a self-hosted Apprise API's notify URL (persistent /notify/KEY, or stateless with "urls").
import type { AppriseChannel } from '../../../shared/channel-types.ts';
import { deliveryText, deliveryTitle } from '../alert-message.ts';
import type { AlertKind } from '../../../shared/types.ts';
import type { ChannelProvider } from './channel-provider.ts';
import { httpSend, jsonHeaders } from './http-send.ts';

/** Apprise's notification types colour and iconify the message. */
function appriseType(kind: AlertKind): 'failure' | 'success' | 'warning' {
  if (kind === 'down' || kind === 'reminder') return 'failure';
  return kind === 'recovered' ? 'success' : 'warning';
}

export const appriseProvider: ChannelProvider<AppriseChannel> = {
  type: 'apprise',
  async send(config, delivery, { signal }) {
    const body = JSON.stringify({
      title: deliveryTitle(delivery),
      body: deliveryText(delivery) || deliveryTitle(delivery),
      type: appriseType(delivery.message.kind),
      format: 'text',
      ...(config.urls !== undefined ? { urls: config.urls.join(',') } : {}),
      ...(config.tag !== undefined ? { tag: config.tag } : {}),
    });
    return (await httpSend(config.url, { body, headers: jsonHeaders(), signal })).status;
  },
};
