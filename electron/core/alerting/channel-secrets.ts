// A channel's secrets (tokens, passwords, webhook URLs that embed a key) in the three forms monitor passwords
// have: sealed in the store with the app's codec, open for the providers, REDACTED for a UI and in exports.
import { CHANNEL_SPECS } from '../../shared/channel-schema.ts';
import type { ChannelConfig } from '../../shared/channel-types.ts';
import type { ConfigIssue } from '../../shared/config-validation.ts';
import { REDACTED } from '../../shared/contract.ts';
import { SEALED_PREFIX, type SecretCodec } from '../service/secrets.ts';

type SecretValue = string | string[] | Record<string, string>;

function mapSecrets(channel: ChannelConfig, map: (secret: string, path: string) => string): ChannelConfig {
  const copy = structuredClone(channel) as unknown as Record<string, SecretValue | undefined>;
  for (const field of CHANNEL_SPECS[channel.type].secretFields) {
    const value = copy[field];
    if (value === undefined) continue;
    if (typeof value === 'string') copy[field] = map(value, field);
    else if (Array.isArray(value)) copy[field] = value.map((item, index) => map(item, `${field}[${index}]`));
    else copy[field] = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, map(item, `${field}.${key}`)]));
  }
  return copy as unknown as ChannelConfig;
}

export function sealChannel(channel: ChannelConfig, codec: SecretCodec | undefined): ChannelConfig {
  if (!codec) return channel;
  return mapSecrets(channel, (secret) => (secret.startsWith(SEALED_PREFIX) ? secret : `${SEALED_PREFIX}${codec.encrypt(secret)}`));
}

/** Unsealed for the providers; `sealed` says a secret could not be opened (no codec), so the channel will fail visibly. */
export function openChannel(channel: ChannelConfig, codec: SecretCodec | undefined): { channel: ChannelConfig; sealed: boolean } {
  let sealed = false;
  const opened = mapSecrets(channel, (secret) => {
    if (!secret.startsWith(SEALED_PREFIX)) return secret;
    if (!codec) {
      sealed = true;
      return secret;
    }
    return codec.decrypt(secret.slice(SEALED_PREFIX.length));
  });
  return { channel: opened, sealed };
}

export function redactChannel(channel: ChannelConfig): ChannelConfig {
  return mapSecrets(channel, () => REDACTED);
}

/**
 * A draft from a UI (or an exported file) carries REDACTED where it kept a secret: the stored one is put back.
 * REDACTED with nothing stored there is an issue naming the field.
 */
export function restoreChannelSecrets(draft: ChannelConfig, stored: ChannelConfig | undefined, base: string): { channel: ChannelConfig } | { issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const storedValues = new Map<string, string>();
  if (stored && stored.type === draft.type) mapSecrets(stored, (secret, path) => (storedValues.set(path, secret), secret));
  const channel = mapSecrets(draft, (secret, path) => {
    if (secret !== REDACTED) return secret;
    const kept = storedValues.get(path);
    if (kept === undefined) issues.push({ path: `${base}.${path}`, message: 'is the redaction placeholder but no secret is stored for it: enter the secret' });
    return kept ?? secret;
  });
  return issues.length > 0 ? { issues } : { channel };
}
