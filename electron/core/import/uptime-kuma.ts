// Uptime Kuma's monitors (rows of its `monitor` table) as Picket monitors. Picket has http, tcp and tls checks:
// Kuma's http and keyword monitors, port monitors, certificate expiry notification and groups come along.
import type { MonitorConfig } from '../../shared/config-validation.ts';
import type { CommonMonitorConfig } from '../../shared/monitor-types/schema-kit.ts';
import type { HttpMonitorConfig } from '../../shared/monitor-types/http.ts';
import type { ForeignImport, SkippedThing } from '../../shared/import-types.ts';
import { DAY_SECONDS } from '../../shared/time.ts';
import type { HttpMethod } from '../../shared/types.ts';
import { IdAllocator } from './monitor-ids.ts';
import type { KumaDatabase, KumaRow } from './uptime-kuma-db.ts';

const METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST'];
const MAX_INTERVAL_SECONDS = DAY_SECONDS;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'bigint' ? Number(value) : undefined);
const flag = (value: unknown): boolean => value === 1 || value === true || value === 1n || value === '1';

function displayName(row: KumaRow): string {
  return text(row.name) ?? `Uptime Kuma monitor ${String(row.id)}`;
}

/** "Parent / Child" for nested Kuma groups. */
function groupPath(row: KumaRow, byId: Map<unknown, KumaRow>): string | undefined {
  const names: string[] = [];
  const seen = new Set<unknown>();
  for (let parent = byId.get(row.parent); parent !== undefined && !seen.has(parent.id); parent = byId.get(parent.parent)) {
    seen.add(parent.id);
    names.unshift(displayName(parent));
  }
  return names.length > 0 ? names.join(' / ').slice(0, 200) : undefined;
}

function statusCodes(row: KumaRow, skip: (reason: string) => void): Array<number | string> | undefined {
  const raw = text(row.accepted_statuscodes_json);
  if (raw === undefined) return undefined;
  try {
    const codes = JSON.parse(raw) as unknown;
    if (!Array.isArray(codes)) throw new Error('not a list');
    const valid = codes.filter((code): code is string => typeof code === 'string' && /^[1-5]\d{2}(-[1-5]\d{2})?$/.test(code));
    if (valid.length !== codes.length) skip(`accepted status codes ${raw}: only codes and ranges of 100-599 are kept`);
    return valid.length > 0 ? valid : undefined;
  } catch {
    skip(`accepted status codes ${raw}: not a JSON list`);
    return undefined;
  }
}

function headers(row: KumaRow, skip: (reason: string) => void): Record<string, string> | undefined {
  const raw = text(row.headers);
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, String(value)]));
  } catch {
    skip('headers: not a JSON object of names and values');
    return undefined;
  }
}

/** What every Kuma monitor type shares: interval, retries, timeout, paused, group. */
function common(row: KumaRow, id: string, group: string | undefined): CommonMonitorConfig & { intervalSeconds: number } {
  const interval = Math.min(MAX_INTERVAL_SECONDS, Math.max(1, number(row.interval) ?? 60));
  // Kuma's timeout 0 means its default, 80% of the interval; Picket allows no timeout above the interval.
  const kumaTimeout = number(row.timeout) ?? 0;
  const timeout = Math.min(interval, kumaTimeout > 0 ? kumaTimeout : Math.min(48, interval * 0.8));
  const retries = Math.max(0, Math.round(number(row.maxretries) ?? 0));
  const resendBeats = Math.max(0, Math.round(number(row.resend_interval) ?? 0));
  return {
    id,
    name: displayName(row).slice(0, 200),
    intervalSeconds: interval,
    timeoutSeconds: timeout,
    // Kuma retries N times before "down": the (N+1)th failure in a row.
    failureThreshold: Math.min(100, retries + 1),
    ...(resendBeats > 0 ? { reminderIntervalMinutes: Math.min(10_080, Math.max(1, Math.round((resendBeats * interval) / 60))) } : {}),
    ...(flag(row.active) || row.active === undefined ? {} : { paused: true }),
    ...(group ? { group } : {}),
  };
}

