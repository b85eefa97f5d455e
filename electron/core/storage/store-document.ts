// The layout of <data dir>/picket.json, the file of what the user owns: monitors, settings, preferences, homeservers.
import type { Monitor, Settings } from '../../shared/types.ts';
import type { ChannelConfig } from '../../shared/channel-types.ts';
import type { GroupChannels } from './store-channels.ts';
import type { HomeserverRecords } from './store-homeservers.ts';
import type { Preferences } from './store-preferences.ts';

/** Bump when the layout changes, and add a step to migrations.ts that converts the previous one. */
export const CURRENT_SCHEMA_VERSION = 1;

/** conf's configName: the store lives in picket.json, its backup in picket.backup.json. */
export const STORE_NAME = 'picket';

// A type alias, not an interface: conf's generic wants something assignable to Record<string, any>.
export type StoreDocument = {
  schemaVersion: number;
  monitors: Monitor[];
  settings: Settings;
  /**
   * Only in files from before picket.state.json: the engine's bookkeeping, moved to that file when the store
   * is opened (runtime-state-file.ts). Never written back here.
   */
  runtime?: Record<string, unknown>;
  /** The app's preferences (store-preferences.ts); absent until first changed, and absent means the defaults. */
  preferences?: Preferences;
  /** Matrix homeservers by server name (store-homeservers.ts); absent until the first is added. */
  homeservers?: HomeserverRecords;
  /** Alert channels, secrets sealed (store-channels.ts); absent until the first is added. */
  channels?: ChannelConfig[];
  /** Channel ids per homeserver group; absent until first set. */
  groupChannels?: GroupChannels;
};

/** One thing found wrong in a store file and dropped or reset to its default. */
export interface FieldProblem {
  /** Dotted path: "settings.rawRetentionDays", "runtime", "monitors". */
  field: string;
  reason: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text conf writes: tab-indented JSON, so files written by us and by conf are byte-identical. */
export function serializeStoreDocument(document: StoreDocument): string {
  return JSON.stringify(document, undefined, '\t');
}
