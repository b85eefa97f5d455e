// Alert channels and the channels of each homeserver group, kept in picket.json under "channels" and
// "groupChannels". Both are optional (absent means none), like preferences: no schemaVersion bump. Secrets in
// them are sealed by the service before they get here (alerting/channel-secrets.ts).
import type { ChannelConfig } from '../../shared/channel-types.ts';
import { validateChannel, validateChannels } from '../../shared/channel-validation.ts';
import { formatIssue } from '../../shared/config-validation.ts';
import { isPlainObject, type FieldProblem } from './store-document.ts';

export type GroupChannels = Record<string, string[]>;

/** conf's view: each channel is then checked by the shared channel validation. */
export const channelsSchema = { type: 'array', items: { type: 'object' } } as const;
export const groupChannelsSchema = { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } } as const;

/** Throws an Error naming each bad field; the list is returned as validated. */
export function checkedChannels(channels: readonly unknown[]): ChannelConfig[] {
  const result = validateChannels(channels);
  if (!result.ok) throw new Error(`invalid channels: ${result.issues.map(formatIssue).join('; ')}`);
  return result.channels;
}

/** Channels read from a store file: keeps each valid one, drops (and reports) each invalid one. */
export function recoverChannels(raw: unknown): { channels: ChannelConfig[]; reset: FieldProblem[] } {
  if (!Array.isArray(raw)) return { channels: [], reset: [{ field: 'channels', reason: 'must be an array' }] };
  const channels: ChannelConfig[] = [];
  const reset: FieldProblem[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const result = validateChannel(item, `channels[${index}]`);
    if (!result.ok) reset.push({ field: `channels[${index}]`, reason: result.issues.map(formatIssue).join('; ') });
    else if (seen.has(result.channel.id)) reset.push({ field: `channels[${index}]`, reason: `duplicate id "${result.channel.id}"` });
    else {
      seen.add(result.channel.id);
      channels.push(result.channel);
    }
  });
  return { channels, reset };
}

export function recoverGroupChannels(raw: unknown): { groupChannels: GroupChannels; reset: FieldProblem[] } {
  if (!isPlainObject(raw)) return { groupChannels: {}, reset: [{ field: 'groupChannels', reason: 'must be an object' }] };
  const groupChannels: GroupChannels = {};
  const reset: FieldProblem[] = [];
  for (const [group, ids] of Object.entries(raw)) {
    if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) groupChannels[group] = [...ids];
    else reset.push({ field: `groupChannels.${group}`, reason: 'must be a list of channel ids' });
  }
  return { groupChannels, reset };
}
