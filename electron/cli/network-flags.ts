// --resolve, --connect-to, --dns-server and --ca, read once for every command: how checks and discovery reach
// names on private networks, in tests, or before DNS is moved. A malformed value is a usage error naming its flag.
import { readFileSync } from 'node:fs';
import { parseConnectTo, type ConnectToRule } from '../core/checks/connect-to.ts';
import type { ProbeOptions } from '../core/checks/probe-options.ts';
import { createLookup } from '../core/checks/resolver.ts';
import { lookupWithOverrides, parseResolveOverride } from '../core/matrix/discovery/resolve-override.ts';
import type { ResolveOverride } from '../core/matrix/discovery/types.ts';
import type { MatrixServiceOptions } from '../core/matrix/homeserver-service/options.ts';
import { UsageError } from './usage-error.ts';

export interface NetworkFlags {
  resolve: string[];
  connectTo: string[];
  dnsServer?: string | undefined;
  caFile?: string | undefined;
}

export type CheckProbeOptions = Omit<ProbeOptions, 'signal' | 'now'>;

export interface NetworkOptions {
  /** What every check is given: the overrides, the rules and the DNS server. */
  probeOptions: CheckProbeOptions;
  /** What serve's "Add a Matrix homeserver" discovery is given. */
  matrix: MatrixServiceOptions;
}

function usage<T>(parse: () => T, flag: string): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.startsWith('--') ? message : `${flag}: ${message}`);
  }
}

/** The PEM text of --ca; a usage error naming the flag when it cannot be read or holds no certificate. */
function readCaFile(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--ca: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca: "${file}" holds no PEM certificate`);
  return pem;
}

export function networkOptionsFrom(flags: NetworkFlags): NetworkOptions {
  const overrides: ResolveOverride[] = usage(() => flags.resolve.map((value) => parseResolveOverride(value)), '--resolve');
  const connectTo: ConnectToRule[] = usage(() => flags.connectTo.map((value) => parseConnectTo(value)), '--connect-to');
  const dnsLookup = flags.dnsServer === undefined ? undefined : usage(() => createLookup(flags.dnsServer), '--dns-server');
  // A check's lookup is not told the port, so an override answers its name on any port there.
  const lookup = overrides.length > 0 ? lookupWithOverrides(overrides, flags.dnsServer) : dnsLookup;
  // --ca trusts a private CA for every monitor (as for discovery), added to the system roots.
  const extraCa = flags.caFile === undefined ? undefined : [readCaFile(flags.caFile)];
  const probeOptions: CheckProbeOptions = {
    ...(lookup !== undefined ? { lookup } : {}),
    ...(flags.dnsServer !== undefined ? { dnsServer: flags.dnsServer } : {}),
    ...(connectTo.length > 0 ? { connectTo } : {}),
    ...(extraCa !== undefined ? { extraCa } : {}),
  };
  const matrix: MatrixServiceOptions = {
    ...(overrides.length > 0 ? { resolve: overrides } : {}),
    ...(connectTo.length > 0 ? { connectTo } : {}),
    ...(flags.dnsServer !== undefined ? { dnsServer: flags.dnsServer } : {}),
    ...(flags.caFile !== undefined ? { caFile: flags.caFile } : {}),
  };
  return { probeOptions, matrix };
}
