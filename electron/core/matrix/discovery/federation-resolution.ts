// The spec's "Resolving server names" (server-server API), step by step: which host and port federation
// traffic goes to, with which Host header and which name the certificate must carry.
import type { HttpsContext } from './https-get.ts';
import { joinHostPort } from './server-name.ts';
import type { ServerName } from './server-name.ts';
import { lookupSrv } from './srv.ts';
import type { SrvService } from './srv.ts';
import type { DiscoveryStep, FederationTarget, FederationVia } from './types.ts';
import { fetchServerWellKnown } from './well-known-server.ts';

export const DEFAULT_FEDERATION_PORT = 8448;

export interface FederationResolution {
  target: FederationTarget;
  steps: DiscoveryStep[];
  wellKnownCacheMs?: number;
}

interface Rules {
  srv: FederationVia;
  srvDeprecated: FederationVia;
  defaultPort: FederationVia;
}

const DIRECT: Rules = { srv: 'srv', srvDeprecated: 'srv-deprecated', defaultPort: 'default-port' };
const DELEGATED: Rules = { srv: 'well-known-srv', srvDeprecated: 'well-known-srv-deprecated', defaultPort: 'well-known-default-port' };

/** SRV _matrix-fed._tcp, then the deprecated _matrix._tcp, then port 8448: for a name without a port. */
async function srvOrDefault(hostname: string, rules: Rules, dnsServer: string | undefined, steps: DiscoveryStep[]): Promise<FederationTarget> {
  const services: Array<[SrvService, FederationVia]> = [
    ['_matrix-fed._tcp', rules.srv],
    ['_matrix._tcp', rules.srvDeprecated],
  ];
  for (const [service, via] of services) {
    const outcome = await lookupSrv(service, hostname, dnsServer);
    steps.push(outcome.step);
    // The Host header and certificate stay the name SRV was asked for: DNS is not trusted to choose them.
    if (outcome.target) return { ...outcome.target, hostHeader: hostname, tlsServerName: hostname, via, ...(outcome.record ? { srv: outcome.record } : {}) };
  }
  steps.push({ step: 'default port', tried: `${hostname}:${DEFAULT_FEDERATION_PORT}`, found: `${hostname}:${DEFAULT_FEDERATION_PORT}` });
  return { host: hostname, port: DEFAULT_FEDERATION_PORT, hostHeader: hostname, tlsServerName: hostname, via: rules.defaultPort };
}

export async function resolveFederation(name: ServerName, context: HttpsContext, now: () => number): Promise<FederationResolution> {
  const steps: DiscoveryStep[] = [];
  const written = joinHostPort(name.host, name.port);
  // 1. An IP literal: connect there; Host is the server name as written, the certificate is for the IP.
  if (name.isIp) {
    const port = name.port ?? DEFAULT_FEDERATION_PORT;
    steps.push({ step: 'ip literal', tried: written, found: `${joinHostPort(name.host, port)}, no well-known or SRV lookup` });
    return { target: { host: name.host, port, hostHeader: written, tlsServerName: name.host, via: 'ip-literal' }, steps };
  }
  // 2. A host name with an explicit port: no delegation is looked for.
  if (name.port !== undefined) {
    steps.push({ step: 'explicit port', tried: written, found: `${written}, no well-known or SRV lookup` });
    return { target: { host: name.host, port: name.port, hostHeader: written, tlsServerName: name.host, via: 'explicit-port' }, steps };
  }
  // 3. /.well-known/matrix/server.
  const wellKnown = await fetchServerWellKnown(name.host, context, now);
  steps.push(wellKnown.step);
  const delegated = wellKnown.delegated;
  const cache = { wellKnownCacheMs: wellKnown.cacheMs };
  if (delegated === undefined) {
    // 4-6: as if there were no well-known.
    return { target: await srvOrDefault(name.host, DIRECT, context.dnsServer, steps), steps, ...cache };
  }
  const delegatedWritten = joinHostPort(delegated.host, delegated.port);
  if (delegated.isIp) {
    // 3.1: the IP (port or 8448); Host is the m.server value, the certificate is for the IP.
    const port = delegated.port ?? DEFAULT_FEDERATION_PORT;
    const target: FederationTarget = { host: delegated.host, port, hostHeader: delegatedWritten, tlsServerName: delegated.host, via: 'well-known-ip' };
    return { target, steps, ...cache };
  }
  if (delegated.port !== undefined) {
    // 3.2: the delegated name and port.
    const target: FederationTarget = {
      host: delegated.host,
      port: delegated.port,
      hostHeader: delegatedWritten,
      tlsServerName: delegated.host,
      via: 'well-known-port',
    };
    return { target, steps, ...cache };
  }
  // 3.3-3.5: SRV for the delegated name, then its port 8448.
  return { target: await srvOrDefault(delegated.host, DELEGATED, context.dnsServer, steps), steps, ...cache };
}
