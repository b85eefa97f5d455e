// What every check accepts besides its monitor: shared so the scheduler can call any check the same way.
import type { LookupFunction } from 'node:net';
import type { ConnectToRule } from './connect-to.ts';

export interface ProbeOptions {
  /** Wall clock in epoch ms; tests pass a fake one to move certificate expiry without new certificates. */
  now?: () => number;
  /** Cancels the check (the scheduler stopping, the machine going to sleep). */
  signal?: AbortSignal;
  /** Resolves host names, e.g. through a chosen DNS server (see resolver.ts); defaults to the system resolver. */
  lookup?: LookupFunction;
  /**
   * The DNS server --dns-server names ("address[:port]"), for checks that ask DNS themselves (a dns monitor
   * without its own dnsServer); absent means the system's resolvers.
   */
  dnsServer?: string;
  /** curl-style --connect-to rules: where connections to a host and port really go. */
  connectTo?: readonly ConnectToRule[];
  /** Extra trusted CA certificates (PEM) for every check, added to the system roots (--ca). */
  extraCa?: readonly string[];
}
