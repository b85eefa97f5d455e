// Validates the config format and turns what the user wrote into Monitors with every default filled in.
// Runs anywhere (engine, CLI, and later the dashboard's forms), so every caller shows the same messages.
import type { ErrorObject } from 'ajv';
import { COMMON_FIELDS, TYPE_FIELDS } from './config-schema.ts';
import { jsonPointerToPath } from './json-pointer-path.ts';
import { validateConfigShape, validateMonitorShape, validateSettingsShape } from './schema-validators.ts';
import {
  DEFAULT_EXPECTED_STATUS,
  DEFAULT_EXPIRY_WARNING_DAYS,
  DEFAULT_FAILURE_THRESHOLD,
  DEFAULT_INTERVAL_SECONDS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_SETTINGS,
  DEFAULT_TIMEOUT_SECONDS,
} from './defaults.ts';
import { findJsonError } from './json-error-position.ts';
import type { ChannelConfig } from './channel-types.ts';
import { validateChannels } from './channel-validation.ts';
import type { HttpAuth, HttpMethod, Monitor, MonitorType, Settings, TlsOptions } from './types.ts';

/** One problem with the input: where it is (a path like "monitors[2].port") and why. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[], prefix = 'invalid config') {
    super(`${prefix}:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** A monitor as the user writes it: every field but id and type optional. */
export interface MonitorConfig {
  id: string;
  type: MonitorType;
  name?: string;
  group?: string;
  paused?: boolean;
  url?: string;
  host?: string;
  port?: number;
  intervalSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
  reminderIntervalMinutes?: number;
  method?: HttpMethod;
  headers?: Record<string, string>;
  body?: string;
  auth?: HttpAuth;
  expectedStatus?: Array<number | string>;
  keyword?: string;
  keywordCaseInsensitive?: boolean;
  keywordInvert?: boolean;
  maxRedirects?: number;
  cacheBust?: boolean;
  maxBodyBytes?: number;
  slowResponseMs?: number;
  connectTo?: string;
  expiryWarningDays?: number[];
  serverName?: string;
  hostHeader?: string;
  tlsServerName?: string;
  tls?: TlsOptions;
  channels?: string[];
}

export interface ConfigFile {
  version: 1;
  channels?: ChannelConfig[];
  monitors: MonitorConfig[];
  settings?: Partial<Settings>;
}

/** Defaults the user chose in Settings, for fields a new monitor leaves out. */
export interface MonitorDefaults {
  /** Settings' defaultExpiryWarningDays; the built-in days when not given. */
  expiryWarningDays?: readonly number[];
}

export interface ValidConfig {
  monitors: Monitor[];
  settings: Partial<Settings>;
  /** Absent when the file has no "channels" (a merge then keeps the stored ones). */
  channels?: ChannelConfig[];
}

// ajv's "must be <= 65535" and "must be integer" read as schema language; these say the same in words.
const LIMIT_WORDS: Record<string, string> = {
  minimum: 'must be at least',
  maximum: 'must be at most',
  exclusiveMinimum: 'must be more than',
  exclusiveMaximum: 'must be less than',
};
const TYPE_WORDS: Record<string, string> = {
  integer: 'must be a whole number',
  number: 'must be a number',
  string: 'must be text',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object ({ … })',
};

