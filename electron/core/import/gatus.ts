// Gatus's endpoints (its YAML config) as Picket monitors: http(s), tcp:// and tls:// URLs, the interval, the group,
// client.insecure and client.timeout, and the conditions Picket has an equivalent for.
import { parse } from 'yaml';
import type { MonitorConfig } from '../../shared/config-validation.ts';
import type { CommonMonitorConfig } from '../../shared/monitor-types/schema-kit.ts';
import type { ForeignImport, SkippedThing } from '../../shared/import-types.ts';
import { DAY_SECONDS } from '../../shared/time.ts';
import type { HttpMethod } from '../../shared/types.ts';
import { parseGoDuration } from './durations.ts';
import { ImportFileError } from './import-file-error.ts';
import { IdAllocator } from './monitor-ids.ts';

type Endpoint = Record<string, unknown>;

const METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST'];
const DEFAULT_INTERVAL_SECONDS = 60;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the conditions of one endpoint add to its monitor. */
interface ConditionEffect {
  expectedStatus?: Array<number | string>;
  keyword?: string;
  keywordInvert?: boolean;
  slowResponseMs?: number;
  certificateDays?: number;
}

/** "[STATUS] < 300" and the like as status ranges within 100-599. */
function statusRange(operator: string, value: number): Array<number | string> | undefined {
  const range = (min: number, max: number): string | undefined => (min <= max ? (min === max ? String(min) : `${min}-${max}`) : undefined);
  const ranges: Record<string, Array<string | undefined>> = {
    '==': [range(value, value)],
    '<': [range(100, Math.min(599, value - 1))],
    '<=': [range(100, Math.min(599, value))],
    '>': [range(Math.max(100, value + 1), 599)],
    '>=': [range(Math.max(100, value), 599)],
    '!=': [range(100, value - 1), range(value + 1, 599)],
  };
  const found = ranges[operator]?.filter((r): r is string => r !== undefined);
  return found && found.length > 0 ? found : undefined;
}

/** Reads one condition; returns the reason when Picket has no equivalent. */
function applyCondition(condition: string, effect: ConditionEffect, scheme: string): string | undefined {
  const match = /^\s*\[([A-Z_]+)\]\s*(==|!=|<=|>=|<|>)\s*(.+?)\s*$/.exec(condition);
  if (!match) return 'Picket has no equivalent for this condition';
  const [, placeholder, operator = '', value = ''] = match;
  switch (placeholder) {
    case 'STATUS': {
      const any = /^any\((.*)\)$/.exec(value);
      if (operator === '==' && any) {
        const codes = (any[1] ?? '').split(',').map((code) => Number(code.trim()));
        if (codes.every((code) => Number.isInteger(code) && code >= 100 && code <= 599)) {
          effect.expectedStatus = codes;
          return undefined;
        }
      }
      const ranges = /^\d{3}$/.test(value) ? statusRange(operator, Number(value)) : undefined;
      if (!ranges) return 'Picket expects status codes and ranges within 100-599';
      effect.expectedStatus = ranges;
      return undefined;
    }
    case 'BODY': {
      const pattern = /^pat\(\*([^*]+)\*\)$/.exec(value)?.[1];
      if (pattern === undefined || (operator !== '==' && operator !== '!=')) return 'Picket checks whether the body contains a keyword: only pat(*text*) has an equivalent';
      effect.keyword = pattern;
      if (operator === '!=') effect.keywordInvert = true;
      return undefined;
    }
    case 'CONNECTED':
      // Every Picket check fails when it cannot connect.
      return operator === '==' && value === 'true' ? undefined : 'Picket has no check that expects a connection to fail';
    case 'RESPONSE_TIME': {
      const ms = Number(value);
      if ((operator !== '<' && operator !== '<=') || !Number.isFinite(ms) || ms < 1) return 'Picket can only flag answers slower than a number of milliseconds';
      effect.slowResponseMs = Math.round(ms);
      return 'imported as slowResponseMs, which Picket shows as a warning; Gatus counts a slower answer as down';
    }
    case 'CERTIFICATE_EXPIRATION': {
      const seconds = parseGoDuration(value);
      if (operator !== '>' && operator !== '>=') return 'only "more than this much time left" has an equivalent';
      if (seconds === undefined) return `"${value}" is not a duration`;
      if (scheme !== 'https' && scheme !== 'tls') return 'certificates are only checked on https:// and tls:// endpoints';
      effect.certificateDays = Math.max(1, Math.ceil(seconds / DAY_SECONDS));
      return undefined;
    }
    default:
      return 'Picket has no equivalent for this condition';
  }
}

