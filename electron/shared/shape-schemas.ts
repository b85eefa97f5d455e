// The schemas the config validators are compiled from, and the ajv options, in one place: both the
// runtime compilation (schema-validators.ts) and the build-time one (electron.vite.config.ts) read them.
import { channelSchema } from './channel-schema.ts';
import { configSchema, monitorSchema, settingsSchema } from './config-schema.ts';

// verbose: errors carry the offending value, so messages can say "(got 70000)".
// discriminator: a monitor is checked against the one branch its "type" names (see config-schema.ts).
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true, discriminator: true } as const;

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
