// Turns a parsed picket.json (any version, possibly damaged) into a current StoreDocument,
// keeping everything valid and listing exactly what had to be dropped or reset.
import { formatIssue, validateMonitor } from '../../shared/config-validation.ts';
import type { Monitor } from '../../shared/types.ts';
import { NewerStoreVersionError, migrateToCurrent } from './migrations.ts';
import { recoverChannels, recoverGroupChannels } from './store-channels.ts';
import { recoverHomeservers } from './store-homeservers.ts';
import { recoverPreferences } from './store-preferences.ts';
import { recoverSettings } from './store-settings.ts';
import { CURRENT_SCHEMA_VERSION, isPlainObject, type FieldProblem, type StoreDocument } from './store-document.ts';

export interface DroppedMonitor {
  index: number;
  id?: string;
  reason: string;
}

export interface RecoveredDocument {
  document: StoreDocument;
  droppedMonitors: DroppedMonitor[];
  /** Top-level fields and settings that were invalid and reset to defaults (or unknown and dropped). */
  resetFields: FieldProblem[];
  migratedFrom?: number;
}

/** Nothing in the file can be salvaged (not an object, an impossible schemaVersion): use the backup instead. */
export class UnusableStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableStoreError';
  }
}

const KNOWN_FIELDS = new Set(['schemaVersion', 'monitors', 'settings', 'runtime', 'preferences', 'homeservers', 'channels', 'groupChannels']);

export function emptyStoreDocument(settings = recoverSettings(undefined).settings): StoreDocument {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, monitors: [], settings };
}

export function recoverDocument(parsed: unknown): RecoveredDocument {
  if (!isPlainObject(parsed)) throw new UnusableStoreError('the file does not hold a JSON object');
  let migration: ReturnType<typeof migrateToCurrent>;
  try {
    migration = migrateToCurrent(parsed);
  } catch (error) {
    if (error instanceof NewerStoreVersionError) throw error;
    throw new UnusableStoreError(error instanceof Error ? error.message : String(error));
  }
  const raw = migration.document;
  const resetFields: FieldProblem[] = Object.keys(raw)
    .filter((key) => !KNOWN_FIELDS.has(key))
    .map((key) => ({ field: key, reason: 'is not a field of the store file' }));

  const { monitors, droppedMonitors } = recoverMonitors(raw.monitors, resetFields);
  const { settings, reset } = recoverSettings(raw.settings);
  resetFields.push(...reset);
  const document: StoreDocument = { schemaVersion: CURRENT_SCHEMA_VERSION, monitors, settings };
  // Bookkeeping from before picket.state.json: kept here until the store moves it there.
  if (isPlainObject(raw.runtime)) document.runtime = raw.runtime;
  else if (raw.runtime !== undefined) resetFields.push({ field: 'runtime', reason: 'must be an object' });
  // Left out when absent, so a file from before preferences existed is already clean and is not rewritten.
  if (raw.preferences !== undefined) {
    const { preferences, reset: resetPreferences } = recoverPreferences(raw.preferences);
    resetFields.push(...resetPreferences);
    document.preferences = preferences;
  }
  if (raw.homeservers !== undefined) {
    const { homeservers, reset: resetHomeservers } = recoverHomeservers(raw.homeservers);
    resetFields.push(...resetHomeservers);
    document.homeservers = homeservers;
  }
  if (raw.channels !== undefined) {
    const { channels, reset: resetChannels } = recoverChannels(raw.channels);
    resetFields.push(...resetChannels);
    document.channels = channels;
  }
  if (raw.groupChannels !== undefined) {
    const { groupChannels, reset: resetGroups } = recoverGroupChannels(raw.groupChannels);
    resetFields.push(...resetGroups);
    document.groupChannels = groupChannels;
  }
  return migration.migratedFrom === undefined
    ? { document, droppedMonitors, resetFields }
    : { document, droppedMonitors, resetFields, migratedFrom: migration.migratedFrom };
}

function recoverMonitors(
  raw: unknown,
  resetFields: FieldProblem[],
): { monitors: Monitor[]; droppedMonitors: DroppedMonitor[] } {
  const monitors: Monitor[] = [];
  const droppedMonitors: DroppedMonitor[] = [];
  if (raw === undefined) return { monitors, droppedMonitors };
  if (!Array.isArray(raw)) {
    resetFields.push({ field: 'monitors', reason: 'must be an array' });
    return { monitors, droppedMonitors };
  }
  const seen = new Set<string>();
  raw.forEach((item: unknown, index) => {
    const id = isPlainObject(item) && typeof item.id === 'string' ? item.id : undefined;
    const drop = (reason: string): void => {
      droppedMonitors.push(id === undefined ? { index, reason } : { index, id, reason });
    };
    const result = validateMonitor(item, `monitors[${index}]`);
    if (!result.ok) return drop(result.issues.map(formatIssue).join('; '));
    if (seen.has(result.monitor.id)) return drop(`monitors[${index}].id: duplicate id "${result.monitor.id}"`);
    seen.add(result.monitor.id);
    monitors.push(result.monitor);
  });
  return { monitors, droppedMonitors };
}
