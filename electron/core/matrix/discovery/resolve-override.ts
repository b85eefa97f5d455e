// curl's --resolve for discovery and the Matrix checks: a name (on one port) is answered from a table before
// DNS is asked, so fake homeservers on 127.0.0.N can stand in for real names while TLS still checks real names.
import { lookup as systemLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { createLookup } from '../../checks/resolver.ts';
import type { ResolveOverride } from './types.ts';

/** Parses "HOST:PORT:ADDRESS" (ADDRESS may be "[::1]"); throws naming --resolve and what is wrong. */
export function parseResolveOverride(text: string): ResolveOverride {
  const match = /^([^:[\]]+):(\d{1,5}):(.+)$/.exec(typeof text === 'string' ? text.trim() : '');
  if (!match) throw new Error(`--resolve must be HOST:PORT:ADDRESS (e.g. "example.org:443:127.0.0.1"), got "${String(text)}"`);
  const [, host = '', portText = '', rawAddress = ''] = match;
  const port = Number(portText);
  if (port < 1 || port > 65_535) throw new Error(`--resolve: port must be from 1 to 65535, got "${text}"`);
  const address = rawAddress.startsWith('[') && rawAddress.endsWith(']') ? rawAddress.slice(1, -1) : rawAddress;
  if (isIP(address) === 0) throw new Error(`--resolve: "${rawAddress}" is not an IP address (IPv6 goes in brackets), in "${text}"`);
  return { host: host.toLowerCase(), port, address };
}

/** Throws for an override object that did not come through parseResolveOverride and is malformed. */
function checkOverride(override: ResolveOverride, index: number): void {
  const where = `resolve[${index}]`;
  if (typeof override.host !== 'string' || override.host === '') throw new Error(`${where}.host must be a non-empty string`);
  if (!Number.isInteger(override.port) || override.port < 1 || override.port > 65_535) {
    throw new Error(`${where}.port must be an integer from 1 to 65535`);
  }
  if (isIP(override.address) === 0) throw new Error(`${where}.address must be an IP address, got "${override.address}"`);
}

/** The override for host on port; without a port (a caller that cannot know it), the first for host. */
export function findOverride(overrides: readonly ResolveOverride[], host: string, port?: number): ResolveOverride | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  return overrides.find((o) => o.host === name && (port === undefined || o.port === port));
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A net/tls lookup that answers overridden names first, then asks dnsServer (or the system resolver).
 * Pass `port` when the connection's port is known, so an override for another port does not apply (curl's rule).
 */
export function lookupWithOverrides(overrides: readonly ResolveOverride[] = [], dnsServer?: string, port?: number): LookupFunction {
  overrides.forEach(checkOverride);
  const fallback: LookupFunction = createLookup(dnsServer) ?? systemLookup;
  const lookup = (hostname: string, options: LookupOptions | number | LookupCallback, maybeCallback?: LookupCallback): void => {
    const callback = typeof options === 'function' ? options : maybeCallback;
    const opts: LookupOptions = typeof options === 'object' ? options : typeof options === 'number' ? { family: options } : {};
    if (callback === undefined) throw new Error('lookup: callback is required');
    const override = findOverride(overrides, hostname, port);
    if (override === undefined) {
      fallback(hostname, opts, callback);
      return;
    }
    const family = isIP(override.address);
    // Answer asynchronously, as a resolver would: net's callers are not written for a synchronous callback.
    process.nextTick(() => {
      if (opts.all === true) callback(null, [{ address: override.address, family }]);
      else callback(null, override.address, family);
    });
  };
  return lookup;
}
