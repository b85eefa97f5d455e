// The channel form's draft (strings, as inputs hold them) and its translation to a ChannelConfig, field by
// field as the provider's spec (shared/channel-schema.ts) describes them. An empty input is left out.
import { CHANNEL_SPECS, type ChannelField } from '../../../../electron/shared/channel-schema.ts';
import type { ChannelConfig, ChannelType } from '../../../../electron/shared/channel-types.ts';
import type { AlertKind } from '../../../../electron/shared/types.ts';

export interface ChannelDraft {
  type: ChannelType;
  id: string;
  /** Once the user types an id, it no longer follows the name. */
  idEdited: boolean;
  name: string;
  isDefault: boolean;
  /** null: every kind. */
  kinds: AlertKind[] | null;
  /** Every provider field as typed: lists comma-separated, maps one "Key: value" a line. */
  values: Record<string, string>;
}

export function emptyChannelDraft(type: ChannelType = 'webhook'): ChannelDraft {
  return { type, id: '', idEdited: false, name: '', isDefault: true, kinds: null, values: {} };
}

function valueToText(field: ChannelField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'list' && Array.isArray(value)) return value.join(', ');
  if (field.kind === 'map' && typeof value === 'object') return Object.entries(value as Record<string, string>).map(([key, item]) => `${key}: ${item}`).join('\n');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function draftFromChannel(channel: ChannelConfig): ChannelDraft {
  const record = channel as unknown as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const field of CHANNEL_SPECS[channel.type].fields) values[field.name] = valueToText(field, record[field.name]);
  return { type: channel.type, id: channel.id, idEdited: true, name: channel.name, isDefault: channel.default === true, kinds: channel.kinds ?? null, values };
}

function textToValue(field: ChannelField, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  switch (field.kind) {
    case 'number':
      // Not a number: passed on as typed, so the schema names the problem.
      return Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
    case 'list': {
      const items = trimmed.split(/[,\n]/).map((item) => item.trim()).filter((item) => item !== '');
      return items.length > 0 ? items : undefined;
    }
    case 'map': {
      const entries = trimmed
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => {
          const colon = line.indexOf(':');
          return colon < 0 ? [line, ''] : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
        });
      return Object.fromEntries(entries);
    }
    case 'secret':
      // A secret is taken as typed: spaces may be part of it.
      return text;
    default:
      return trimmed;
  }
}

export function draftToChannel(draft: ChannelDraft): ChannelConfig {
  const config: Record<string, unknown> = { id: draft.id.trim(), type: draft.type };
  if (draft.name.trim() !== '') config.name = draft.name.trim();
  if (draft.isDefault) config.default = true;
  if (draft.kinds !== null) config.kinds = draft.kinds;
  for (const field of CHANNEL_SPECS[draft.type].fields) {
    const value = textToValue(field, draft.values[field.name] ?? '');
    if (value !== undefined) config[field.name] = value;
  }
  return config as unknown as ChannelConfig;
}

/** "channel.to[1]" (engine) and "to[1]" (local) both belong to the "to" input. */
export function channelFieldOfIssue(path: string): string {
  return path.replace(/^channel(\.|$)/, '').split(/[.[]/)[0] ?? '';
}

/** "Ops Slack" -> "ops-slack": a channel id made from its name. */
export function channelSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
