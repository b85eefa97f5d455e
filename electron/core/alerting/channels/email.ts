// email: SMTP through nodemailer (a well-kept client: STARTTLS, implicit TLS, AUTH and pooling done right).
import { readFile } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import type { EmailChannel } from '../../../shared/channel-types.ts';
import { deliveryHtml, deliveryText, deliveryTitle } from '../alert-message.ts';
import { DeliveryError, type ChannelProvider } from './channel-provider.ts';

const TIMEOUT_MS = 20_000;

export const emailProvider: ChannelProvider<EmailChannel> = {
  type: 'email',
  async send(config, delivery, { signal }) {
    const ca = config.caFile !== undefined ? await readFile(config.caFile, 'utf8').catch((error: unknown) => {
      throw new DeliveryError(`caFile ${config.caFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }) : undefined;
    const transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure === 'tls',
      requireTLS: config.secure === 'starttls',
      ignoreTLS: config.secure === 'none',
      ...(config.username !== undefined ? { auth: { user: config.username, pass: config.password ?? '' } } : {}),
      ...(ca !== undefined ? { tls: { ca } } : {}),
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
    const abort = (): void => transport.close();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const info = await transport.sendMail({
        from: config.from,
        to: config.to,
        subject: deliveryTitle(delivery),
        text: deliveryText(delivery) || deliveryTitle(delivery),
        html: deliveryHtml(delivery),
        // The same Message-ID on every retry lets a mail system drop a duplicate.
        messageId: `<${delivery.id}@picket.invalid>`,
      });
      return String(info.response);
    } catch (error) {
      const smtp = error as { response?: string; code?: string; message?: string };
      throw new DeliveryError(smtp.response ?? (smtp.code ? `${smtp.message ?? 'failed'} (${smtp.code})` : (smtp.message ?? String(error))));
    } finally {
      signal.removeEventListener('abort', abort);
      transport.close();
    }
  },
};