function describeAjvError(error: ErrorObject, base: string): ConfigIssue {
  const path = jsonPointerToPath(error.instancePath, base);
  const join = (field: string): string => (path === '' ? field : `${path}.${field}`);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { path: join(String(params.additionalProperty)), message: 'unknown field' };
    case 'required':
      return { path: join(String(params.missingProperty)), message: 'is required' };
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, message: `${LIMIT_WORDS[error.keyword]} ${String(params.limit)} (got ${JSON.stringify(error.data)})` };
    case 'minLength':
      return { path, message: params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters` };
    case 'maxLength':
      return { path, message: `must be at most ${String(params.limit)} characters` };
    case 'minItems':
      return { path, message: params.limit === 1 ? 'must not be empty' : `must list at least ${String(params.limit)}` };
    case 'uniqueItems':
      return { path, message: 'must not list the same value twice' };
    case 'type':
      return { path, message: TYPE_WORDS[String(params.type)] ?? `must be ${String(params.type)}` };
    case 'pattern':
      return { path, message: patternMessage(path) };
    case 'oneOf':
    case 'anyOf':
      return { path, message: path.includes('expectedStatus') ? patternMessage(path) : (error.message ?? error.keyword) };
    default:
      return { path, message: error.message ?? error.keyword };
  }
}

function patternMessage(path: string): string {
  if (path.endsWith('.id') || path === 'id') {
    return 'must start with a letter or digit and use only letters, digits, ".", "-" and "_" (at most 64)';
  }
  if (path.includes('expectedStatus')) return 'must be a status code like 200 or a range like "200-299"';
  if (path.endsWith('referenceTarget')) return 'must be "host:port"';
  if (path.endsWith('roomId')) return 'must be a room id like "!abc:example.org" (Room settings → Advanced), not an alias';
  if (/channels\[\d+\]$/.test(path)) return 'must be a channel id: letters, digits, ".", "-" and "_"';
  if (path.endsWith('connectTo')) return 'must be "address:port", like "192.0.2.10:8448" or "[2001:db8::1]:443"';
  return 'has the wrong format';
}

/** ajv reports each failing branch of anyOf/oneOf as well as the anyOf itself: keep one message per path. */
export function ajvIssues(errors: ErrorObject[] | null | undefined, base: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  const branchFailures = new Set((errors ?? []).filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  const ordered = [...(errors ?? [])].sort((a, b) => Number(b.keyword === 'anyOf' || b.keyword === 'oneOf') - Number(a.keyword === 'anyOf' || a.keyword === 'oneOf'));
  for (const error of ordered) {
    if (branchFailures.has(error.instancePath) && error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    const issue = describeAjvError(error, base);
    const key = issue.path;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  if (issues.length === 0 && errors && errors.length > 0) {
    issues.push(describeAjvError(errors[0] as ErrorObject, base));
  }
  return issues;
}

function checkStatusRange(value: number | string, path: string): ConfigIssue | undefined {
  if (typeof value !== 'string' || !value.includes('-')) return undefined;
  const [low, high] = value.split('-').map(Number);
  if (low !== undefined && high !== undefined && low > high) {
    return { path, message: `range "${value}" ends before it starts` };
  }
  return undefined;
}

export function checkUrl(url: string, path: string): ConfigIssue | undefined {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    return { path, message: `"${url}" has no scheme: write http://… or https://…` };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { path, message: `"${url}" is not a valid URL` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { path, message: `scheme "${parsed.protocol.slice(0, -1)}" is not supported: use http or https` };
  }
  if (parsed.hostname === '') return { path, message: `"${url}" has no host` };
  return undefined;
}

const MATRIX_TYPES: readonly MonitorType[] = ['matrix-federation', 'matrix-keys'];

/** The port of "host:port" / "[v6]:port" is 1-65535. The schema has already checked the shape. */
function checkPortOf(value: string, path: string): ConfigIssue | undefined {
  const port = Number(value.slice(value.lastIndexOf(':') + 1));
  return port >= 1 && port <= 65_535 ? undefined : { path, message: `port must be between 1 and 65535 (got "${value}")` };
}

