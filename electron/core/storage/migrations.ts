// Converts older layouts of picket.json to the current one, one schemaVersion step at a time.
//
// Why our own ordered list rather than conf's `migrations` option: conf keys migrations by the APP's semver,
// keeps its progress in a hidden "__internal__" key and runs them inside its constructor, throwing on any
// problem. Our layout has an explicit integer schemaVersion independent of app releases, and migration must
// run BEFORE recovery so a version-0 file with one bad monitor keeps all the others.
import { CURRENT_SCHEMA_VERSION, isPlainObject } from './store-document.ts';

export interface Migration {
  from: number;
  /** One line for logs: what this step changes. */
  description: string;
  /** Takes a document of layout `from`, returns one of layout `from + 1`. Lenient: leaves unknown shapes to validation. */
  migrate(document: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Version 0 (before schemaVersion existed): monitors were an object keyed by id, the id not repeated inside;
 * the timeout was `timeout` in milliseconds; the engine's bookkeeping was under `alertState`.
 */
const fromVersion0: Migration = {
  from: 0,
  description: 'monitors keyed by id -> array; timeout (ms) -> timeoutSeconds; alertState -> runtime',
  migrate(document) {
    const { monitors, alertState, ...rest } = document;
    const migrated: Record<string, unknown> = { ...rest, schemaVersion: 1 };
    if (isPlainObject(monitors)) {
      migrated.monitors = Object.entries(monitors).map(([id, monitor]) => monitorFromVersion0(id, monitor));
    } else if (monitors !== undefined) {
      migrated.monitors = monitors; // not the v0 shape: validation reports it
    }
    if (alertState !== undefined) migrated.runtime = alertState;
    return migrated;
  },
};

function monitorFromVersion0(id: string, monitor: unknown): unknown {
  if (!isPlainObject(monitor)) return monitor;
  const { timeout, ...rest } = monitor;
  const converted: Record<string, unknown> = { id, ...rest };
  if (typeof timeout === 'number') converted.timeoutSeconds = timeout / 1000;
  else if (timeout !== undefined) converted.timeout = timeout; // kept so validation names the field
  return converted;
}

/** Ordered by `from`; step i converts version i to i + 1. */
export const MIGRATIONS: readonly Migration[] = [fromVersion0];

/** The layout version of a parsed store file: absent means 0 (the layout from before the field existed). */
export function schemaVersionOf(document: Record<string, unknown>): number {
  const version = document.schemaVersion;
  if (version === undefined) return 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new Error(`schemaVersion: must be a whole number >= 0, got ${JSON.stringify(version)}`);
  }
  return version;
}

/** Thrown for a file written by a newer Picket: we must not rewrite (and so downgrade) what we do not understand. */
export class NewerStoreVersionError extends Error {
  constructor(readonly version: number) {
    super(
      `schemaVersion: the store file has version ${version}, newer than this Picket understands (${CURRENT_SCHEMA_VERSION}); ` +
        'update Picket or move the file away',
    );
    this.name = 'NewerStoreVersionError';
  }
}

/** Runs every step from the file's version up to the current one. migratedFrom is set when any step ran. */
export function migrateToCurrent(
  document: Record<string, unknown>,
  migrations: readonly Migration[] = MIGRATIONS,
  currentVersion = CURRENT_SCHEMA_VERSION,
): { document: Record<string, unknown>; migratedFrom?: number } {
  const startVersion = schemaVersionOf(document);
  if (startVersion > currentVersion) throw new NewerStoreVersionError(startVersion);
  // Find every step before running any, so a gap in the list fails before any work is done.
  const steps: Migration[] = [];
  for (let version = startVersion; version < currentVersion; version += 1) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new Error(`schemaVersion: no migration from version ${version}`);
    steps.push(step);
  }
  let migrated = document;
  for (const step of steps) migrated = { ...step.migrate(migrated), schemaVersion: step.from + 1 };
  return startVersion === currentVersion ? { document: migrated } : { document: migrated, migratedFrom: startVersion };
}
