// The JSON Schema of an alert channel and, per provider, which fields it takes, needs and keeps secret, and how
// its form shows them. The engine (validation, secrets), the config file's schema and the dashboard's form all
// read this one table, so adding a provider here is what makes it known everywhere.
import { ALERT_KINDS, CHANNEL_TYPES, EMAIL_SECURITY, WEBHOOK_FORMATS, type ChannelType } from './channel-types.ts';

export const CHANNEL_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';

const text = { type: 'string', minLength: 1, maxLength: 2048 } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string', maxLength: 4096 } } as const;

/** Every field any channel may carry; which ones a provider accepts is checked in channel-validation.ts. */
export const channelSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type'],
  properties: {
    id: { type: 'string', pattern: CHANNEL_ID_PATTERN, description: 'Stable identifier; monitors name channels by it.' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    type: { enum: [...CHANNEL_TYPES] },
    default: { type: 'boolean', description: 'Carries every monitor\'s alerts unless the monitor names its own channels.' },
    kinds: { type: 'array', uniqueItems: true, items: { enum: [...ALERT_KINDS] }, description: 'Only these alert kinds (default: all).' },
    url: text,
    format: { enum: [...WEBHOOK_FORMATS] },
    headers: stringMap,
    secret: text,
    token: text,
    username: text,
    password: { type: 'string', maxLength: 2048 },
    priority: { type: 'integer', minimum: -2, maximum: 10 },
    tags: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 } },
    userKey: text,
    device: text,
    apiUrl: text,
    botToken: text,
    chatId: { type: 'string', minLength: 1, maxLength: 200 },
    homeserverUrl: text,
    accessToken: text,
    roomId: { type: 'string', pattern: '^!.+:.+$', description: 'The room id, like "!abc:example.org".' },
    host: { type: 'string', minLength: 1, maxLength: 253 },
    port: { type: 'integer', minimum: 1, maximum: 65_535 },
    secure: { enum: [...EMAIL_SECURITY] },
    from: text,
    to: { type: 'array', minItems: 1, items: { type: 'string', minLength: 3, maxLength: 320 } },
    caFile: text,
    labels: stringMap,
    urls: { type: 'array', minItems: 1, items: text },
    tag: text,
    argv: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    timeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 600 },
  },
} as const;

export const CHANNEL_COMMON_FIELDS = ['id', 'name', 'type', 'default', 'kinds'] as const;

/** What a form field is: how it is edited, and how its value is written in the config. */
export type ChannelFieldKind = 'text' | 'secret' | 'url' | 'number' | 'select' | 'list' | 'map';

export interface ChannelField {
  name: string;
  label: string;
  kind: ChannelFieldKind;
  required?: boolean;
  options?: readonly string[];
  placeholder?: string;
  help?: string;
  /** A URL field whose value embeds a secret (a Slack webhook): sealed and redacted like a password. */
  secret?: boolean;
}

export interface ChannelSpec {
  label: string;
  fields: readonly ChannelField[];
  /** Fields that are never shown back whole, sealed at rest and left out of exports. */
  secretFields: readonly string[];
}

const priority = (help: string): ChannelField => ({ name: 'priority', label: 'Priority', kind: 'number', help });

