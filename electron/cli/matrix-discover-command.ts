// `picket matrix discover NAME [--json] [--resolve HOST:PORT:ADDRESS]... [--dns-server ADDR:PORT] [--ca FILE]`:
// runs Matrix server discovery once and prints every step and where federation and clients end up.
// Exit codes: 0 federation and client API both answer, 2 either does not, 3 invalid name or option.
import { discoverHomeserver } from '../core/matrix/discovery/discover.ts';
import { serverNameFromUserInput } from '../core/matrix/discovery/server-name.ts';
import { unresolvedHosts } from '../shared/matrix-discovery-verdict.ts';
import { formatSrvValue } from '../shared/monitor-types/dns.ts';
import { parseResolveOverride } from '../core/matrix/discovery/resolve-override.ts';
import type { DiscoveryOptions, MatrixDiscovery, ResolveOverride } from '../core/matrix/discovery/types.ts';
import type { CliIo } from './cli-io.ts';
import { parseConnectTo } from '../core/checks/connect-to.ts';
import { EXIT_CRITICAL, EXIT_INVALID, EXIT_OK } from './exit-codes.ts';

export interface MatrixDiscoverArgs {
  serverName: string;
  json: boolean;
  resolve: string[];
  /** curl-style HOST1:PORT1:HOST2:PORT2. */
  connectTo?: string[];
  dnsServer?: string;
  caFile?: string;
}

/** The JSON contract of `matrix discover --json`: these names are fixed; fields may be added, none renamed. */
export function toDiscoveryJson(discovery: MatrixDiscovery): object {
  const { federation, client } = discovery;
  return {
    serverName: discovery.serverName,
    federation: {
      host: federation.host,
      port: federation.port,
      hostHeader: federation.hostHeader,
      tlsServerName: federation.tlsServerName,
      via: federation.via,
      verified: federation.verified,
      ...(federation.srv !== undefined ? { srv: { ...federation.srv } } : {}),
    },
    client: { baseUrl: client.baseUrl, verified: client.verified },
    ...(discovery.wellKnownCacheMs !== undefined ? { wellKnownCacheMs: discovery.wellKnownCacheMs } : {}),
    steps: discovery.steps,
  };
}

export function formatDiscovery(discovery: MatrixDiscovery): string {
  const { federation, client } = discovery;
  const lines = [`Matrix server ${discovery.serverName}`];
  // Said first: a name that does not resolve is usually a typo, and every step below fails because of it.
  const host = discovery.serverName.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (unresolvedHosts(discovery.steps).includes(host)) lines.push(`${host} does not resolve: no DNS record names it. Check the spelling.`);
  lines.push('', 'Steps:');
  for (const step of discovery.steps) {
    lines.push(`  ${step.error === undefined ? 'ok  ' : 'FAIL'}  ${step.step}: ${step.tried}`);
    lines.push(`        ${step.error ?? step.found ?? ''}`);
  }
  lines.push(
    '',
    `Federation: ${federation.host}:${federation.port} (${federation.via})${federation.verified ? '' : ' - NOT answering, see the steps'}`,
    `  Host header:  ${federation.hostHeader}`,
    `  Certificate:  must be valid for ${federation.tlsServerName}`,
    ...(federation.srv !== undefined ? [`  SRV record:   ${federation.srv.query} = ${formatSrvValue(federation.srv)} (a homeserver group watches it)`] : []),
    `Client API:  ${client.baseUrl}${client.verified ? '' : ' - NOT answering, see the steps'}`,
  );
  return `${lines.join('\n')}\n`;
}

function parseOverrides(values: string[]): ResolveOverride[] {
  return values.map((value) => parseResolveOverride(value));
}

export async function matrixDiscoverCommand(args: MatrixDiscoverArgs, io: CliIo): Promise<number> {
  let discovery: MatrixDiscovery;
  try {
    const options: DiscoveryOptions = {
      resolve: parseOverrides(args.resolve),
      connectTo: (args.connectTo ?? []).map((value) => parseConnectTo(value)),
      ...(args.dnsServer !== undefined ? { dnsServer: args.dnsServer } : {}),
      ...(args.caFile !== undefined ? { caFile: args.caFile } : {}),
    };
    // discoverHomeserver throws only for an invalid name or option; network trouble comes back as steps.
    discovery = await discoverHomeserver(serverNameFromUserInput(args.serverName), options);
  } catch (error) {
    io.stderr(`picket: matrix discover: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_INVALID;
  }
  io.stdout(args.json ? `${JSON.stringify(toDiscoveryJson(discovery))}\n` : formatDiscovery(discovery));
  return discovery.federation.verified && discovery.client.verified ? EXIT_OK : EXIT_CRITICAL;
}
