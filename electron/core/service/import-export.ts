// importConfig and exportConfig: the config file format (config-validation.ts) in and out of the service.
import type { ImportOutcome } from '../../shared/contract.ts';
import {
  ConfigError,
  monitorToConfig,
  parseJsonWithPosition,
  validateConfig,
  type ConfigFile,
  type ConfigIssue,
  type MonitorDefaults,
} from '../../shared/config-validation.ts';
import type { ChannelConfig } from '../../shared/channel-types.ts';
import { unknownChannelIssues } from '../../shared/channel-validation.ts';
import type { Monitor, Settings } from '../../shared/types.ts';
import { redactChannel, restoreChannelSecrets } from '../alerting/channel-secrets.ts';
import { redactSecrets, restoreRedacted } from './secrets.ts';

export interface ImportPlan {
  /** The complete monitor list after the import (secrets plain), in order. */
  monitors: Monitor[];
  /** The file's settings, to apply over the stored ones. */
  settings: Partial<Settings>;
  /** The complete channel list after the import (secrets plain); absent when the file has none and nothing changes. */
  channels?: ChannelConfig[];
  outcome: ImportOutcome;
}

/**
 * Decides everything an import will do before anything is changed: any issue anywhere rejects the whole file.
 * merge: adds new ids and replaces existing ones in place; replace: the file's list exactly.
 */
export function planImport(
  json: string,
  mode: 'merge' | 'replace',
  current: Monitor[],
  currentChannels: ChannelConfig[] = [],
  defaults: MonitorDefaults = {},
): { ok: true; plan: ImportPlan } | { ok: false; issues: ConfigIssue[] } {
  let parsed: unknown;
  try {
    parsed = parseJsonWithPosition(json, 'This file');
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, issues: error.issues };
    throw error;
  }
  const validated = validateConfig(parsed, defaults);
  if (!validated.ok) return { ok: false, issues: validated.issues };

  const byId = new Map(current.map((monitor) => [monitor.id, monitor]));
  const issues: ConfigIssue[] = [];
  const incoming: Monitor[] = [];
  validated.config.monitors.forEach((draft, index) => {
    const restored = restoreRedacted(draft, byId.get(draft.id), `monitors[${index}]`);
    if ('issue' in restored) issues.push(restored.issue);
    else incoming.push(restored.monitor);
  });
  const channels = planChannels(validated.config.channels, mode, currentChannels, issues);
  const known = new Set((channels ?? currentChannels).map((channel) => channel.id));
  validated.config.monitors.forEach((monitor, index) => issues.push(...unknownChannelIssues(monitor.channels, known, `monitors[${index}].channels`)));
  if (issues.length > 0) return { ok: false, issues };

  const incomingIds = new Set(incoming.map((monitor) => monitor.id));
  const outcome: ImportOutcome = {
    added: incoming.filter((m) => !byId.has(m.id)).map((m) => m.id),
    updated: incoming.filter((m) => byId.has(m.id)).map((m) => m.id),
    removed: mode === 'replace' ? current.filter((m) => !incomingIds.has(m.id)).map((m) => m.id) : [],
  };
  let monitors: Monitor[];
  if (mode === 'replace') {
    monitors = incoming;
  } else {
    const incomingById = new Map(incoming.map((monitor) => [monitor.id, monitor]));
    monitors = [...current.map((m) => incomingById.get(m.id) ?? m), ...incoming.filter((m) => !byId.has(m.id))];
  }
  return { ok: true, plan: { monitors, settings: validated.config.settings, ...(channels !== undefined ? { channels } : {}), outcome } };
}

/** The file's channels over the stored ones (REDACTED secrets kept); replace without "channels" clears them. */
function planChannels(incoming: ChannelConfig[] | undefined, mode: 'merge' | 'replace', current: ChannelConfig[], issues: ConfigIssue[]): ChannelConfig[] | undefined {
  if (incoming === undefined) return mode === 'replace' && current.length > 0 ? [] : undefined;
  const byId = new Map(current.map((channel) => [channel.id, channel]));
  const restored: ChannelConfig[] = [];
  incoming.forEach((draft, index) => {
    const result = restoreChannelSecrets(draft, byId.get(draft.id), `channels[${index}]`);
    if ('issues' in result) issues.push(...result.issues);
    else restored.push(result.channel);
  });
  if (mode === 'replace') return restored;
  const incomingById = new Map(restored.map((channel) => [channel.id, channel]));
  return [...current.map((channel) => incomingById.get(channel.id) ?? channel), ...restored.filter((channel) => !byId.has(channel.id))];
}

/**
 * The config file of every monitor and the engine settings. Secrets are REDACTED: an export goes to a UI, and a
 * UI never receives a secret in full. Importing it back keeps the stored secrets; on another machine the user
 * re-enters them.
 */
export function exportConfig(monitors: Monitor[], settings: Settings, channels: ChannelConfig[] = []): string {
  const file: ConfigFile = {
    version: 1,
    ...(channels.length > 0 ? { channels: channels.map(redactChannel) } : {}),
    monitors: monitors.map((monitor) => monitorToConfig(redactSecrets(monitor))),
    settings,
  };
  return `${JSON.stringify(file, undefined, 2)}\n`;
}
