// Validates a request's name and parameters before any transport hands it to the service, with the same
// schemas the engine uses (a monitor is checked field by field by validateMonitor). A malformed payload
// gets a ContractError naming the field and changes nothing.
import type { ValidateFunction } from 'ajv';
import { ajv } from './ajv.ts';
import { jsonPointerToPath } from './json-pointer-path.ts';
import { CHANNEL_ID_PATTERN } from './channel-schema.ts';
import { validateChannel } from './channel-validation.ts';
import { settingsSchema } from './config-schema.ts';
import { validateMonitor, type ConfigIssue } from './config-validation.ts';
import { IMPORT_SOURCES, MAX_IMPORT_FILE_BASE64 } from './import-types.ts';
import { REQUEST_NAMES, type ContractError, type RequestName, type RequestParams } from './contract.ts';

const monitorId = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } as const;
const empty = { type: 'object', additionalProperties: false, properties: {} } as const;
// A Matrix server name as people paste it (a URL, a user id, spaces): the service finds the name in it.
const serverNameParams = {
  type: 'object',
  additionalProperties: false,
  required: ['serverName'],
  properties: { serverName: { type: 'string', minLength: 1, maxLength: 2048 } },
} as const;
const withChannel = { type: 'object', additionalProperties: false, required: ['channel'], properties: { channel: { type: 'object' } } } as const;
const channelId = { type: 'string', pattern: CHANNEL_ID_PATTERN } as const;
const withMonitor = { type: 'object', additionalProperties: false, required: ['monitor'], properties: { monitor: { type: 'object' } } } as const;

export const appSettingsPatchSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...settingsSchema.properties,
    notificationsEnabled: { type: 'boolean' },
    notificationSound: { type: 'boolean' },
    startAtLogin: { type: 'boolean' },
    theme: { enum: ['system', 'light', 'dark'] },
    alertsPausedUntil: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] },
    mutedMonitors: { type: 'array', uniqueItems: true, items: monitorId },
  },
} as const;

const PARAM_SCHEMAS: Record<RequestName, object> = {
  listMonitors: empty,
  getHistory: {
    type: 'object',
    additionalProperties: false,
    required: ['monitorId', 'range'],
    properties: { monitorId, range: { enum: ['1h', '24h', '7d', '30d', '1y'] } },
  },
  addMonitor: withMonitor,
  editMonitor: withMonitor,
  removeMonitor: { type: 'object', additionalProperties: false, required: ['monitorId'], properties: { monitorId } },
  setPaused: {
    type: 'object',
    additionalProperties: false,
    required: ['monitorId', 'paused'],
    properties: { monitorId, paused: { type: 'boolean' } },
  },
  setMuted: {
    type: 'object',
    additionalProperties: false,
    required: ['monitorId', 'muted'],
    properties: { monitorId, muted: { type: 'boolean' } },
  },
  checkNow: { type: 'object', additionalProperties: false, properties: { monitorId } },
  testMonitor: withMonitor,
  importConfig: {
    type: 'object',
    additionalProperties: false,
    required: ['json', 'mode'],
    // 10 MiB: far beyond any real config, small enough that a hostile payload cannot exhaust memory.
    properties: { json: { type: 'string', maxLength: 10 * 1024 * 1024 }, mode: { enum: ['merge', 'replace'] } },
  },
  exportConfig: empty,
  getSettings: empty,
  updateSettings: { type: 'object', additionalProperties: false, required: ['patch'], properties: { patch: appSettingsPatchSchema } },
  discoverHomeserver: serverNameParams,
  addHomeserver: serverNameParams,
  listHomeservers: empty,
  previewImport: {
    type: 'object',
    additionalProperties: false,
    required: ['source', 'file'],
    properties: { source: { enum: [...IMPORT_SOURCES] }, file: { type: 'string', maxLength: MAX_IMPORT_FILE_BASE64, pattern: '^[A-Za-z0-9+/]*={0,2}$' } },
  },
  getProblems: empty,
  listChannels: empty,
  saveChannel: withChannel,
  testChannel: withChannel,
  removeChannel: { type: 'object', additionalProperties: false, required: ['channelId'], properties: { channelId } },
  setGroupChannels: {
    type: 'object',
    additionalProperties: false,
    required: ['group', 'channelIds'],
    properties: {
      group: { type: 'string', minLength: 1, maxLength: 200 },
      channelIds: { anyOf: [{ type: 'array', uniqueItems: true, items: channelId }, { type: 'null' }] },
    },
  },
  pauseAlerts: {
    type: 'object',
    additionalProperties: false,
    required: ['until'],
    properties: { until: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] } },
  },
};

// Compiled on first use: `picket run` makes one kind of request, and each compiled validator costs memory.
const validators = new Map<RequestName, ValidateFunction>();

function validatorOf(name: RequestName): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    validate = ajv.compile(PARAM_SCHEMAS[name]);
    validators.set(name, validate);
  }
  return validate;
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && (REQUEST_NAMES as readonly string[]).includes(name);
}

function invalid(message: string, issues?: ConfigIssue[]): { ok: false; error: ContractError } {
  return { ok: false, error: { code: 'invalid-params', message, ...(issues ? { issues } : {}) } };
}

export function validateRequest<Name extends RequestName>(
  name: unknown,
  params: unknown,
): { ok: true; name: Name; params: RequestParams<Name> } | { ok: false; error: ContractError } {
  if (!isRequestName(name)) return invalid(`unknown request ${JSON.stringify(name)}`);
  const validate = validatorOf(name);
  if (!validate(params ?? {})) {
    const issues = (validate.errors ?? []).map((error) => {
      const base = jsonPointerToPath(error.instancePath);
      const extra = error.params as Record<string, unknown>;
      const field = typeof extra.additionalProperty === 'string' ? extra.additionalProperty : typeof extra.missingProperty === 'string' ? extra.missingProperty : '';
      const path = field ? (base ? `${base}.${field}` : field) : base;
      const message = extra.additionalProperty ? 'unknown field' : extra.missingProperty ? 'is required' : (error.message ?? error.keyword);
      return { path, message };
    });
    return invalid(`invalid parameters for ${name}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, issues);
  }
  if (name === 'addMonitor' || name === 'editMonitor' || name === 'testMonitor') {
    const result = validateMonitor((params as { monitor: unknown }).monitor, 'monitor');
    if (!result.ok) return invalid(`invalid monitor: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, result.issues);
  }
  if (name === 'saveChannel' || name === 'testChannel') {
    const result = validateChannel((params as { channel: unknown }).channel, 'channel');
    if (!result.ok) return invalid(`invalid channel: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, result.issues);
  }
  return { ok: true, name: name as Name, params: (params ?? {}) as RequestParams<Name> };
}