/** A Matrix server name or Host header: a DNS name, IPv4 or [IPv6], with an optional port (spec appendix "Server Name"). */
function checkMatrixHost(value: unknown, path: string, allowPort: boolean): ConfigIssue | undefined {
  if (typeof value !== 'string') return undefined;
  // A certificate name for an IPv6 literal is written bare, as discovery reports it.
  if (!allowPort && /^[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*$/.test(value)) return undefined;
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  const what = allowPort ? 'a host name or IP address with an optional ":port"' : 'a host name (no port)';
  if (!match || (!allowPort && match[2] !== undefined)) return { path, message: `must be ${what}, got "${value}"` };
  if (match[2] !== undefined && (Number(match[2]) < 1 || Number(match[2]) > 65_535)) {
    return { path, message: `port must be between 1 and 65535 (got "${value}")` };
  }
  return undefined;
}

/** Matrix monitors: the endpoint names discovery found, and only tls.caFile (federation needs a valid certificate). */
function matrixIssues(input: Record<string, unknown>, at: (field: string) => string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (input.serverName === undefined) issues.push({ path: at('serverName'), message: `is required for a ${String(input.type)} monitor` });
  const checks = [
    checkMatrixHost(input.serverName, at('serverName'), true),
    checkMatrixHost(input.hostHeader, at('hostHeader'), true),
    checkMatrixHost(input.tlsServerName, at('tlsServerName'), false),
  ];
  for (const issue of checks) if (issue) issues.push(issue);
  const tls = (input.tls ?? {}) as TlsOptions;
  if (tls.serverName !== undefined) issues.push({ path: at('tls.serverName'), message: 'use tlsServerName for a Matrix monitor' });
  if (tls.ignoreErrors !== undefined) {
    issues.push({ path: at('tls.ignoreErrors'), message: 'is not allowed: federation requires a valid certificate (use tls.caFile for a private CA)' });
  }
  return issues;
}

/** Checks the schema cannot express: per-type fields, URLs, ranges. `base` prefixes every path. */
function semanticIssues(input: Record<string, unknown>, base: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const type = input.type as MonitorType;
  const at = (field: string): string => (base === '' ? field : `${base}.${field}`);
  const allowed = new Set<string>([...COMMON_FIELDS, ...TYPE_FIELDS[type]]);
  for (const field of Object.keys(input)) {
    if (!allowed.has(field)) issues.push({ path: at(field), message: `is not a field of a ${type} monitor` });
  }
  if (type === 'http') {
    if (typeof input.url !== 'string') issues.push({ path: at('url'), message: 'is required for an http monitor' });
    else {
      const urlIssue = checkUrl(input.url, at('url'));
      if (urlIssue) issues.push(urlIssue);
    }
    const statuses = (input.expectedStatus as Array<number | string> | undefined) ?? [];
    statuses.forEach((s, i) => {
      const issue = checkStatusRange(s, `${at('expectedStatus')}[${i}]`);
      if (issue) issues.push(issue);
    });
    if (input.body !== undefined && input.method !== 'POST') {
      issues.push({ path: at('body'), message: 'is only sent with method "POST"' });
    }
    if (typeof input.connectTo === 'string') {
      const issue = checkPortOf(input.connectTo, at('connectTo'));
      if (issue) issues.push(issue);
    }
  } else {
    if (MATRIX_TYPES.includes(type)) issues.push(...matrixIssues(input, at));
    if (input.host === undefined) issues.push({ path: at('host'), message: `is required for a ${type} monitor` });
    if (input.port === undefined) issues.push({ path: at('port'), message: `is required for a ${type} monitor` });
    if (typeof input.host === 'string' && /[\s/]/.test(input.host)) {
      issues.push({ path: at('host'), message: 'must be a host name or IP address, not a URL' });
    }
  }
  const interval = input.intervalSeconds as number | undefined;
  const timeout = input.timeoutSeconds as number | undefined;
  if (interval !== undefined && timeout !== undefined && timeout > interval) {
    issues.push({ path: at('timeoutSeconds'), message: `Timeout (${timeout} s) must be shorter than the interval (${interval} s)` });
  }
  return issues;
}

/** "example.org:8448" -> "example.org", "[::1]:8448" -> "::1": the name a certificate carries. */
function hostOfServerName(serverName: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(serverName);
  if (bracketed) return bracketed[1] as string;
  const colon = serverName.lastIndexOf(':');
  return colon === -1 ? serverName : serverName.slice(0, colon);
}

/** Fills every default in. Input must already be valid. */
export function normaliseMonitor(input: MonitorConfig, defaults: MonitorDefaults = {}): Monitor {
  const interval = input.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  const common = {
    id: input.id,
    name: input.name ?? input.id,
    intervalSeconds: interval,
    // A default timeout longer than a short interval would make checks overrun their own schedule.
    timeoutSeconds: input.timeoutSeconds ?? Math.min(DEFAULT_TIMEOUT_SECONDS, interval),
    failureThreshold: input.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD[input.type],
    reminderIntervalMinutes: input.reminderIntervalMinutes ?? 0,
    paused: input.paused ?? false,
    ...(input.group !== undefined ? { group: input.group } : {}),
    ...(input.channels !== undefined ? { channels: [...input.channels] } : {}),
  };
  switch (input.type) {
    case 'http':
      return {
        ...common,
        type: 'http',
        url: input.url as string,
        method: input.method ?? 'GET',
        headers: { ...(input.headers ?? {}) },
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.auth !== undefined ? { auth: { ...input.auth } } : {}),
        expectedStatus: [...(input.expectedStatus ?? DEFAULT_EXPECTED_STATUS)],
        ...(input.keyword !== undefined ? { keyword: input.keyword } : {}),
        keywordCaseInsensitive: input.keywordCaseInsensitive ?? false,
        keywordInvert: input.keywordInvert ?? false,
        maxRedirects: input.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
        cacheBust: input.cacheBust ?? false,
        maxBodyBytes: input.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        ...(input.slowResponseMs !== undefined ? { slowResponseMs: input.slowResponseMs } : {}),
        ...(input.connectTo !== undefined ? { connectTo: input.connectTo } : {}),
        tls: { ...(input.tls ?? {}) },
      };
    case 'tcp':
      return { ...common, type: 'tcp', host: input.host as string, port: input.port as number };
    case 'tls':
      return {
        ...common,
        type: 'tls',
        host: input.host as string,
        port: input.port as number,
        // Largest first: the first element decides when "warning" starts.
        expiryWarningDays: [...(input.expiryWarningDays ?? defaults.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS)].sort((a, b) => b - a),
        tls: { ...(input.tls ?? {}) },
      };
    case 'matrix-federation':
    case 'matrix-keys': {
      const serverName = input.serverName as string;
      return {
        ...common,
        type: input.type,
        serverName,
        host: input.host as string,
        port: input.port as number,
        // Without delegation the spec sends the server name as Host and expects it on the certificate.
        hostHeader: input.hostHeader ?? serverName,
        tlsServerName: input.tlsServerName ?? hostOfServerName(serverName),
        tls: { ...(input.tls ?? {}) },
      };
    }
  }
}

