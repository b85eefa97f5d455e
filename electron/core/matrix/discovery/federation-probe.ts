// Proves the resolved federation endpoint: its name resolves, and /_matrix/federation/v1/version answers
// there with the right Host header over TLS valid for the required name. A failure is a step, not a throw,
// so discovery still reports where delegation leads (a wrong certificate there is the finding).
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { describeNetworkError } from '../../checks/failure-kind.ts';
import { GetError, httpsGet } from './https-get.ts';
import type { HttpsContext } from './https-get.ts';
import { findOverride, lookupWithOverrides } from './resolve-override.ts';
import { joinHostPort } from './server-name.ts';
import { connectTarget, formatTarget } from '../../checks/connect-to.ts';
import type { DiscoveryStep, FederationTarget } from './types.ts';

export interface ProbeOutcome {
  steps: DiscoveryStep[];
  verified: boolean;
}

function resolveAll(host: string, port: number, context: HttpsContext): Promise<LookupAddress[]> {
  const lookup = lookupWithOverrides(context.overrides, context.dnsServer, port);
  return new Promise((resolve, reject) => {
    lookup(host, { all: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(Array.isArray(addresses) ? addresses : [{ address: addresses, family: isIP(addresses) }]);
    });
  });
}

async function addressStep(target: FederationTarget, context: HttpsContext): Promise<DiscoveryStep> {
  const step: DiscoveryStep = { step: 'address', tried: `A/AAAA ${target.host}` };
  const moved = connectTarget(context.connectTo, target.host, target.port);
  if (moved.rule !== undefined && isIP(moved.host) !== 0) {
    step.found = `${formatTarget(moved)} (from --connect-to)`;
    return step;
  }
  // A rule that keeps the name (curl's empty HOST2) moves only the port: the name is still resolved, there.
  try {
    const addresses = await resolveAll(moved.host, moved.port, context);
    const overridden = findOverride(context.overrides, moved.host, moved.port) !== undefined;
    const list = addresses.map((a) => a.address).join(', ');
    if (moved.rule === undefined) step.found = `${list}${overridden ? ' (from --resolve)' : ''}`;
    else step.found = `${list} port ${moved.port} (from --connect-to${overridden ? ' and --resolve' : ''})`;
  } catch (error) {
    step.error = describeNetworkError(error, { host: moved.host, timeoutSeconds: context.timeoutMs / 1000 }).message;
  }
  return step;
}

/** "Synapse 1.95.1" from a federation version body; throws a readable reason when it has no server.name. */
export function readServerVersion(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('the answer is not JSON');
  }
  const server = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).server : undefined;
  const name = typeof server === 'object' && server !== null ? (server as Record<string, unknown>).name : undefined;
  if (typeof name !== 'string' || name === '') throw new Error('the JSON has no server.name');
  const version = (server as Record<string, unknown>).version;
  return typeof version === 'string' && version !== '' ? `${name} ${version}` : name;
}

export async function probeFederation(target: FederationTarget, context: HttpsContext): Promise<ProbeOutcome> {
  const steps: DiscoveryStep[] = [];
  if (isIP(target.host) === 0) {
    const resolved = await addressStep(target, context);
    steps.push(resolved);
    if (resolved.error !== undefined) return { steps, verified: false };
  }
  const url = `https://${joinHostPort(target.host, target.port)}/_matrix/federation/v1/version`;
  const step: DiscoveryStep = {
    step: 'federation version',
    tried: `GET ${url} (Host: ${target.hostHeader}, certificate for ${target.tlsServerName})`,
  };
  steps.push(step);
  try {
    const response = await httpsGet(url, context, { headers: { host: target.hostHeader }, tlsServerName: target.tlsServerName });
    if (response.status !== 200) throw new GetError(`status ${response.status}`);
    step.found = readServerVersion(response.body);
    return { steps, verified: true };
  } catch (error) {
    step.error = (error as Error).message;
    return { steps, verified: false };
  }
}
