// Name resolution through a chosen DNS server (private networks, tests), instead of the system resolver.
import { promises as dnsPromises } from 'node:dns';
import type { LookupAddress, LookupOptions, SrvRecord } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

export interface ResolverOptions {
  /** Per-query timeout; c-ares' default (5 s, 4 tries) would outlive most checks. */
  queryTimeoutMs?: number;
  tries?: number;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`queryA ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'queryA', hostname });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Accepts "1.2.3.4", "1.2.3.4:5353", "[::1]:5353" or "::1"; throws naming the field otherwise. */
export function parseDnsServer(dnsServer: string): string {
  const value = dnsServer.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const withPort = /^([^:]+):(\d+)$/.exec(value);
  const host = bracketed?.[1] ?? withPort?.[1] ?? value;
  const port = bracketed ? bracketed[2] : withPort?.[2];
  if (isIP(host) === 0) {
    throw new Error(`dnsServer must be an IP address with an optional port ("127.0.0.1:5353"), got "${dnsServer}"`);
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    throw new Error(`dnsServer port must be from 1 to 65535, got "${dnsServer}"`);
  }
  const portPart = port === undefined ? '' : `:${port}`;
  return isIP(host) === 6 ? `[${host}]${portPart}` : `${host}${portPart}`;
}

function makeResolver(dnsServer: string, options: ResolverOptions): dnsPromises.Resolver {
  const resolver = new dnsPromises.Resolver({ timeout: options.queryTimeoutMs ?? 2000, tries: options.tries ?? 2 });
  resolver.setServers([parseDnsServer(dnsServer)]);
  return resolver;
}

async function resolveAddresses(resolver: dnsPromises.Resolver, hostname: string, family: number, all: boolean): Promise<LookupAddress[]> {
  if (isIP(hostname) !== 0) return [{ address: hostname, family: isIP(hostname) }];
  if (hostname.toLowerCase() === 'localhost') {
    return family === 6 ? [{ address: '::1', family: 6 }] : [{ address: '127.0.0.1', family: 4 }];
  }
  const v4 = (): Promise<LookupAddress[]> => resolver.resolve4(hostname).then((list) => list.map((address) => ({ address, family: 4 })));
  const v6 = (): Promise<LookupAddress[]> => resolver.resolve6(hostname).then((list) => list.map((address) => ({ address, family: 6 })));
  if (family === 4) return v4();
  if (family === 6) return v6();
  if (!all) {
    try {
      return await v4();
    } catch (firstError) {
      // A name with only AAAA records answers ENODATA for A; any other error is the one worth reporting.
      if ((firstError as NodeJS.ErrnoException).code !== 'ENODATA') throw firstError;
      return v6();
    }
  }
  const [a, aaaa] = await Promise.allSettled([v4(), v6()]);
  const found = [...(a.status === 'fulfilled' ? a.value : []), ...(aaaa.status === 'fulfilled' ? aaaa.value : [])];
  if (found.length > 0) return found;
  throw a.status === 'rejected' ? a.reason : notFound(hostname);
}

function familyOf(options: LookupOptions | number | undefined): number {
  const family: unknown = typeof options === 'number' ? options : options?.family;
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

/**
 * A net/tls-compatible lookup that asks dnsServer; undefined without one, so callers keep the system resolver.
 * Errors keep the resolver's code (ENOTFOUND, ETIMEOUT, ...) and syscall (queryA), which checks map to 'dns'.
 */
export function createLookup(dnsServer?: string, options: ResolverOptions = {}): LookupFunction | undefined {
  if (dnsServer === undefined || dnsServer.trim() === '') return undefined;
  const resolver = makeResolver(dnsServer, options);
  const lookup = (hostname: string, lookupOptions: LookupOptions | number | LookupCallback, maybeCallback?: LookupCallback): void => {
    const callback = typeof lookupOptions === 'function' ? lookupOptions : maybeCallback;
    const opts = typeof lookupOptions === 'function' ? undefined : lookupOptions;
    if (callback === undefined) throw new Error('lookup: callback is required');
    const all = typeof opts === 'object' && opts.all === true;
    resolveAddresses(resolver, hostname, familyOf(opts), all).then(
      (addresses) => {
        const first = addresses[0];
        if (all) callback(null, addresses);
        else if (first) callback(null, first.address, first.family);
        else callback(notFound(hostname), '');
      },
      (error: unknown) => {
        const failure: NodeJS.ErrnoException =
          error instanceof Error ? error : notFound(hostname);
        callback(failure, all ? [] : '');
      },
    );
  };
  return lookup;
}

/** SRV records for name (e.g. "_matrix-fed._tcp.example.org"), through dnsServer when given. */
export function resolveSrv(name: string, dnsServer?: string, options: ResolverOptions = {}): Promise<SrvRecord[]> {
  if (dnsServer === undefined || dnsServer.trim() === '') return dnsPromises.resolveSrv(name);
  return makeResolver(dnsServer, options).resolveSrv(name);
}
