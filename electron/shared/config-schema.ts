// The JSON Schema of Picket's config format (import, export, the CLI and the store all use it).
// docs/config.schema.json is generated from this object (npm run schema) and a test keeps the two equal.
// Monitors are a oneOf discriminated by "type", one branch per registered monitor type, so an editor
// validating against the published file knows what each type takes and requires.
import { Type, type Static } from '@sinclair/typebox';
import { channelSchema } from './channel-schema.ts';
import { DEFAULT_SETTINGS } from './defaults.ts';
import { MONITOR_TYPE_SPECS, MONITOR_TYPES } from './monitor-types/registry.ts';
import { HOST_PORT_PATTERN } from './monitor-types/schema-kit.ts';

/**
 * One monitor. `discriminator` (OpenAPI's, which ajv implements) makes a validator check only the branch
 * its "type" names, so errors speak of that type instead of every branch; to other validators it is an
 * unknown keyword, and the oneOf alone still picks the one branch whose "type" const matches.
 */
export const monitorSchema = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: MONITOR_TYPES.map((type) => MONITOR_TYPE_SPECS[type].schema),
} as const;

const days = (description: string, fallback: number) => Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, default: fallback, description }));

export const settingsSchema = Type.Object(
  {
    rawRetentionDays: days('Days of raw results to keep.', DEFAULT_SETTINGS.rawRetentionDays),
    rollupRetentionDays: days('Days of minute/hour/day rollups to keep.', DEFAULT_SETTINGS.rollupRetentionDays),
    referenceTarget: Type.Optional(
      Type.String({
        pattern: HOST_PORT_PATTERN,
        default: DEFAULT_SETTINGS.referenceTarget,
        description: 'Where the offline guard looks when every check fails at the network level: "host:port".',
      }),
    ),
    maxConcurrentChecks: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, default: DEFAULT_SETTINGS.maxConcurrentChecks, description: 'Most checks in flight at once.' }),
    ),
    resumeSettleSeconds: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 600,
        default: DEFAULT_SETTINGS.resumeSettleSeconds,
        description: "After resume (or the network's return), wait this long before checking everything once.",
      }),
    ),
    defaultExpiryWarningDays: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0, maximum: 3650 }), {
        uniqueItems: true,
        default: DEFAULT_SETTINGS.defaultExpiryWarningDays,
        description: 'Certificate reminder days for tls monitors that do not list their own.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The settings with every default filled in. */
export type Settings = Required<Static<typeof settingsSchema>>;

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://picket.invalid/config.schema.json',
  title: 'Picket config',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'monitors'],
  properties: {
    $schema: { type: 'string' },
    version: { const: 1 },
    monitors: { type: 'array', items: monitorSchema },
    settings: settingsSchema,
    channels: { type: 'array', items: channelSchema, description: 'Alert channels (docs/alerting.md).' },
  },
} as const;
