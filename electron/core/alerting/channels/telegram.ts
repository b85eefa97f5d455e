// telegram: the Bot API's sendMessage, POST /bot<token>/sendMessage with the chat id and the text.
import type { TelegramChannel } from '../../../shared/channel-types.ts';
import { deliveryFullText } from '../alert-message.ts';
import type { ChannelProvider } from './channel-provider.ts';
import { httpSend, joinUrl, jsonHeaders } from './http-send.ts';

export const TELEGRAM_API = 'https://api.telegram.org';

export const telegramProvider: ChannelProvider<TelegramChannel> = {
  type: 'telegram',
  async send(config, delivery, { signal }) {
    // Telegram caps a message at 4096 characters.
    const body = JSON.stringify({ chat_id: config.chatId, text: deliveryFullText(delivery).slice(0, 4096), disable_web_page_preview: true });
    try {
      return (await httpSend(joinUrl(config.apiUrl ?? TELEGRAM_API, `bot${config.botToken}/sendMessage`), { body, headers: jsonHeaders(), signal })).status;
    } catch (error) {
      // The token is part of the URL: never let it reach an error message.
      if (error instanceof Error) error.message = error.message.split(config.botToken).join('<token>');
      throw error;
    }
  },
};
