// The schemas the config validators are compiled from, in one place: both the runtime compilation
// (schema-validators.ts) and the build-time one (electron.vite.config.ts) read them, with the options in ajv.ts.
import { channelSchema } from './channel-schema.ts';
import { configSchema, monitorSchema, settingsSchema } from './config-schema.ts';

export const SHAPE_SCHEMAS = {
  // The document's outer shape only: each monitor is then validated on its own, so one bad monitor
  // does not hide the problems (or the duplicate ids) of the others.
  config: {
    ...configSchema,
    $id: undefined,
    properties: {
      ...configSchema.properties,
      monitors: { type: 'array', items: { type: 'object' } },
      channels: { type: 'array', items: { type: 'object' } },
    },
  },
  monitor: monitorSchema,
  settings: settingsSchema,
  channel: channelSchema,
} as const;

/** The exported names of schema-validators.ts, by schema. */
export const VALIDATOR_EXPORTS = {
  validateConfigShape: 'config',
  validateMonitorShape: 'monitor',
  validateSettingsShape: 'settings',
  validateChannelShape: 'channel',
} as const;
