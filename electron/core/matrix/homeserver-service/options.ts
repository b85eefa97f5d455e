// What the service's Matrix part is given: how discovery reaches names (private networks, tests) and how often
// each homeserver is discovered again.
import { parseDnsServer } from '../../checks/resolver.ts';
import type { SchedulerClock } from '../../scheduler/clock.ts';
import { lookupWithOverrides } from '../discovery/resolve-override.ts';
import type { ResolveOverride } from '../discovery/types.ts';
import type { ConnectToRule } from '../../checks/connect-to.ts';
import { DAY_MS } from '../../../shared/time.ts';

export interface MatrixServiceOptions {
  /** curl-style --resolve overrides for discovery. */
  resolve?: ResolveOverride[];
  /** curl-style --connect-to rules for discovery (the groups' checks get them through the probe options). */
  connectTo?: ConnectToRule[];
  /** "ADDRESS[:PORT]" of the DNS server discovery asks (A/AAAA/SRV). */
  dnsServer?: string;
  /** Extra trusted CA (PEM file) for discovery and for every TLS connection of the groups it builds. */
  caFile?: string;
  /** Per-request discovery timeout; default discovery's own (10 s). */
  discoveryTimeoutMs?: number;
  /** How often each homeserver is discovered again; default 24 h. */
  rediscoverEveryMs?: number;
  /** Timers for re-discovery; tests pass controllable ones. */
  timers?: Pick<SchedulerClock, 'setTimer' | 'clearTimer'>;
}

export const DEFAULT_REDISCOVER_EVERY_MS = DAY_MS;

/** Throws naming the option (matrix.*) when one is malformed, so a bad flag fails at start, not a day later. */
export function checkMatrixOptions(options: MatrixServiceOptions): void {
  const every = options.rediscoverEveryMs;
  if (every !== undefined && (!Number.isFinite(every) || every <= 0)) {
    throw new Error(`matrix.rediscoverEveryMs: must be a positive number of milliseconds, got ${String(every)}`);
  }
  const timeout = options.discoveryTimeoutMs;
  if (timeout !== undefined && (!Number.isFinite(timeout) || timeout <= 0)) {
    throw new Error(`matrix.discoveryTimeoutMs: must be a positive number of milliseconds, got ${String(timeout)}`);
  }
  try {
    if (options.dnsServer !== undefined) parseDnsServer(options.dnsServer);
    lookupWithOverrides(options.resolve ?? [], options.dnsServer);
  } catch (error) {
    throw new Error(`matrix.${(error as Error).message}`);
  }
}
