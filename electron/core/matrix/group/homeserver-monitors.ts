// One-click setup: the monitors of a homeserver, built from where discovery says its services are rather than
// from fixed ports (a delegated federation endpoint on 443 would make a fixed 8448 check a false outage).
import type { MonitorConfig } from '../../../shared/config-validation.ts';
import type { SrvDelegation } from '../../../shared/matrix-types.ts';
import { formatSrvValue } from '../../../shared/monitor-types/dns.ts';
import { HOUR_SECONDS } from '../../../shared/time.ts';
import type { DiscoveredHomeserver } from './discovered.ts';
import { homeserverMonitorIds } from './roles.ts';

export interface HomeserverMonitorOptions {
  /** The fast monitors' interval (client API, TCP); default 60 s as in the seed guide. */
  intervalSeconds?: number;
  /** A private CA for every TLS connection of the group. */
  caFile?: string;
  /** The certificate monitors' reminder days; left out, they take Settings' defaultExpiryWarningDays. */
  expiryWarningDays?: readonly number[];
}

const DEFAULT_INTERVAL_SECONDS = 60;
// The seed guide checks federation every 5 minutes; keys are refreshed by servers daily; certificates change slower still.
const FEDERATION_INTERVAL_SECONDS = 300;
const KEYS_INTERVAL_SECONDS = 300;
const CERTIFICATE_INTERVAL_SECONDS = HOUR_SECONDS;
// A record's TTL is minutes to hours: every 5 minutes still tells of a change long before the daily re-discovery.
const DELEGATION_RECORD_INTERVAL_SECONDS = 300;

/** host and port a https base URL connects to; undefined for plain http (no certificate to watch). */
function tlsEndpointOf(baseUrl: string): { host: string; port: number } | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`client.baseUrl: "${baseUrl}" is not a URL`);
  }
  if (url.protocol !== 'https:') return undefined;
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? 443 : Number(url.port) };
}

export function homeserverMonitors(discovery: DiscoveredHomeserver, options: HomeserverMonitorOptions = {}): MonitorConfig[] {
  const { serverName, federation, client } = discovery;
  const ids = homeserverMonitorIds(serverName);
  const base = options.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  // Left out unless given: the service then fills in the default reminder days from Settings.
  const reminderDays = options.expiryWarningDays !== undefined ? { expiryWarningDays: [...options.expiryWarningDays] } : {};
  const caFile = options.caFile !== undefined ? { caFile: options.caFile } : {};
  const group = serverName;
  const endpoint = {
    serverName,
    host: federation.host,
    port: federation.port,
    hostHeader: federation.hostHeader,
    tlsServerName: federation.tlsServerName,
  };
  const where = `${federation.host}:${federation.port}`;
  const monitors: MonitorConfig[] = [
    {
      id: ids.client,
      type: 'http',
      name: `${serverName} client API`,
      group,
      url: `${client.baseUrl.replace(/\/+$/, '')}/_matrix/client/versions`,
      keyword: 'versions',
      cacheBust: true,
      failureThreshold: 2,
      intervalSeconds: base,
      ...(options.caFile !== undefined ? { tls: caFile } : {}),
    },
    {
      id: ids.federation,
      type: 'matrix-federation',
      name: `${serverName} federation (${where})`,
      group,
      ...endpoint,
      failureThreshold: 2,
      intervalSeconds: Math.max(base, FEDERATION_INTERVAL_SECONDS),
      ...(options.caFile !== undefined ? { tls: caFile } : {}),
    },
    {
      id: ids.federationTcp,
      type: 'tcp',
      name: `${serverName} federation port ${where}`,
      group,
      host: federation.host,
      port: federation.port,
      failureThreshold: 1,
      intervalSeconds: base,
    },
  ];
  const clientTls = tlsEndpointOf(client.baseUrl);
  if (clientTls) {
    monitors.push({
      id: ids.clientCert,
      type: 'tls',
      name: `${serverName} client certificate (${clientTls.host})`,
      group,
      host: clientTls.host,
      port: clientTls.port,
      ...reminderDays,
      failureThreshold: 1,
      intervalSeconds: Math.max(base, CERTIFICATE_INTERVAL_SECONDS),
      ...(options.caFile !== undefined ? { tls: caFile } : {}),
    });
  }
  monitors.push(
    {
      id: ids.federationCert,
      type: 'tls',
      name: `${serverName} federation certificate (${federation.tlsServerName})`,
      group,
      host: federation.host,
      port: federation.port,
      ...reminderDays,
      failureThreshold: 1,
      intervalSeconds: Math.max(base, CERTIFICATE_INTERVAL_SECONDS),
      tls: { serverName: federation.tlsServerName, ...caFile },
    },
    {
      id: ids.keys,
      type: 'matrix-keys',
      name: `${serverName} signing keys`,
      group,
      ...endpoint,
      failureThreshold: 1,
      intervalSeconds: Math.max(base, KEYS_INTERVAL_SECONDS),
      ...(options.caFile !== undefined ? { tls: caFile } : {}),
    },
  );
  if (federation.srv !== undefined) monitors.push(delegationRecordMonitor(serverName, federation.srv, ids.delegationRecord, base));
  return monitors;
}

/**
 * The SRV record discovery followed, as a dns monitor expecting the record it found. Other records may come and
 * go (expectExact stays off); the one federation goes to must stay, or the delegation changed under the group.
 */
function delegationRecordMonitor(serverName: string, srv: SrvDelegation, id: string, base: number): MonitorConfig {
  return {
    id,
    type: 'dns',
    name: `${serverName} delegation record (${srv.query})`,
    group: serverName,
    query: srv.query,
    recordType: 'SRV',
    expect: [formatSrvValue(srv)],
    // One lost UDP answer is not a changed delegation (the dns type's own default).
    failureThreshold: 2,
    intervalSeconds: Math.max(base, DELEGATION_RECORD_INTERVAL_SECONDS),
  };
}