export const CHANNEL_SPECS: Record<ChannelType, ChannelSpec> = {
  webhook: {
    label: 'Webhook (Slack, Discord, Teams, Mattermost, Google Chat or your own)',
    fields: [
      { name: 'url', label: 'Webhook URL', kind: 'url', required: true, secret: true, placeholder: 'https://hooks.slack.com/services/…' },
      { name: 'format', label: 'Message format', kind: 'select', options: WEBHOOK_FORMATS, help: 'generic is Picket\'s own JSON body (docs/alerting.md)' },
      { name: 'secret', label: 'Signing secret', kind: 'secret', help: 'Signs the body with HMAC-SHA256 in X-Picket-Signature' },
      { name: 'headers', label: 'Extra headers', kind: 'map', secret: true, placeholder: 'Authorization: Bearer …' },
    ],
    secretFields: ['url', 'secret', 'headers'],
  },
  ntfy: {
    label: 'ntfy',
    fields: [
      { name: 'url', label: 'Topic URL', kind: 'url', required: true, placeholder: 'https://ntfy.sh/my-alerts' },
      { name: 'token', label: 'Access token', kind: 'secret' },
      { name: 'username', label: 'Username', kind: 'text' },
      { name: 'password', label: 'Password', kind: 'secret' },
      priority('1 (min) to 5 (max); default 5 for down, 3 otherwise'),
      { name: 'tags', label: 'Tags', kind: 'list', placeholder: 'warning, picket' },
    ],
    secretFields: ['token', 'password'],
  },
  gotify: {
    label: 'Gotify',
    fields: [
      { name: 'url', label: 'Server URL', kind: 'url', required: true, placeholder: 'https://gotify.example.org' },
      { name: 'token', label: 'Application token', kind: 'secret', required: true },
      priority('0 to 10; default 8 for down, 4 otherwise'),
    ],
    secretFields: ['token'],
  },
  pushover: {
    label: 'Pushover',
    fields: [
      { name: 'token', label: 'Application API token', kind: 'secret', required: true },
      { name: 'userKey', label: 'User or group key', kind: 'secret', required: true },
      { name: 'device', label: 'Device', kind: 'text' },
      priority('-2 to 2; default 1 for down, 0 otherwise'),
      { name: 'apiUrl', label: 'API URL', kind: 'url', placeholder: 'https://api.pushover.net' },
    ],
    secretFields: ['token', 'userKey'],
  },
  telegram: {
    label: 'Telegram',
    fields: [
      { name: 'botToken', label: 'Bot token', kind: 'secret', required: true, placeholder: '123456:ABC…' },
      { name: 'chatId', label: 'Chat id', kind: 'text', required: true, placeholder: '-1001234567890' },
      { name: 'apiUrl', label: 'Bot API URL', kind: 'url', placeholder: 'https://api.telegram.org' },
    ],
    secretFields: ['botToken'],
  },
  matrix: {
    label: 'Matrix room',
    fields: [
      { name: 'homeserverUrl', label: 'Homeserver URL', kind: 'url', required: true, placeholder: 'https://matrix.example.net' },
      { name: 'accessToken', label: 'Bot access token', kind: 'secret', required: true },
      { name: 'roomId', label: 'Room id', kind: 'text', required: true, placeholder: '!abc:example.net' },
    ],
    secretFields: ['accessToken'],
  },
  email: {
    label: 'Email (SMTP)',
    fields: [
      { name: 'host', label: 'SMTP host', kind: 'text', required: true, placeholder: 'smtp.example.org' },
      { name: 'port', label: 'Port', kind: 'number', required: true, placeholder: '587' },
      { name: 'secure', label: 'Security', kind: 'select', required: true, options: EMAIL_SECURITY, help: 'tls: port 465; starttls: port 587; none: only on a trusted network' },
      { name: 'username', label: 'Username', kind: 'text' },
      { name: 'password', label: 'Password', kind: 'secret' },
      { name: 'from', label: 'From', kind: 'text', required: true, placeholder: 'Picket <picket@example.org>' },
      { name: 'to', label: 'To', kind: 'list', required: true, placeholder: 'ops@example.org, me@example.org' },
      { name: 'caFile', label: 'Extra CA file', kind: 'text' },
    ],
    secretFields: ['password'],
  },
  alertmanager: {
    label: 'Prometheus Alertmanager',
    fields: [
      { name: 'url', label: 'Alertmanager URL', kind: 'url', required: true, placeholder: 'http://127.0.0.1:9093' },
      { name: 'labels', label: 'Extra labels', kind: 'map', placeholder: 'team: matrix' },
    ],
    secretFields: [],
  },
  apprise: {
    label: 'Apprise API',
    fields: [
      { name: 'url', label: 'Notify URL', kind: 'url', required: true, secret: true, placeholder: 'https://apprise.example.org/notify/picket' },
      { name: 'urls', label: 'Apprise URLs (stateless)', kind: 'list', secret: true },
      { name: 'tag', label: 'Tag', kind: 'text' },
    ],
    secretFields: ['url', 'urls'],
  },
  command: {
    label: 'Command',
    fields: [
      { name: 'argv', label: 'Program and arguments', kind: 'list', required: true, placeholder: '/usr/local/bin/page-oncall, --team, matrix', help: 'Run directly (no shell); the alert arrives as JSON on stdin' },
      { name: 'timeoutSeconds', label: 'Timeout (seconds)', kind: 'number', placeholder: '30' },
    ],
    secretFields: [],
  },
};

/** The fields a provider accepts beyond the common ones. */
export function channelTypeFields(type: ChannelType): string[] {
  return CHANNEL_SPECS[type].fields.map((field) => field.name);
}
