// Validates the config format and turns what the user wrote into Monitors with every default filled in.
// Runs anywhere (engine, CLI, and later the dashboard's forms), so every caller shows the same messages.
import type { ErrorObject } from 'ajv';
import type { ConfigIssue, FieldPath } from './config-issue.ts';
import { jsonPointerToPath } from './json-pointer-path.ts';
import { validateConfigShape, validateMonitorShape, validateSettingsShape } from './schema-validators.ts';
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_SETTINGS, DEFAULT_TIMEOUT_SECONDS } from './defaults.ts';
import { findJsonError } from './json-error-position.ts';
import type { ChannelConfig } from './channel-types.ts';
import { validateChannels } from './channel-validation.ts';
import { checkTimeout } from './monitor-types/field-checks.ts';
import type { MonitorDefaults, ResolvedCommon } from './monitor-types/monitor-type-spec.ts';
import { MONITOR_TYPES, monitorTypeSpec, type Monitor, type MonitorConfig } from './monitor-types/registry.ts';
import type { Settings } from './config-schema.ts';

export type { ConfigIssue } from './config-issue.ts';
export type { MonitorDefaults } from './monitor-types/monitor-type-spec.ts';
export type { MonitorConfig } from './monitor-types/registry.ts';
export { checkUrl } from './monitor-types/field-checks.ts';

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

export interface ConfigFile {
  version: 1;
  channels?: ChannelConfig[];
  monitors: MonitorConfig[];
  settings?: Partial<Settings>;
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
    case 'discriminator':
      // The monitor's "type" is missing or names no registered type.
      return (error.data as Record<string, unknown> | undefined)?.[String(params.tag)] === undefined
        ? { path: join(String(params.tag)), message: 'is required' }
        : { path: join(String(params.tag)), message: `must be one of ${MONITOR_TYPES.map((type) => JSON.stringify(type)).join(', ')}` };
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

/** Every field some monitor type takes. */
const ANY_TYPE_FIELDS = new Set(MONITOR_TYPES.flatMap((type) => Object.keys(monitorTypeSpec(type).schema.properties)));

function article(type: string): string {
  return /^(http|[aeiou])/.test(type) ? 'an' : 'a';
}

/** Checks the schema cannot express: each type's own, then the timeout against the interval. */
function semanticIssues(input: MonitorConfig, base: string): ConfigIssue[] {
  const at: FieldPath = (field) => (base === '' ? field : `${base}.${field}`);
  return [...monitorTypeSpec(input.type).issues(input, at), ...checkTimeout(input, at)];
}

function timingIssues(input: Record<string, unknown>, base: string): ConfigIssue[] {
  const { intervalSeconds, timeoutSeconds } = input;
  if (typeof intervalSeconds !== 'number' || typeof timeoutSeconds !== 'number') return [];
  return checkTimeout({ intervalSeconds, timeoutSeconds }, (field) => (base === '' ? field : `${base}.${field}`));
}

/** Fills every default in. Input must already be valid. */
export function normaliseMonitor(input: MonitorConfig, defaults: MonitorDefaults = {}): Monitor {
  const spec = monitorTypeSpec(input.type);
  const interval = input.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  const common: ResolvedCommon = {
    id: input.id,
    name: input.name ?? input.id,
    intervalSeconds: interval,
    // A default timeout longer than a short interval would make checks overrun their own schedule.
    timeoutSeconds: input.timeoutSeconds ?? Math.min(DEFAULT_TIMEOUT_SECONDS, interval),
    failureThreshold: input.failureThreshold ?? spec.defaultFailureThreshold,
    reminderIntervalMinutes: input.reminderIntervalMinutes ?? 0,
    paused: input.paused ?? false,
    ...(input.group !== undefined ? { group: input.group } : {}),
    ...(input.channels !== undefined ? { channels: [...input.channels] } : {}),
  };
  return spec.normalise(input, common, defaults);
}

/**
 * The schema's words, said for a monitor: ajv checks only the branch the monitor's "type" names, so a field
 * that branch lacks is one this type does not take, and a missing one is one this type needs.
 */
function monitorIssues(errors: ErrorObject[] | null | undefined, input: unknown, base: string): ConfigIssue[] {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  const typeName = typeof type === 'string' ? type : 'monitor';
  return ajvIssues(errors, base).map((issue) => {
    const own = issue.path.slice(base.length).replace(/^\./, '');
    if (own.includes('.') || own.includes('[')) return issue;
    // A field of another type is worth naming as such; a typo stays an "unknown field".
    if (issue.message === 'unknown field' && ANY_TYPE_FIELDS.has(own)) return { ...issue, message: `is not a field of ${article(typeName)} ${typeName} monitor` };
    if (issue.message === 'is required' && own !== 'id' && own !== 'type') return { ...issue, message: `is required for ${article(typeName)} ${typeName} monitor` };
    return issue;
  });
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
  if (!validateMonitorShape(input)) {
    const issues = monitorIssues(validateMonitorShape.errors, input, base);
    // The timeout against the interval needs no valid shape: say it with the rest, so one pass shows all.
    const timing = typeof input === 'object' && input !== null ? timingIssues(input as Record<string, unknown>, base) : [];
    return { ok: false, issues: [...issues, ...timing.filter((issue) => !issues.some((known) => known.path === issue.path))] };
  }
  const issues = semanticIssues(input as MonitorConfig, base);
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
