// The federation check: GET /_matrix/federation/v1/version where other servers would send federation traffic.
// Up when the answer names its server software (Synapse, Dendrite, Conduit, ...); the name and version are
// recorded in result.detail so an upgrade (or a different server answering) shows in the history.
import type { CheckResult, MatrixFederationMonitor } from '../../../shared/types.ts';
import type { ProbeOptions } from '../../checks/probe-options.ts';
import { contentFailure, getMatrixJson } from './matrix-request.ts';

export const FEDERATION_VERSION_PATH = '/_matrix/federation/v1/version';

export interface ServerSoftware {
  name: string;
  version?: string;
}

/** server.name (and server.version when it is a string) from a version answer; a reason when there is none. */
export function readServerSoftware(json: unknown): ServerSoftware | { problem: string } {
  const server = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).server : undefined;
  if (typeof server !== 'object' || server === null) return { problem: 'the answer has no "server" object: not a Matrix federation endpoint?' };
  const { name, version } = server as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') return { problem: 'the answer has no "server.name"' };
  return typeof version === 'string' && version !== '' ? { name, version } : { name };
}

export async function checkMatrixFederation(monitor: MatrixFederationMonitor, options: ProbeOptions = {}): Promise<CheckResult> {
  const answer = await getMatrixJson(monitor, FEDERATION_VERSION_PATH, options);
  if (answer.result.status === 'down') return answer.result;
  if (answer.jsonError !== undefined) return contentFailure(answer.result, `federation version: ${answer.jsonError}`);
  const software = readServerSoftware(answer.json);
  if ('problem' in software) return contentFailure(answer.result, `federation version: ${software.problem}`);
  const detail: Record<string, string> = { serverName: software.name };
  if (software.version !== undefined) detail.serverVersion = software.version;
  const label = software.version !== undefined ? `${software.name} ${software.version}` : software.name;
  const latency = answer.result.latencyMs !== null ? ` in ${answer.result.latencyMs} ms` : '';
  return { ...answer.result, message: `${label}${latency}`, detail };
}
