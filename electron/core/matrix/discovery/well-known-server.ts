// Step 3's request: GET https://<hostname>/.well-known/matrix/server. Any problem (network, status, JSON,
// m.server) is reported and makes the caller go on as if there were no well-known, as the spec says.
import { STATUS_CODES } from 'node:http';
import { formatDuration } from '../../../shared/format-duration.ts';
import { wellKnownCacheMs } from './cache-lifetime.ts';
import { GetError, httpsGet } from './https-get.ts';
import type { HttpsContext } from './https-get.ts';
import { hostForUrl, parseServerName } from './server-name.ts';
import type { ServerName } from './server-name.ts';
import type { DiscoveryStep } from './types.ts';

export const WELL_KNOWN_MAX_BYTES = 64 * 1024;
// The spec only says "avoid loops"; 10 hops is plenty for any sane setup (MSC2499 proposes up to 30).
export const WELL_KNOWN_MAX_REDIRECTS = 10;

export interface ServerWellKnown {
  step: DiscoveryStep;
  /** The parsed m.server, when the answer was valid. */
  delegated?: ServerName & { raw: string };
  cacheMs: number;
}

/** Parses a body as the spec's well-known schema; returns the m.server string or throws a readable reason. */
export function readMServer(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new Error(`invalid JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('the JSON is not an object');
  const server = (json as Record<string, unknown>)['m.server'];
  if (server === undefined) throw new Error('no "m.server" property');
  if (typeof server !== 'string') throw new Error('"m.server" is not a string');
  return server;
}

export async function fetchServerWellKnown(hostname: string, context: HttpsContext, now: () => number): Promise<ServerWellKnown> {
  const url = `https://${hostForUrl(hostname)}/.well-known/matrix/server`;
  const step: DiscoveryStep = { step: 'well-known', tried: `GET ${url}` };
  let response;
  try {
    response = await httpsGet(url, context, { maxRedirects: WELL_KNOWN_MAX_REDIRECTS, maxBytes: WELL_KNOWN_MAX_BYTES });
  } catch (error) {
    step.error = error instanceof GetError ? error.message : String(error);
    return { step, cacheMs: wellKnownCacheMs({}, now(), true) };
  }
  const via = response.redirects.length > 0 ? ` (redirected to ${response.redirects.join(' -> ')})` : '';
  const fail = (reason: string): ServerWellKnown => {
    const cacheMs = wellKnownCacheMs(response.headers, now(), true);
    step.error = `${reason}${via}; resolution continues without it`;
    return { step, cacheMs };
  };
  if (response.status !== 200) return fail(`status ${response.status} ${STATUS_CODES[response.status] ?? ''}`.trimEnd());
  let raw: string;
  let delegated: ServerName;
  try {
    raw = readMServer(response.body);
    delegated = parseServerName(raw, 'm.server');
  } catch (error) {
    return fail((error as Error).message);
  }
  const cacheMs = wellKnownCacheMs(response.headers, now(), false);
  step.found = `m.server "${raw}"${via}, cacheable for ${formatDuration(cacheMs)}`;
  return { step, delegated: { ...delegated, raw }, cacheMs };
}
