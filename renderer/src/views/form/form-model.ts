// The form's draft (strings, as inputs hold them) and its translation to a MonitorConfig. Only what the
// user filled in goes into the config: an empty field is left out, so the engine's defaults stay defaults.
import type { MonitorConfig } from '../../../../electron/shared/config-validation.ts';
import type { HttpMonitorConfig } from '../../../../electron/shared/monitor-types/http.ts';
import type { MatrixFederationMonitorConfig } from '../../../../electron/shared/monitor-types/matrix-federation.ts';
import type { MonitorFormField } from '../../../../electron/shared/monitor-types/monitor-type-spec.ts';
import { monitorTypeSpec } from '../../../../electron/shared/monitor-types/registry.ts';
import type { TlsMonitorConfig } from '../../../../electron/shared/monitor-types/tls.ts';
import type { HttpAuth, HttpMethod, MonitorType } from '../../../../electron/shared/types.ts';

/** Every field the form's own editors know, whatever the type: the draft reads a config through it. */
type EditorFields = Partial<Omit<HttpMonitorConfig, 'type'> & Omit<TlsMonitorConfig, 'type'> & Omit<MatrixFederationMonitorConfig, 'type'>>;

/** The form of a type built from its spec's field list: each value as its input holds it. */
export type FieldValues = Record<string, string | boolean>;

/** A Matrix monitor's endpoint names: discovery sets them, the form carries them over untouched. */
export const MATRIX_ENDPOINT_FIELDS = ['serverName', 'hostHeader', 'tlsServerName'] as const;
export type MatrixEndpointField = (typeof MATRIX_ENDPOINT_FIELDS)[number];

export interface HeaderRow {
  /** Stable React key; rows have no identity of their own. */
  key: number;
  name: string;
  value: string;
}

export type AuthKind = 'none' | 'basic' | 'bearer';

export interface MonitorDraft {
  type: MonitorType;
  id: string;
  /** Once the user types an id, it no longer follows the name. */
  idEdited: boolean;
  name: string;
  group: string;
  intervalSeconds: string;
  timeoutSeconds: string;
  failureThreshold: string;
  reminderIntervalMinutes: string;
  // http
  url: string;
  method: HttpMethod;
  headers: HeaderRow[];
  body: string;
  authKind: AuthKind;
  username: string;
  password: string;
  token: string;
  expectedStatus: string;
  keyword: string;
  keywordCaseInsensitive: boolean;
  keywordInvert: boolean;
  maxRedirects: string;
  cacheBust: boolean;
  slowResponseMs: string;
  caFile: string;
  ignoreErrors: boolean;
  serverName: string;
  // tcp and tls
  host: string;
  port: string;
  expiryWarningDays: string;
  /** The fields of a type whose form is built from its spec (editor 'fields'), by config field name. */
  values: FieldValues;
  /** Alert channel ids; null: the defaults (or the homeserver group's). */
  channels: string[] | null;
  /** Fields the form does not show, carried over from the monitor being edited. */
  carried: Pick<EditorFields, 'paused' | 'maxBodyBytes' | MatrixEndpointField>;
}

let nextRowKey = 1;
export function headerRow(name = '', value = ''): HeaderRow {
  return { key: nextRowKey++, name, value };
}

const text = (value: number | string | undefined): string => (value === undefined ? '' : String(value));

export function emptyDraft(type: MonitorType = 'http'): MonitorDraft {
  return {
    type,
    id: '',
    idEdited: false,
    name: '',
    group: '',
    intervalSeconds: '',
    timeoutSeconds: '',
    failureThreshold: '',
    reminderIntervalMinutes: '',
    url: '',
    method: 'GET',
    headers: [],
    body: '',
    authKind: 'none',
    username: '',
    password: '',
    token: '',
    expectedStatus: '',
    keyword: '',
    keywordCaseInsensitive: false,
    keywordInvert: false,
    maxRedirects: '',
    cacheBust: false,
    slowResponseMs: '',
    caFile: '',
    ignoreErrors: false,
    serverName: '',
    host: '',
    port: '',
    expiryWarningDays: '',
    values: {},
    channels: null,
    carried: {},
  };
}

