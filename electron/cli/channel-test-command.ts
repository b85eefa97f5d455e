// `picket channel test --config FILE --id ID [--json]`: sends a test alert through one channel of a config file.
// Exit 0 when the channel accepted it, 2 when it did not (with the provider's error), 3 for a bad config or id.
import { randomUUID } from 'node:crypto';
import { REDACTED } from '../shared/contract.ts';
import { ConfigError } from '../shared/config-validation.ts';
import { readConfigFile } from '../core/config/config-file.ts';
import { testMessage } from '../core/alerting/alerting-service.ts';
import { describeDeliveryError } from '../core/alerting/channels/channel-provider.ts';
import { providerFor } from '../core/alerting/channels/registry.ts';
import { redactChannel } from '../core/alerting/channel-secrets.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_CRITICAL, EXIT_OK } from './exit-codes.ts';

export interface ChannelTestOptions {
  configPath: string;
  channelId: string;
  json: boolean;
}

const TIMEOUT_MS = 30_000;

export async function channelTestCommand(options: ChannelTestOptions, io: CliIo): Promise<number> {
  const config = await readConfigFile(options.configPath);
  const channels = config.channels ?? [];
  const index = channels.findIndex((candidate) => candidate.id === options.channelId);
  if (index === -1) {
    const known = channels.map((channel) => channel.id);
    throw new ConfigError(
      [{ path: '--id', message: `no channel has the id "${options.channelId}" in ${options.configPath}${known.length > 0 ? ` (there are: ${known.join(', ')})` : ' (it has no "channels")'}` }],
      'invalid channel',
    );
  }
  const channel = channels[index]!;
  // An exported file carries the placeholder instead of the secret: say which field needs the real one.
  const redacted = redactChannel(channel) as unknown as Record<string, unknown>;
  const placeholders = Object.keys(redacted).filter((field) => JSON.stringify((channel as unknown as Record<string, unknown>)[field]).includes(REDACTED));
  if (placeholders.length > 0) {
    throw new ConfigError(
      placeholders.map((field) => ({ path: `channels[${index}].${field}`, message: 'is the redaction placeholder from an export: put the real secret in the file' })),
      'invalid channel',
    );
  }
  const delivery = { id: randomUUID(), attempt: 1, message: testMessage(Date.now()) };
  let ok = true;
  let detail: string;
  try {
    detail = await providerFor(channel).send(channel, delivery, { signal: AbortSignal.timeout(TIMEOUT_MS), now: Date.now });
  } catch (error) {
    ok = false;
    detail = describeDeliveryError(error);
  }
  if (options.json) io.stdout(`${JSON.stringify({ channelId: channel.id, type: channel.type, ok, ...(ok ? { response: detail, error: null } : { response: null, error: detail }) })}\n`);
  else if (ok) io.stdout(`Sent a test alert to ${channel.name} (${channel.type}): ${detail}\n`);
  else io.stderr(`picket: the test alert to ${channel.name} (${channel.type}) failed: ${detail}\n`);
  return ok ? EXIT_OK : EXIT_CRITICAL;
}
