// ntfy: a POST of the text to the topic URL, with the title, priority and tags as headers (ntfy's publish API).
import type { NtfyChannel } from '../../../shared/channel-types.ts';
import { deliveryText, deliveryTitle } from '../alert-message.ts';
import type { ChannelProvider } from './channel-provider.ts';
import { httpSend } from './http-send.ts';

/** Header values must be Latin-1; ntfy documents RFC 2047 encoding for anything else. */
function headerText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\xff]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

export const ntfyProvider: ChannelProvider<NtfyChannel> = {
  type: 'ntfy',
  async send(config, delivery, { signal }) {
    const outage = delivery.message.kind === 'down';
    const headers: Record<string, string> = {
      'content-type': 'text/plain; charset=utf-8',
      title: headerText(deliveryTitle(delivery)),
      priority: String(config.priority ?? (outage ? 5 : 3)),
      tags: (config.tags ?? [outage ? 'rotating_light' : delivery.message.kind === 'recovered' ? 'white_check_mark' : 'warning']).join(','),
    };
    if (config.token !== undefined) headers.authorization = `Bearer ${config.token}`;
    else if (config.username !== undefined) headers.authorization = `Basic ${Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64')}`;
    const body = deliveryText(delivery) || deliveryTitle(delivery);
    return (await httpSend(config.url, { body, headers, signal })).status;
  },
};
