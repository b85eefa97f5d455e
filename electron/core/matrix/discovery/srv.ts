// SRV lookups for _matrix-fed._tcp and the deprecated _matrix._tcp. The record chosen is the one a client
// tries first (lowest priority, then highest weight), so the report is stable from run to run.
import type { SrvRecord } from 'node:dns';
import { describeNetworkError } from '../../checks/failure-kind.ts';
import { resolveSrv } from '../../checks/resolver.ts';
import type { DiscoveryStep, SrvDelegation } from './types.ts';

export type SrvService = '_matrix-fed._tcp' | '_matrix._tcp';

export interface SrvOutcome {
  step: DiscoveryStep;
  target?: { host: string; port: number };
  /** The record chosen, for the group's delegation record monitor. */
  record?: SrvDelegation;
}

const NO_RECORD_CODES = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA']);

export function pickSrvRecord<T extends Pick<SrvRecord, 'priority' | 'weight'>>(records: readonly T[]): T | undefined {
  return [...records].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
}

export async function lookupSrv(service: SrvService, hostname: string, dnsServer?: string): Promise<SrvOutcome> {
  const name = `${service}.${hostname}`;
  const step: DiscoveryStep = { step: `srv ${service}`, tried: `SRV ${name}` };
  let records: SrvRecord[];
  try {
    records = await resolveSrv(name, dnsServer);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    step.error = NO_RECORD_CODES.has(code) ? 'no SRV record' : describeNetworkError(error, { host: name, timeoutSeconds: 2 }).message;
    return { step };
  }
  const chosen = pickSrvRecord(records);
  // A lone "." target is RFC 2782's "this service is decidedly not available here".
  const target = chosen?.name.replace(/\.$/, '') ?? '';
  if (chosen === undefined || target === '') {
    step.error = 'SRV record says the service is not available (target ".")';
    return { step };
  }
  const others = records.length > 1 ? ` (chosen from ${records.length} records)` : '';
  step.found = `${target}:${chosen.port}${others}`;
  const host = target.toLowerCase();
  return { step, target: { host, port: chosen.port }, record: { query: name, priority: chosen.priority, weight: chosen.weight, port: chosen.port, target: host } };
}
