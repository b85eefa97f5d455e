// The daily re-discovery compared with the one the group was built from: what moved, and which monitors must
// follow. A changed delegation is an event worth telling the admin about even when everything still answers.
import { formatSrvValue } from '../../../shared/monitor-types/dns.ts';
import type { DiscoveredHomeserver } from './discovered.ts';
import { homeserverMonitorIds } from './roles.ts';
import type { HomeserverMonitorRole } from './roles.ts';

export type GroupChangeField = 'delegation' | 'delegation record' | 'federation host' | 'federation port' | 'host header' | 'TLS name' | 'client base URL';

export interface GroupChange {
  field: GroupChangeField;
  before: string;
  after: string;
  /** The group's monitors whose target this changes (rebuild them with homeserverMonitors). */
  monitorIds: string[];
}

const AFFECTS: Record<GroupChangeField, readonly HomeserverMonitorRole[]> = {
  // The rule that found the endpoint is news on its own; the monitors move only if the endpoint did.
  delegation: [],
  // The SRV record followed (its name, or its target, port, priority or weight): the monitor watching it.
  'delegation record': ['delegationRecord'],
  'federation host': ['federation', 'federationTcp', 'federationCert', 'keys'],
  'federation port': ['federation', 'federationTcp', 'federationCert', 'keys'],
  'host header': ['federation', 'keys'],
  'TLS name': ['federation', 'federationCert', 'keys'],
  'client base URL': ['client', 'clientCert'],
};

/** Throws when the two discoveries are of different homeservers: that is a new group, not a change. */
export function groupChanges(before: DiscoveredHomeserver, after: DiscoveredHomeserver): GroupChange[] {
  if (before.serverName.toLowerCase() !== after.serverName.toLowerCase()) {
    throw new Error(`groupChanges: serverName differs ("${before.serverName}" vs "${after.serverName}"): not the same homeserver`);
  }
  const ids = homeserverMonitorIds(before.serverName);
  const pairs: Array<[GroupChangeField, string | undefined, string | undefined]> = [
    ['delegation', before.federation.via, after.federation.via],
    ['delegation record', srvRecordOf(before), srvRecordOf(after)],
    ['federation host', before.federation.host.toLowerCase(), after.federation.host.toLowerCase()],
    ['federation port', String(before.federation.port), String(after.federation.port)],
    ['host header', before.federation.hostHeader.toLowerCase(), after.federation.hostHeader.toLowerCase()],
    ['TLS name', before.federation.tlsServerName.toLowerCase(), after.federation.tlsServerName.toLowerCase()],
    ['client base URL', before.client.baseUrl.replace(/\/+$/, ''), after.client.baseUrl.replace(/\/+$/, '')],
  ];
  return pairs
    .filter(([field, a, b]) => a !== b && !(field === 'delegation record' && (a === undefined || b === undefined)))
    .map(([field, a, b]) => ({ field, before: a ?? 'unknown', after: b ?? 'unknown', monitorIds: AFFECTS[field].map((role) => ids[role]) }));
}

/**
 * "_matrix-fed._tcp.example.org 10 5 8448 matrix.example.org", "none" when no SRV record was followed, and
 * undefined when unknown: a discovery saved before Picket recorded the record says its rule used SRV but not which record.
 */
function srvRecordOf(discovery: DiscoveredHomeserver): string | undefined {
  const { srv, via } = discovery.federation;
  if (srv !== undefined) return `${srv.query.toLowerCase()} ${formatSrvValue(srv)}`;
  return via?.includes('srv') === true ? undefined : 'none';
}

/** "federation port 8448 → 443; delegation srv → well-known-port": one line for an event or a notification. */
export function describeGroupChanges(changes: readonly GroupChange[]): string {
  return changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join('; ');
}
