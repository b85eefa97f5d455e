// Checks of single values that JSON Schema cannot express well, shared by the monitor types that need them.
import type { ConfigIssue, FieldPath } from '../config-issue.ts';

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

/** The port of "host:port" / "[v6]:port" is 1-65535. The schema has already checked the shape. */
export function checkPortOf(value: string, path: string): ConfigIssue | undefined {
  const port = Number(value.slice(value.lastIndexOf(':') + 1));
  return port >= 1 && port <= 65_535 ? undefined : { path, message: `port must be between 1 and 65535 (got "${value}")` };
}

/** A host field holds a name or an address; a URL pasted into it is the usual mistake. */
export function checkHost(host: string, at: FieldPath): ConfigIssue[] {
  return /[\s/]/.test(host) ? [{ path: at('host'), message: 'must be a host name or IP address, not a URL' }] : [];
}

/** "Timeout must be shorter than the interval": a check that outlives its interval would overlap itself. */
export function checkTimeout(input: { intervalSeconds?: number; timeoutSeconds?: number }, at: FieldPath): ConfigIssue[] {
  const { intervalSeconds: interval, timeoutSeconds: timeout } = input;
  if (interval === undefined || timeout === undefined || timeout <= interval) return [];
  return [{ path: at('timeoutSeconds'), message: `Timeout (${timeout} s) must be shorter than the interval (${interval} s)` }];
}
