// Every channel provider by type: adding one is a module plus a line here (and its spec in shared/channel-schema.ts).
import type { ChannelConfig, ChannelType } from '../../../shared/channel-types.ts';
import { alertmanagerProvider } from './alertmanager.ts';
import { appriseProvider } from './apprise.ts';
import type { ChannelProvider } from './channel-provider.ts';
import { commandProvider } from './command.ts';
import { emailProvider } from './email.ts';
import { gotifyProvider } from './gotify.ts';
import { matrixProvider } from './matrix.ts';
import { ntfyProvider } from './ntfy.ts';
import { pushoverProvider } from './pushover.ts';
import { telegramProvider } from './telegram.ts';
import { webhookProvider } from './webhook.ts';

type ProviderOf<Type extends ChannelType> = ChannelProvider<Extract<ChannelConfig, { type: Type }>>;

export const CHANNEL_PROVIDERS: { [Type in ChannelType]: ProviderOf<Type> } = {
  webhook: webhookProvider,
  ntfy: ntfyProvider,
  gotify: gotifyProvider,
  pushover: pushoverProvider,
  telegram: telegramProvider,
  matrix: matrixProvider,
  email: emailProvider,
  alertmanager: alertmanagerProvider,
  apprise: appriseProvider,
  command: commandProvider,
};

export function providerFor(channel: ChannelConfig): ChannelProvider {
  return CHANNEL_PROVIDERS[channel.type];
}
