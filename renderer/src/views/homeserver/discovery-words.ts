// Matrix discovery in words: how the federation endpoint was found, and how many monitors a group gets.
import type { FederationVia, MatrixDiscovery } from '../../../../electron/shared/matrix-types.ts';

/** Which rule of the spec's "Resolving server names" applied, as an admin would say it. */
export const VIA_WORDS: Record<FederationVia, string> = {
  'ip-literal': 'the server name is an IP address',
  'explicit-port': 'the server name has an explicit port',
  'well-known': 'well-known delegation',
  'well-known-ip': 'well-known delegation to an IP address',
  'well-known-port': 'well-known delegation with a port',
  'well-known-srv': 'well-known delegation, then SRV _matrix-fed._tcp',
  'well-known-srv-deprecated': 'well-known delegation, then the deprecated SRV _matrix._tcp',
  'well-known-default-port': 'well-known delegation, then the default port 8448',
  srv: 'SRV _matrix-fed._tcp',
  'srv-deprecated': 'the deprecated SRV _matrix._tcp',
  'default-port': 'default port 8448 (no delegation found)',
};

/**
 * What addHomeserver's monitors will watch: client API, federation, federation TCP, a client certificate only
 * when the client API is served over https, the federation certificate, the signing keys, and the SRV record
 * only when discovery followed one. Mirrors electron/core/matrix/group/homeserver-monitors.ts, which the
 * renderer may not import.
 */
export function plannedMonitors(discovery: MatrixDiscovery): string[] {
  const https = discovery.client.baseUrl.toLowerCase().startsWith('https:');
  const srv = discovery.federation.srv;
  return [
    'the client API',
    'federation',
    'the federation port',
    ...(https ? ['the client certificate'] : []),
    'the federation certificate',
    'the signing keys',
    ...(srv !== undefined ? [`the delegation record (SRV ${srv.query})`] : []),
  ];
}

export function plannedMonitorCount(discovery: MatrixDiscovery): number {
  return plannedMonitors(discovery).length;
}

/** "host:port", with brackets around an IPv6 address so the port stays readable. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
