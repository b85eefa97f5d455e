// The JSON Schema of Picket's config format (import, export, the CLI and the store all use it).
// docs/config.schema.json is generated from this object (npm run schema) and a test keeps the two equal.
import { CHANNEL_ID_PATTERN, channelSchema } from './channel-schema.ts';
import { MIN_INTERVAL_SECONDS } from './defaults.ts';

/** "host:port" or "[v6]:port". */
const HOST_PORT_PATTERN = '^(\\[[0-9A-Fa-f:.]+\\]|[^\\s:\\[\\]]+):[0-9]{1,5}$';

const positiveSeconds = { type: 'number', exclusiveMinimum: 0, maximum: 86_400 } as const;

const tlsOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    caFile: { type: 'string', minLength: 1, description: 'PEM file with extra trusted CA certificates.' },
    ignoreErrors: {
      type: 'boolean',
      description: 'HTTP: skip certificate verification. TLS: an untrusted chain is not "down" (private CAs).',
    },
    serverName: { type: 'string', minLength: 1, description: 'SNI and the name the certificate must carry.' },
  },
} as const;

/** Every field any monitor type may carry; which ones a type accepts is checked in config-validation.ts. */
export const monitorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type'],
  properties: {
    id: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      description: 'Stable identifier: letters, digits, dot, dash, underscore; history is kept under it.',
    },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    type: { enum: ['http', 'tcp', 'tls', 'matrix-federation', 'matrix-keys'] },
    group: { type: 'string', minLength: 1, maxLength: 200 },
    paused: { type: 'boolean' },
    url: { type: 'string', minLength: 1 },
    host: { type: 'string', minLength: 1, maxLength: 253 },
    port: { type: 'integer', minimum: 1, maximum: 65_535 },
    intervalSeconds: { type: 'number', minimum: MIN_INTERVAL_SECONDS, maximum: 86_400 },
    timeoutSeconds: positiveSeconds,
    failureThreshold: { type: 'integer', minimum: 1, maximum: 100 },
    reminderIntervalMinutes: { type: 'integer', minimum: 0, maximum: 10_080 },
    method: { enum: ['GET', 'HEAD', 'POST'] },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    body: { type: 'string' },
    auth: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'username', 'password'],
          properties: { type: { const: 'basic' }, username: { type: 'string' }, password: { type: 'string' } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'token'],
          properties: { type: { const: 'bearer' }, token: { type: 'string', minLength: 1 } },
        },
      ],
    },
    expectedStatus: {
      type: 'array',
      minItems: 1,
      items: {
        anyOf: [
          { type: 'integer', minimum: 100, maximum: 599 },
          { type: 'string', pattern: '^[1-5][0-9]{2}(-[1-5][0-9]{2})?$' },
        ],
      },
    },
    keyword: { type: 'string', minLength: 1 },
    keywordCaseInsensitive: { type: 'boolean' },
    keywordInvert: { type: 'boolean' },
    maxRedirects: { type: 'integer', minimum: 0, maximum: 20 },
    cacheBust: { type: 'boolean' },
    maxBodyBytes: { type: 'integer', minimum: 1024, maximum: 67_108_864 },
    slowResponseMs: { type: 'integer', minimum: 1 },
    expiryWarningDays: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'integer', minimum: 0, maximum: 3650 },
    },
    connectTo: {
      type: 'string',
      pattern: HOST_PORT_PATTERN,
      description: 'HTTP: connect to "address:port" instead of the URL\'s host; the URL\'s host stays the Host header and TLS name.',
    },
    serverName: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'Matrix: the server name (example.org), as in @user:example.org.',
    },
    hostHeader: {
      type: 'string',
      minLength: 1,
      maxLength: 261,
      description: 'Matrix: the Host header discovery says to send (defaults to serverName).',
    },
    tlsServerName: {
      type: 'string',
      minLength: 1,
      maxLength: 253,
      description: 'Matrix: the name the federation certificate must carry (defaults to serverName).',
    },
    tls: tlsOptionsSchema,
    channels: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: CHANNEL_ID_PATTERN },
      description: 'Ids of the channels this monitor alerts; absent means its homeserver group\'s, else the default channels.',
    },
  },
} as const;

export const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rawRetentionDays: { type: 'integer', minimum: 1, maximum: 3650 },
    rollupRetentionDays: { type: 'integer', minimum: 1, maximum: 3650 },
    referenceTarget: { type: 'string', pattern: HOST_PORT_PATTERN },
    maxConcurrentChecks: { type: 'integer', minimum: 1, maximum: 1000 },
    resumeSettleSeconds: { type: 'number', minimum: 0, maximum: 600 },
    defaultExpiryWarningDays: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'integer', minimum: 0, maximum: 3650 },
    },
  },
} as const;

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

/** Fields each monitor type accepts beyond the common ones. */
export const TYPE_FIELDS = {
  http: [
    'url',
    'method',
    'headers',
    'body',
    'auth',
    'expectedStatus',
    'keyword',
    'keywordCaseInsensitive',
    'keywordInvert',
    'maxRedirects',
    'cacheBust',
    'maxBodyBytes',
    'slowResponseMs',
    'connectTo',
    'tls',
  ],
  tcp: ['host', 'port'],
  tls: ['host', 'port', 'expiryWarningDays', 'tls'],
  'matrix-federation': ['serverName', 'host', 'port', 'hostHeader', 'tlsServerName', 'tls'],
  'matrix-keys': ['serverName', 'host', 'port', 'hostHeader', 'tlsServerName', 'tls'],
} as const;

export const COMMON_FIELDS = [
  'id',
  'name',
  'type',
  'group',
  'paused',
  'intervalSeconds',
  'timeoutSeconds',
  'failureThreshold',
  'reminderIntervalMinutes',
  'channels',
] as const;