function hostAndPort(url: URL, defaultPort?: number): { host: string; port: number } | undefined {
  const port = Number(url.port || defaultPort);
  if (!url.hostname || !Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
}

function convertEndpoint(endpoint: Endpoint, id: string, certificateId: () => string, skip: (reason: string) => void): MonitorConfig[] | string {
  if (isObject(endpoint.dns)) return 'DNS queries have no Picket equivalent';
  const rawUrl = typeof endpoint.url === 'string' ? endpoint.url.trim() : '';
  if (rawUrl === '') return 'it has no url';
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return `its url "${rawUrl}" is not a URL`;
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!['http', 'https', 'tcp', 'tls'].includes(scheme)) return `${scheme}:// endpoints have no Picket equivalent (Picket checks http(s), tcp and tls)`;

  const client = isObject(endpoint.client) ? endpoint.client : {};
  const interval = typeof endpoint.interval === 'string' ? parseGoDuration(endpoint.interval) : undefined;
  if (endpoint.interval !== undefined && interval === undefined) skip(`interval "${String(endpoint.interval)}": not a duration, ${DEFAULT_INTERVAL_SECONDS}s used`);
  const intervalSeconds = Math.min(DAY_SECONDS, Math.max(1, interval ?? DEFAULT_INTERVAL_SECONDS));
  const timeout = typeof client.timeout === 'string' ? parseGoDuration(client.timeout) : undefined;
  const alerts = Array.isArray(endpoint.alerts) ? endpoint.alerts.filter(isObject) : [];
  const threshold = alerts.map((alert) => alert['failure-threshold']).find((value): value is number => typeof value === 'number');
  const base: CommonMonitorConfig = {
    id,
    name: (typeof endpoint.name === 'string' && endpoint.name.trim() ? endpoint.name : id).slice(0, 200),
    intervalSeconds,
    timeoutSeconds: Math.min(intervalSeconds, timeout ?? 10),
    ...(typeof endpoint.group === 'string' && endpoint.group.trim() ? { group: endpoint.group.slice(0, 200) } : {}),
    ...(threshold !== undefined ? { failureThreshold: Math.min(100, Math.max(1, Math.round(threshold))) } : {}),
    ...(endpoint.enabled === false ? { paused: true } : {}),
  };
  const insecure = client.insecure === true;

  const effect: ConditionEffect = {};
  const conditions = Array.isArray(endpoint.conditions) ? endpoint.conditions : [];
  for (const condition of conditions) {
    const reason = typeof condition === 'string' ? applyCondition(condition, effect, scheme) : 'not a condition';
    if (reason) skip(`condition ${JSON.stringify(condition)}: ${reason}`);
  }

  const monitors: MonitorConfig[] = [];
  if (scheme === 'http' || scheme === 'https') {
    const method = typeof endpoint.method === 'string' ? endpoint.method.toUpperCase() : 'GET';
    if (!(METHODS as readonly string[]).includes(method)) return `method ${method}: Picket sends GET, HEAD or POST`;
    const http: MonitorConfig = { ...base, type: 'http', url: url.href, method: method as HttpMethod };
    if (isObject(endpoint.headers)) http.headers = Object.fromEntries(Object.entries(endpoint.headers).map(([name, value]) => [name, String(value)]));
    if (typeof endpoint.body === 'string' && endpoint.body !== '') http.body = endpoint.body;
    if (effect.expectedStatus) http.expectedStatus = effect.expectedStatus;
    if (effect.keyword !== undefined) http.keyword = effect.keyword;
    if (effect.keywordInvert) http.keywordInvert = true;
    if (effect.slowResponseMs !== undefined) http.slowResponseMs = effect.slowResponseMs;
    if (insecure) http.tls = { ignoreErrors: true };
    monitors.push(http);
    const endpointAddress = hostAndPort(url, 443);
    if (effect.certificateDays !== undefined && endpointAddress) {
      monitors.push({ ...base, id: certificateId(), type: 'tls', name: `${base.name ?? id} certificate`.slice(0, 200), ...endpointAddress, expiryWarningDays: [effect.certificateDays], failureThreshold: 1, ...(insecure ? { tls: { ignoreErrors: true } } : {}) });
    }
    return monitors;
  }
  const address = hostAndPort(url);
  if (!address) return `${rawUrl}: a ${scheme}:// url needs a host and a port`;
  if (effect.expectedStatus || effect.keyword !== undefined || effect.slowResponseMs !== undefined) skip('status, body and response time conditions: a tcp or tls check reads no HTTP answer');
  if (scheme === 'tcp') return [{ ...base, type: 'tcp', ...address }];
  return [{ ...base, type: 'tls', ...address, ...(effect.certificateDays !== undefined ? { expiryWarningDays: [effect.certificateDays] } : {}), ...(insecure ? { tls: { ignoreErrors: true } } : {}) }];
}

export function convertGatusConfig(text: string, file: string): ForeignImport {
  let config: unknown;
  try {
    config = parse(text);
  } catch (error) {
    throw new ImportFileError(`${file} is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (!isObject(config) || !Array.isArray(config.endpoints)) throw new ImportFileError(`${file} has no "endpoints" list: is it a Gatus config?`);
  const ids = new IdAllocator('gatus');
  const monitors: MonitorConfig[] = [];
  const skipped: SkippedThing[] = [];
  config.endpoints.forEach((endpoint: unknown, index) => {
    const name = isObject(endpoint) && typeof endpoint.name === 'string' ? endpoint.name : `endpoints[${index}]`;
    if (!isObject(endpoint)) return void skipped.push({ name, reason: 'not an endpoint' });
    const converted = convertEndpoint(
      endpoint,
      ids.next(name, String(index + 1)),
      () => ids.next(`${name} certificate`, `${index + 1}-certificate`),
      (reason) => skipped.push({ name, reason }),
    );
    if (typeof converted === 'string') skipped.push({ name, reason: converted });
    else monitors.push(...converted);
  });
  for (const key of ['external-endpoints', 'suites']) {
    if (Array.isArray(config[key]) && config[key].length > 0) skipped.push({ name: key, reason: `Gatus ${key} have no Picket equivalent` });
  }
  if (isObject(config.alerting)) skipped.push({ name: 'alerting', reason: 'alert providers are not imported; set up alerting in Picket' });
  return { source: 'gatus', monitors, skipped };
}
