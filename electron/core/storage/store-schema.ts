// The JSON Schema conf (and later electron-store) checks picket.json against on every read and write.
// Monitors are only "objects" here on purpose: each one is validated by the shared monitor validation
// (config-validation.ts), the same one the config import uses, so there is a single monitor schema.
import type { Options, Schema } from 'conf';
import { settingsSchema } from '../../shared/config-schema.ts';
import { DEFAULT_SETTINGS } from '../../shared/defaults.ts';
import { channelsSchema, groupChannelsSchema } from './store-channels.ts';
import { homeserversSchema } from './store-homeservers.ts';
import { preferencesSchema } from './store-preferences.ts';
import { CURRENT_SCHEMA_VERSION, STORE_NAME, type StoreDocument } from './store-document.ts';

export const storeFileSchema: Schema<StoreDocument> = {
  schemaVersion: { const: CURRENT_SCHEMA_VERSION },
  monitors: { type: 'array', items: { type: 'object' } },
  // The store always holds every setting: a missing one would silently mean "default" to some readers only.
  settings: { ...settingsSchema, required: Object.keys(DEFAULT_SETTINGS) },
  runtime: { type: 'object' },
  // Optional (not in rootSchema's required): absent means the default preferences.
  preferences: preferencesSchema,
  // Optional too: absent means no homeservers.
  homeservers: homeserversSchema,
  channels: channelsSchema,
  groupChannels: groupChannelsSchema,
};

/** The options both conf and electron-store must be given, so either one reads the same file the same way. */
export function storeOptions(dir: string): Partial<Options<StoreDocument>> {
  return {
    cwd: dir,
    configName: STORE_NAME,
    schema: storeFileSchema,
    rootSchema: { required: ['schemaVersion', 'monitors', 'settings', 'runtime'] },
    // Recovery (open-conf-store.ts) runs before conf sees the file; conf must never wipe it on its own.
    clearInvalidConfig: false,
    // Monitor ids may contain dots ("api.example"): keys are never paths.
    accessPropertiesByDotNotation: false,
    // One process owns the store; nobody else writes the file.
    watch: false,
    // Without a secret codec (plain Node), passwords and tokens are stored as given: only the user may read them.
    configFileMode: 0o600,
  };
}

/**
 * electron-store takes the file name as `name` (it overwrites `configName` with it, defaulting to "config"):
 * the Electron shell opens the same picket.json with `new ElectronStore(toElectronStoreOptions(options))`.
 */
export function toElectronStoreOptions<Options extends { configName?: string }>(
  options: Options,
): Omit<Options, 'configName'> & { name?: string } {
  const { configName, ...rest } = options;
  return configName === undefined ? rest : { ...rest, name: configName };
}
