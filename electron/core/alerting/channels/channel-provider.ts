// The one interface every alert channel implements (Gatus's alerting/provider is the model): it is given
// its validated config and a delivery, and either resolves with what the service answered or throws.
import type { ChannelConfig, ChannelType } from '../../../shared/channel-types.ts';
import type { Delivery } from '../alert-message.ts';

export interface SendContext {
  /** Aborts the attempt (the outbox's deadline, or Picket quitting). */
  signal: AbortSignal;
  now: () => number;
}

export interface ChannelProvider<Config extends ChannelConfig = ChannelConfig> {
  type: ChannelType;
  /** Resolves with the service's answer in a few words ("200 OK", "250 Accepted"); throws DeliveryError otherwise. */
  send(config: Config, delivery: Delivery, context: SendContext): Promise<string>;
  /**
   * Set when the receiver forgets alerts that are not repeated (Alertmanager): how often the alerts still firing
   * are sent again.
   */
  resendWhileFiringMs?: number;
}

/** A delivery the channel did not accept: the message says why, as the provider put it ("401 Unauthorized"). */
export class DeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Any thrown value as one line for Settings and `run`. */
export function describeDeliveryError(error: unknown): string {
  if (error instanceof DeliveryError) return error.message;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = (error as { cause?: unknown }).cause;
    const causeCode = cause instanceof Error ? (cause as NodeJS.ErrnoException).code : undefined;
    const detail = code ?? causeCode;
    return detail && !error.message.includes(detail) ? `${error.message} (${detail})` : error.message;
  }
  return String(error);
}
