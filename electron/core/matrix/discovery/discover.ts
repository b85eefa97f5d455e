// Discovery of a Matrix homeserver from its server name: where federation goes (and whether it answers
// there) and where clients go (and whether it answers there). Network problems become steps with an
// error; only a bad server name or bad options throw.
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { parseDnsServer } from '../../checks/resolver.ts';
import { discoverClient } from './client-discovery.ts';
import { probeFederation } from './federation-probe.ts';
import { resolveFederation } from './federation-resolution.ts';
import type { HttpsContext } from './https-get.ts';
import { lookupWithOverrides } from './resolve-override.ts';
import { parseServerName } from './server-name.ts';
import type { DiscoveryOptions, MatrixDiscovery } from './types.ts';

export const DEFAULT_DISCOVERY_TIMEOUT_MS = 10_000;

/** Checks the options and reads the CA file; throws naming the option. */
async function contextFrom(options: DiscoveryOptions): Promise<HttpsContext> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error(`timeoutMs must be a positive number, got ${String(options.timeoutMs)}`);
  if (options.dnsServer !== undefined) parseDnsServer(options.dnsServer);
  const overrides = options.resolve ?? [];
  lookupWithOverrides(overrides, options.dnsServer); // validates every override
  const context: HttpsContext = {
    overrides,
    timeoutMs,
    ...(options.connectTo !== undefined ? { connectTo: options.connectTo } : {}),
    ...(options.dnsServer !== undefined ? { dnsServer: options.dnsServer } : {}),
  };
  if (options.caFile !== undefined) {
    let pem: string;
    try {
      pem = await readFile(options.caFile, 'utf8');
    } catch (error) {
      throw new Error(`caFile: cannot read "${options.caFile}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`caFile: "${options.caFile}" holds no PEM certificate`);
    context.ca = [...rootCertificates, pem];
  }
  return context;
}

export async function discoverHomeserver(serverName: string, options: DiscoveryOptions = {}): Promise<MatrixDiscovery> {
  const name = parseServerName(serverName);
  const context = await contextFrom(options);
  const now = options.now ?? Date.now;
  // Federation and client discovery are independent: run them side by side, report them in a fixed order.
  const [federation, client] = await Promise.all([
    resolveFederation(name, context, now).then(async (resolution) => ({ resolution, probe: await probeFederation(resolution.target, context) })),
    discoverClient(name, context),
  ]);
  const { resolution, probe } = federation;
  return {
    serverName,
    federation: { ...resolution.target, verified: probe.verified },
    client: { baseUrl: client.baseUrl, verified: client.verified },
    ...(resolution.wellKnownCacheMs !== undefined ? { wellKnownCacheMs: resolution.wellKnownCacheMs } : {}),
    steps: [...resolution.steps, ...probe.steps, ...client.steps],
  };
}
