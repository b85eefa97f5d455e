// How long a /.well-known/matrix/server answer may be cached, by the spec's recommendations: the response's
// Cache-Control / Expires headers, 24 h when it has none, never more than 48 h; errors at most 1 h.
import { HOUR_MS } from '../../../shared/time.ts';

export const DEFAULT_CACHE_MS = 24 * HOUR_MS;
export const MAX_CACHE_MS = 48 * HOUR_MS;
export const ERROR_CACHE_MS = HOUR_MS;

type Headers = Record<string, string | string[] | undefined>;

function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** What the headers ask for, in ms; undefined when they say nothing usable. */
export function headerLifetimeMs(headers: Headers, now: number): number | undefined {
  const cacheControl = headerValue(headers, 'cache-control');
  if (cacheControl !== undefined) {
    const directives = cacheControl.toLowerCase().split(',').map((d) => d.trim());
    // no-cache means "revalidate every time": for discovery that is the same as not keeping it.
    if (directives.includes('no-store') || directives.includes('no-cache')) return 0;
    for (const directive of directives) {
      const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(directive);
      if (match) return Number(match[1]) * 1000;
    }
  }
  const expires = headerValue(headers, 'expires');
  if (expires !== undefined) {
    const at = Date.parse(expires);
    // An invalid Expires (often "0" or "-1") means already expired (RFC 9111 5.3).
    return Number.isNaN(at) ? 0 : Math.max(0, at - now);
  }
  return undefined;
}

/** The lifetime to cache a well-known answer for; `failed` for error statuses, invalid bodies and network errors. */
export function wellKnownCacheMs(headers: Headers, now: number, failed: boolean): number {
  const asked = headerLifetimeMs(headers, now);
  if (failed) return Math.min(asked ?? ERROR_CACHE_MS, ERROR_CACHE_MS);
  return Math.min(asked ?? DEFAULT_CACHE_MS, MAX_CACHE_MS);
}
