// Turns an HttpMonitor into the first request of a check, and validates it: a monitor that cannot
// run at all (bad URL, unreadable CA file, ...) fails with ConfigError before any network traffic.
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import type { HttpMethod, HttpMonitor } from '../../../shared/types.ts';
import { DEFAULT_EXPECTED_STATUS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_REDIRECTS } from '../../../shared/defaults.ts';
import { parseExpectedStatus } from './status-ranges.ts';
import type { ConnectOverride, TlsSettings } from './timed-connector.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** One request of a check: the first, or one reached through a redirect. */
export interface HttpStep {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpPlan {
  first: HttpStep;
  timeoutMs: number;
  expectedStatus: Array<number | string>;
  maxRedirects: number;
  maxBodyBytes: number;
  tls: TlsSettings;
  connectTo?: ConnectOverride;
}

const METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST'];
const USER_AGENT = 'Picket uptime monitor';

function requestHeaders(monitor: HttpMonitor): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  for (const [name, value] of Object.entries(monitor.headers ?? {})) {
    if (typeof value !== 'string') throw new ConfigError(`headers: "${name}" must be a string`);
    headers[name.toLowerCase()] = value;
  }
  const auth = monitor.auth;
  if (auth?.type === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  } else if (auth?.type === 'bearer') {
    headers.authorization = `Bearer ${auth.token}`;
  }
  if (monitor.cacheBust) {
    headers['cache-control'] = 'no-cache';
    headers.pragma = 'no-cache';
  }
  return headers;
}

async function tlsSettings(monitor: HttpMonitor, extraCa: readonly string[]): Promise<TlsSettings> {
  const options = monitor.tls ?? {};
  const settings: TlsSettings = { rejectUnauthorized: !options.ignoreErrors };
  if (options.serverName) settings.serverName = options.serverName;
  // --ca (every monitor) adds to the system roots, like a monitor's own caFile.
  if (extraCa.length > 0) settings.ca = [...rootCertificates, ...extraCa];
  if (options.caFile) {
    let pem: string;
    try {
      pem = await readFile(options.caFile, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new ConfigError(`tls.caFile: cannot read "${options.caFile}" (${reason})`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new ConfigError(`tls.caFile: "${options.caFile}" holds no PEM certificate`);
    }
    // The file adds to the system roots rather than replacing them.
    settings.ca = [...(settings.ca ?? rootCertificates), pem];
  }
  return settings;
}

/** "10.0.0.5:8448" or "[2001:db8::1]:443" for the URL's origin; the URL keeps naming the Host header and TLS name. */
function connectOverride(connectTo: string, url: URL): ConnectOverride {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(connectTo.trim());
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65_535) {
    throw new ConfigError(`connectTo: must be "address:port" with a port from 1 to 65535, got "${connectTo}"`);
  }
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  return {
    origin: { hostname: url.hostname, port: Number(url.port) || defaultPort },
    host: (match[1] ?? match[2]) as string,
    port,
  };
}

function positive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${field}: must be a positive number, got ${value}`);
  return value;
}

export async function planRequest(monitor: HttpMonitor, extraCa: readonly string[] = []): Promise<HttpPlan> {
  let url: URL;
  try {
    url = new URL(monitor.url);
  } catch {
    throw new ConfigError(`url: "${monitor.url}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`url: "${monitor.url}" is not http:// or https://`);
  }
  const method = monitor.method ?? 'GET';
  if (!METHODS.includes(method)) throw new ConfigError(`method: must be GET, HEAD or POST, got "${method}"`);
  const expectedStatus = monitor.expectedStatus ?? DEFAULT_EXPECTED_STATUS;
  try {
    parseExpectedStatus(expectedStatus);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const maxRedirects = monitor.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (!Number.isInteger(maxRedirects) || maxRedirects < 0) {
    throw new ConfigError(`maxRedirects: must be a whole number >= 0, got ${maxRedirects}`);
  }
  const first: HttpStep = { url, method, headers: requestHeaders(monitor) };
  if (method === 'POST' && monitor.body !== undefined) first.body = monitor.body;
  return {
    first,
    timeoutMs: positive(monitor.timeoutSeconds, 'timeoutSeconds') * 1000,
    expectedStatus,
    maxRedirects,
    maxBodyBytes: positive(monitor.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes'),
    tls: await tlsSettings(monitor, extraCa),
    ...(monitor.connectTo !== undefined ? { connectTo: connectOverride(monitor.connectTo, url) } : {}),
  };
}
