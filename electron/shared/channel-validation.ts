// Validates alert channels (the config file's "channels", a form, a stored record) with messages that name the
// field and the reason. Runs anywhere, so the dashboard's form says exactly what the engine would.
import { CHANNEL_COMMON_FIELDS, CHANNEL_SPECS, channelTypeFields } from './channel-schema.ts';
import type { ChannelConfig, ChannelType } from './channel-types.ts';
import { ajvIssues, checkUrl, type ConfigIssue } from './config-validation.ts';
import { REDACTED, SEALED_PREFIX } from './redaction.ts';
import { validateChannelShape } from './schema-validators.ts';

const URL_FIELDS = ['url', 'apiUrl', 'homeserverUrl'] as const;

function semanticIssues(input: Record<string, unknown>, base: string): ConfigIssue[] {
  const type = input.type as ChannelType;
  const at = (field: string): string => (base === '' ? field : `${base}.${field}`);
  const issues: ConfigIssue[] = [];
  const allowed = new Set<string>([...CHANNEL_COMMON_FIELDS, ...channelTypeFields(type)]);
  for (const field of Object.keys(input)) {
    if (!allowed.has(field)) issues.push({ path: at(field), message: `is not a field of a ${type} channel` });
  }
  for (const field of CHANNEL_SPECS[type].fields) {
    if (field.required && input[field.name] === undefined) issues.push({ path: at(field.name), message: `is required for a ${type} channel` });
  }
  for (const field of URL_FIELDS) {
    const value = input[field];
    // A redacted URL keeps the stored one, and a sealed one is the store's: both were checked when saved.
    if (typeof value !== 'string' || value === REDACTED || value.startsWith(SEALED_PREFIX)) continue;
    const issue = checkUrl(value, at(field));
    if (issue) issues.push(issue);
  }
  if (type === 'email') {
    const to = Array.isArray(input.to) ? (input.to as string[]) : [];
    to.forEach((address, index) => {
      if (!address.includes('@')) issues.push({ path: `${at('to')}[${index}]`, message: `"${address}" is not an email address` });
    });
    if (typeof input.from === 'string' && !input.from.includes('@')) issues.push({ path: at('from'), message: `"${input.from}" is not an email address` });
    if ((input.username === undefined) !== (input.password === undefined)) {
      issues.push({ path: at(input.username === undefined ? 'username' : 'password'), message: 'username and password go together' });
    }
  }
  if (type === 'ntfy' && input.token !== undefined && input.username !== undefined) {
    issues.push({ path: at('token'), message: 'use either a token or a username and password, not both' });
  }
  if (type === 'ntfy' && typeof input.priority === 'number' && (input.priority < 1 || input.priority > 5)) {
    issues.push({ path: at('priority'), message: `must be from 1 to 5 (got ${input.priority})` });
  }
  if (type === 'pushover' && typeof input.priority === 'number' && (input.priority < -2 || input.priority > 2)) {
    issues.push({ path: at('priority'), message: `must be from -2 to 2 (got ${input.priority})` });
  }
  if (type === 'gotify' && typeof input.priority === 'number' && input.priority < 0) {
    issues.push({ path: at('priority'), message: `must be from 0 to 10 (got ${input.priority})` });
  }
  return issues;
}

/** One channel: its shape, then what the schema cannot say (fields of another provider, URLs, addresses). */
export function validateChannel(input: unknown, base = 'channel'): { ok: true; channel: ChannelConfig } | { ok: false; issues: ConfigIssue[] } {
  if (!validateChannelShape(input)) return { ok: false, issues: ajvIssues(validateChannelShape.errors, base) };
  const issues = semanticIssues(input as Record<string, unknown>, base);
  if (issues.length > 0) return { ok: false, issues };
  const channel = structuredClone(input) as ChannelConfig;
  channel.name ??= channel.id;
  return { ok: true, channel };
}

/** A list of channels: each valid, ids unique. */
export function validateChannels(input: readonly unknown[], base = 'channels'): { ok: true; channels: ChannelConfig[] } | { ok: false; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const channels: ChannelConfig[] = [];
  const firstIndex = new Map<string, number>();
  input.forEach((raw, index) => {
    const result = validateChannel(raw, `${base}[${index}]`);
    if (!result.ok) {
      issues.push(...result.issues);
      return;
    }
    const previous = firstIndex.get(result.channel.id);
    if (previous !== undefined) {
      issues.push({ path: `${base}[${index}].id`, message: `duplicate id "${result.channel.id}" (also ${base}[${previous}])` });
      return;
    }
    firstIndex.set(result.channel.id, index);
    channels.push(result.channel);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, channels };
}

/** Channel ids a monitor (or a homeserver group) names must exist. */
export function unknownChannelIssues(ids: readonly string[] | undefined, known: ReadonlySet<string>, path: string): ConfigIssue[] {
  return (ids ?? []).flatMap((id, index) => (known.has(id) ? [] : [{ path: `${path}[${index}]`, message: `no channel has the id "${id}"` }]));
}
