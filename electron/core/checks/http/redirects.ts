// Redirects are followed by hand, so the check's one deadline, its loop detection and its
// per-hop method rules all stay in one place.
import type { HttpStep } from './request-plan.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number, location: string | undefined): location is string {
  return REDIRECT_STATUSES.has(status) && typeof location === 'string' && location.length > 0;
}

/** Headers that must not travel to another origin, and those that describe a body that is dropped. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding'];

export class RedirectError extends Error {
  override readonly name = 'RedirectError';
}

/**
 * The request a redirect leads to. Location is resolved against the current URL;
 * 301/302 turn POST into GET, 303 turns anything but HEAD into GET, 307/308 keep method and body.
 */
export function redirectStep(current: HttpStep, status: number, location: string): HttpStep {
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    throw new RedirectError(`redirect to an invalid Location "${location}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RedirectError(`redirect to an unsupported URL "${url.href}"`);
  }
  url.hash = '';
  const toGet = (status === 303 && current.method !== 'HEAD') || ((status === 301 || status === 302) && current.method === 'POST');
  const headers = { ...current.headers };
  if (url.origin !== current.url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
  const next: HttpStep = { url, method: toGet ? 'GET' : current.method, headers };
  if (toGet) for (const name of BODY_HEADERS) delete headers[name];
  else if (current.body !== undefined) next.body = current.body;
  return next;
}

/** Loop and count checks before following a redirect to `next`; `visited` holds every URL requested so far. */
export function checkRedirectAllowed(visited: readonly string[], next: string, maxRedirects: number): void {
  const seenAt = visited.indexOf(next);
  if (seenAt >= 0) {
    throw new RedirectError(`redirect loop: ${[...visited.slice(seenAt), next].join(' -> ')}`);
  }
  // visited.length - 1 redirects have been followed so far.
  if (visited.length > maxRedirects) {
    throw new RedirectError(`too many redirects (max ${maxRedirects})`);
  }
}