/** The inverse of normaliseMonitor for export: every field written out, so an export is explicit. */
export function monitorToConfig(monitor: Monitor): MonitorConfig {
  const copy = JSON.parse(JSON.stringify(monitor)) as MonitorConfig & Record<string, unknown>;
  if (copy.tls && Object.keys(copy.tls).length === 0) delete copy.tls;
  if (copy.headers && Object.keys(copy.headers).length === 0) delete copy.headers;
  return copy;
}

/** Validates one monitor (a form, an API call, a stored record). `base` prefixes paths in messages. */
export function validateMonitor(input: unknown, base = '', defaults: MonitorDefaults = {}): { ok: true; monitor: Monitor } | { ok: false; issues: ConfigIssue[] } {
  if (!validateMonitorShape(input)) return { ok: false, issues: ajvIssues(validateMonitorShape.errors, base) };
  const issues = semanticIssues(input as Record<string, unknown>, base);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, monitor: normaliseMonitor(input as MonitorConfig, defaults) };
}

/** Like validateMonitor, but throws a ConfigError naming each field and the reason. */
export function parseMonitor(input: unknown, base = 'monitor', defaults: MonitorDefaults = {}): Monitor {
  const result = validateMonitor(input, base, defaults);
  if (!result.ok) throw new ConfigError(result.issues, 'invalid monitor');
  return result.monitor;
}

export function validateSettings(input: unknown, base = 'settings'): { ok: true; settings: Partial<Settings> } | { ok: false; issues: ConfigIssue[] } {
  if (!validateSettingsShape(input)) return { ok: false, issues: ajvIssues(validateSettingsShape.errors, base) };
  const settings = input as Partial<Settings>;
  if (settings.referenceTarget !== undefined) {
    const port = Number(settings.referenceTarget.slice(settings.referenceTarget.lastIndexOf(':') + 1));
    if (port < 1 || port > 65_535) {
      return { ok: false, issues: [{ path: `${base}.referenceTarget`, message: 'port must be between 1 and 65535' }] };
    }
  }
  return { ok: true, settings };
}

export function mergeSettings(patch: Partial<Settings>): Settings {
  return { ...DEFAULT_SETTINGS, ...patch };
}

/** Validates a whole parsed config document. */
export function validateConfig(input: unknown, defaults: MonitorDefaults = {}): { ok: true; config: ValidConfig } | { ok: false; issues: ConfigIssue[] } {
  if (!validateConfigShape(input)) return { ok: false, issues: ajvIssues(validateConfigShape.errors, '') };
  const doc = input as unknown as ConfigFile;
  // The file's own default reminder days apply to its monitors, as they will to monitors added later.
  const fileDays = doc.settings?.defaultExpiryWarningDays;
  const monitorDefaults: MonitorDefaults = Array.isArray(fileDays) ? { ...defaults, expiryWarningDays: fileDays } : defaults;
  // Shape-check every monitor first so ids are known to be strings before duplicates are looked for.
  const issues: ConfigIssue[] = [];
  const monitors: Monitor[] = [];
  const firstIndexById = new Map<string, number>();
  doc.monitors.forEach((raw, index) => {
    const base = `monitors[${index}]`;
    const previous = typeof raw.id === 'string' ? firstIndexById.get(raw.id) : undefined;
    if (previous !== undefined) {
      issues.push({ path: `${base}.id`, message: `duplicate id "${raw.id}" (also monitors[${previous}])` });
      return;
    }
    firstIndexById.set(raw.id, index);
    const result = validateMonitor(raw, base, monitorDefaults);
    if (result.ok) monitors.push(result.monitor);
    else issues.push(...result.issues);
  });
  let settings: Partial<Settings> = {};
  if (doc.settings !== undefined) {
    const result = validateSettings(doc.settings);
    if (result.ok) settings = result.settings;
    else issues.push(...result.issues);
  }
  let channels: ChannelConfig[] | undefined;
  if (doc.channels !== undefined) {
    const result = validateChannels(doc.channels);
    if (result.ok) channels = result.channels;
    else issues.push(...result.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, config: { monitors, settings, ...(channels !== undefined ? { channels } : {}) } };
}

/** Parses JSON text, reporting a syntax error with its line and column. */
export function parseJsonWithPosition(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const position = findJsonError(text);
    const detail = position
      ? `: line ${position.line}, column ${position.column}: ${position.reason}`
      : `: ${error instanceof Error ? error.message : String(error)}`;
    throw new ConfigError([{ path: '', message: `${source} is not valid JSON${detail}` }], 'invalid config');
  }
}