/** The spec's fields of a type whose form is built from them; none for the types with editors of their own. */
export function specFields(type: MonitorType): readonly MonitorFormField[] {
  const form = monitorTypeSpec(type).form;
  return form.editor === 'fields' ? form.fields : [];
}

function valuesFromConfig(type: MonitorType, config: Record<string, unknown>): FieldValues {
  const values: FieldValues = {};
  for (const field of specFields(type)) {
    const value = config[field.name];
    if (value === undefined) continue;
    values[field.name] = field.kind === 'checkbox' ? value === true : Array.isArray(value) ? value.join(', ') : String(value);
  }
  return values;
}

/** A monitor being edited, as the form shows it. Secrets arrive as REDACTED and stay so unless retyped. */
export function draftFromConfig(monitor: MonitorConfig): MonitorDraft {
  const config: EditorFields & Pick<MonitorConfig, 'id' | 'type'> = monitor;
  const auth = config.auth;
  return {
    ...emptyDraft(config.type),
    id: config.id,
    idEdited: true,
    name: config.name ?? '',
    group: config.group ?? '',
    channels: config.channels ?? null,
    intervalSeconds: text(config.intervalSeconds),
    timeoutSeconds: text(config.timeoutSeconds),
    failureThreshold: text(config.failureThreshold),
    reminderIntervalMinutes: text(config.reminderIntervalMinutes),
    url: config.url ?? '',
    method: config.method ?? 'GET',
    headers: Object.entries(config.headers ?? {}).map(([name, value]) => headerRow(name, value)),
    body: config.body ?? '',
    authKind: auth?.type ?? 'none',
    username: auth?.type === 'basic' ? auth.username : '',
    password: auth?.type === 'basic' ? auth.password : '',
    token: auth?.type === 'bearer' ? auth.token : '',
    expectedStatus: (config.expectedStatus ?? []).join(', '),
    keyword: config.keyword ?? '',
    keywordCaseInsensitive: config.keywordCaseInsensitive ?? false,
    keywordInvert: config.keywordInvert ?? false,
    maxRedirects: text(config.maxRedirects),
    cacheBust: config.cacheBust ?? false,
    slowResponseMs: text(config.slowResponseMs),
    caFile: config.tls?.caFile ?? '',
    ignoreErrors: config.tls?.ignoreErrors ?? false,
    serverName: config.tls?.serverName ?? '',
    host: config.host ?? '',
    port: text(config.port),
    expiryWarningDays: (config.expiryWarningDays ?? []).join(', '),
    values: valuesFromConfig(config.type, monitor),
    carried: {
      ...(config.paused !== undefined ? { paused: config.paused } : {}),
      ...(config.maxBodyBytes !== undefined ? { maxBodyBytes: config.maxBodyBytes } : {}),
      ...(config.serverName !== undefined ? { serverName: config.serverName } : {}),
      ...(config.hostHeader !== undefined ? { hostHeader: config.hostHeader } : {}),
      ...(config.tlsServerName !== undefined ? { tlsServerName: config.tlsServerName } : {}),
    },
  };
}

/** "My API (prod)" -> "my-api-prod": a valid id (letters, digits, . - _; at most 64) from a name. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64)
    .replace(/[-.]+$/, '');
}

/**
 * A number the user typed, or the text itself when it is not one: the schema then says "must be integer"
 * under the field, instead of the form inventing its own message.
 */
function numberOrText(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : trimmed;
}

function list(value: string): Array<number | string> | undefined {
  const items = value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) return undefined;
  // Status ranges stay strings ("200-299"); plain codes and days become numbers.
  return items.map((item) => (/^\d+$/.test(item) ? Number(item) : item));
}

function set<T extends object>(target: T, field: string, value: unknown): void {
  if (value !== undefined) (target as Record<string, unknown>)[field] = value;
}

function authOf(draft: MonitorDraft): HttpAuth | undefined {
  if (draft.authKind === 'basic') return { type: 'basic', username: draft.username, password: draft.password };
  if (draft.authKind === 'bearer') return { type: 'bearer', token: draft.token };
  return undefined;
}