function httpMonitor(row: KumaRow, base: CommonMonitorConfig, skip: (reason: string) => void): HttpMonitorConfig | string {
  const url = text(row.url);
  if (url === undefined || !/^https?:\/\//i.test(url)) return `its URL "${String(row.url ?? '')}" is not an http(s) URL`;
  if (flag(row.upside_down)) return "upside-down mode (down counts as up) has no Picket equivalent";
  const method = (text(row.method) ?? 'GET').toUpperCase();
  if (!(METHODS as readonly string[]).includes(method)) return `method ${method}: Picket sends GET, HEAD or POST`;
  const monitor: HttpMonitorConfig = { ...base, type: 'http', url, method: method as HttpMethod };
  const status = statusCodes(row, skip);
  if (status) monitor.expectedStatus = status;
  const headerMap = headers(row, skip);
  if (headerMap) monitor.headers = headerMap;
  const body = text(row.body);
  if (body !== undefined) monitor.body = body;
  const redirects = number(row.maxredirects);
  if (redirects !== undefined) monitor.maxRedirects = Math.min(20, Math.max(0, Math.round(redirects)));
  if (flag(row.ignore_tls)) monitor.tls = { ignoreErrors: true };
  if (flag(row.cache_bust)) monitor.cacheBust = true;
  const authMethod = text(row.auth_method);
  const user = text(row.basic_auth_user);
  if (user !== undefined && (authMethod === undefined || authMethod === 'basic')) {
    monitor.auth = { type: 'basic', username: user, password: typeof row.basic_auth_pass === 'string' ? row.basic_auth_pass : '' };
  } else if (authMethod !== undefined && authMethod !== 'basic') {
    skip(`${authMethod} authentication: Picket sends basic or bearer authentication only`);
  }
  if (row.type === 'keyword') {
    const keyword = text(row.keyword);
    if (keyword === undefined) return 'a keyword monitor without a keyword';
    monitor.keyword = keyword;
    if (flag(row.invert_keyword)) monitor.keywordInvert = true;
  }
  if (text(row.tls_cert) !== undefined || text(row.tls_key) !== undefined) skip('the client certificate (mTLS): Picket does not send one');
  if (number(row.proxy_id) !== undefined) skip('its proxy: Picket connects directly');
  return monitor;
}

function portMonitor(row: KumaRow, base: CommonMonitorConfig): MonitorConfig | string {
  const host = text(row.hostname);
  const port = number(row.port);
  if (host === undefined || port === undefined || port < 1 || port > 65_535) return 'a port monitor needs a hostname and a port from 1 to 65535';
  return { ...base, type: 'tcp', host, port };
}

/** Kuma's "certificate expiry notification" on an https monitor: a Picket TLS monitor of the same host. */
function certificateMonitor(http: HttpMonitorConfig, id: string): MonitorConfig | undefined {
  const url = new URL(http.url);
  if (url.protocol !== 'https:') return undefined;
  const { url: _url, method: _m, expectedStatus: _s, headers: _h, body: _b, keyword: _k, keywordInvert: _i, maxRedirects: _r, cacheBust: _c, auth: _a, ...rest } = http;
  return { ...rest, id, type: 'tls', name: `${http.name ?? id} certificate`.slice(0, 200), host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443), failureThreshold: 1 };
}

export function convertKumaDatabase(database: KumaDatabase): ForeignImport {
  const ids = new IdAllocator('kuma');
  const byId = new Map(database.monitors.map((row) => [row.id, row]));
  const monitors: MonitorConfig[] = [];
  const skipped: SkippedThing[] = [];
  for (const row of database.monitors) {
    const name = displayName(row);
    const type = text(row.type) ?? '';
    if (type === 'group') continue; // A folder, not a check: its name becomes its children's group.
    const skip = (reason: string): void => void skipped.push({ name, reason });
    const base = common(row, ids.next(name, String(row.id)), groupPath(row, byId));
    const converted = type === 'http' || type === 'keyword' ? httpMonitor(row, base, skip) : type === 'port' ? portMonitor(row, base) : `Uptime Kuma's "${type}" monitors have no Picket equivalent (Picket checks http, tcp and tls)`;
    if (typeof converted === 'string') {
      skipped.push({ name, reason: converted });
      continue;
    }
    monitors.push(converted);
    if (converted.type === 'http' && flag(row.expiry_notification)) {
      const certificate = certificateMonitor(converted, ids.next(`${name} certificate`, `${String(row.id)}-certificate`));
      if (certificate) monitors.push(certificate);
    }
  }
  if (database.notificationCount > 0) {
    skipped.push({
      name: `${database.notificationCount} notification channel${database.notificationCount === 1 ? '' : 's'}`,
      reason: 'notification channels are not imported; set up alerting in Picket',
    });
  }
  return { source: 'uptime-kuma', monitors, skipped };
}
