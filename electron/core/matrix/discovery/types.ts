// What discovery takes and reports. The report lists every step, so a person (and the diagnosis) can see
// where delegation went and why, not only where it ended.

/** One curl-style `--resolve HOST:PORT:ADDRESS`: connections to HOST on PORT go to ADDRESS instead of DNS. */
export interface ResolveOverride {
  host: string;
  port: number;
  address: string;
}

export interface DiscoveryOptions {
  resolve?: ResolveOverride[];
  /** curl-style --connect-to rules: connections for HOST1:PORT1 go to HOST2:PORT2, names unchanged. */
  connectTo?: ConnectToRule[];
  /** "ADDRESS[:PORT]" of the DNS server for A/AAAA/SRV; the system resolver without it. */
  dnsServer?: string;
  /** Extra trusted CA (PEM file), added to the system roots. */
  caFile?: string;
  /** Per request; default 10 000 ms. */
  timeoutMs?: number;
  /** Wall clock in epoch ms, for Expires headers. */
  now?: () => number;
}

import type { ConnectToRule } from '../../checks/connect-to.ts';

// The report's shapes are shared with the UIs (the dashboard shows the steps): they live in electron/shared.
export type { DiscoveryStep, FederationTarget, FederationVia, MatrixDiscovery, SrvDelegation } from '../../../shared/matrix-types.ts';