/** Values of a form built from the spec's fields: empty ones left out, numbers and lists as the schema wants them. */
function setSpecFields(config: Record<string, unknown>, type: MonitorType, values: FieldValues): void {
  for (const field of specFields(type)) {
    const value = values[field.name];
    if (field.kind === 'checkbox') {
      if (value === true) config[field.name] = true;
      continue;
    }
    const typed = typeof value === 'string' ? value.trim() : '';
    if (typed === '') continue;
    if (field.kind === 'number') config[field.name] = numberOrText(typed);
    // Commas or new lines, not spaces: a list item may hold a space (an MX answer, "10 mail.example.org").
    else if (field.kind === 'list') config[field.name] = typed.split(/[,\n]/).map((item) => item.trim()).filter((item) => item !== '');
    else config[field.name] = typed;
  }
}

/** The config to validate, test and save. Values the schema will reject are passed through as typed. */
export function draftToConfig(draft: MonitorDraft): MonitorConfig {
  const config: Record<string, unknown> = { id: draft.id.trim(), type: draft.type };
  const trimmed = (value: string) => (value.trim() === '' ? undefined : value.trim());
  set(config, 'name', trimmed(draft.name));
  set(config, 'group', trimmed(draft.group));
  set(config, 'paused', draft.carried.paused);
  set(config, 'intervalSeconds', numberOrText(draft.intervalSeconds));
  set(config, 'timeoutSeconds', numberOrText(draft.timeoutSeconds));
  set(config, 'failureThreshold', numberOrText(draft.failureThreshold));
  set(config, 'reminderIntervalMinutes', numberOrText(draft.reminderIntervalMinutes));
  if (draft.channels !== null) config.channels = [...draft.channels];

  const editor = monitorTypeSpec(draft.type).form.editor;
  switch (editor) {
    case 'http': {
      set(config, 'url', trimmed(draft.url));
      if (draft.method !== 'GET') config.method = draft.method;
      const headers = Object.fromEntries(draft.headers.filter((row) => row.name.trim() !== '').map((row) => [row.name.trim(), row.value]));
      if (Object.keys(headers).length > 0) config.headers = headers;
      // A body only goes with POST; keeping it for GET would be an error the user cannot see.
      if (draft.method === 'POST' && draft.body !== '') config.body = draft.body;
      set(config, 'auth', authOf(draft));
      set(config, 'expectedStatus', list(draft.expectedStatus));
      if (draft.keyword !== '') {
        config.keyword = draft.keyword;
        if (draft.keywordCaseInsensitive) config.keywordCaseInsensitive = true;
        if (draft.keywordInvert) config.keywordInvert = true;
      }
      set(config, 'maxRedirects', numberOrText(draft.maxRedirects));
      if (draft.cacheBust) config.cacheBust = true;
      set(config, 'maxBodyBytes', draft.carried.maxBodyBytes);
      set(config, 'slowResponseMs', numberOrText(draft.slowResponseMs));
      setTlsOptions(config, draft);
      break;
    }
    case 'port':
    case 'certificate':
    case 'managed':
      set(config, 'host', trimmed(draft.host));
      set(config, 'port', numberOrText(draft.port));
      if (editor === 'certificate') set(config, 'expiryWarningDays', list(draft.expiryWarningDays));
      for (const field of MATRIX_ENDPOINT_FIELDS) set(config, field, draft.carried[field]);
      if (editor !== 'port') setTlsOptions(config, draft);
      break;
    case 'fields':
      setSpecFields(config, draft.type, draft.values);
      break;
  }
  return config as MonitorConfig;
}

function setTlsOptions(config: Record<string, unknown>, draft: MonitorDraft): void {
  const tls = {};
  set(tls, 'caFile', draft.caFile.trim() === '' ? undefined : draft.caFile.trim());
  if (draft.ignoreErrors) set(tls, 'ignoreErrors', true);
  set(tls, 'serverName', draft.serverName.trim() === '' ? undefined : draft.serverName.trim());
  if (Object.keys(tls).length > 0) config.tls = tls;
}

/**
 * The form field an issue belongs to: "monitor.port" (from the engine) and "port" (local) both name "port";
 * "expectedStatus[1]" names "expectedStatus"; "headers.X-Y" names "headers".
 */
export function fieldOfIssue(path: string): string {
  const local = path.replace(/^monitor(\.|$)/, '');
  const withoutIndex = local.replace(/\[\d+\].*$/, '');
  if (withoutIndex.startsWith('headers')) return 'headers';
  return withoutIndex;
}
