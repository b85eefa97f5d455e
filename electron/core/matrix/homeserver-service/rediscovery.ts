// The daily re-discovery judged against the discovery the group was built from: unchanged, moved (the monitors
// follow), or failed (the monitors stay). A move is followed only to where the service answers: a well-known
// that is broken for an hour must not send the group to the spec's fallback (server:8448) and report it down.
import type { MatrixDiscovery } from '../../../shared/matrix-types.ts';
import type { CheckResult, FailureKind } from '../../../shared/types.ts';
import type { RoleStatus } from '../diagnosis/types.ts';
import { describeGroupChanges, groupChanges, type GroupChange } from '../group/group-changes.ts';
import { failingSteps, failureKindOfSteps, nothingFound } from './discovery-verdict.ts';

export type RediscoveryOutcome =
  | { kind: 'unchanged'; discovery: MatrixDiscovery }
  | { kind: 'moved'; discovery: MatrixDiscovery; changes: GroupChange[]; message: string }
  | { kind: 'failed'; reason: string; failureKind: FailureKind };

const FEDERATION_FIELDS = new Set<GroupChange['field']>(['federation host', 'federation port', 'host header', 'TLS name']);

/** "<server>: federation moved from a:8448 to b:443 (federation host a → b; ...)": the alert's one line. */
export function movedMessage(before: MatrixDiscovery, after: MatrixDiscovery, changes: readonly GroupChange[]): string {
  const details = describeGroupChanges(changes);
  const server = after.serverName;
  const from = `${before.federation.host}:${before.federation.port}`;
  const to = `${after.federation.host}:${after.federation.port}`;
  if (from !== to) return `${server}: federation moved from ${from} to ${to} (${details})`;
  if (changes.some((c) => c.field === 'client base URL')) return `${server}: client API moved from ${before.client.baseUrl} to ${after.client.baseUrl} (${details})`;
  return `${server}: delegation changed (${details})`;
}

export function judgeRediscovery(before: MatrixDiscovery, after: MatrixDiscovery): RediscoveryOutcome {
  const nothing = nothingFound(after);
  if (nothing !== undefined) return { kind: 'failed', reason: nothing, failureKind: failureKindOfSteps(after.steps) };
  const changes = groupChanges(before, after);
  if (changes.length === 0) return { kind: 'unchanged', discovery: after };
  const federationMoved = changes.some((c) => FEDERATION_FIELDS.has(c.field));
  const clientMoved = changes.some((c) => c.field === 'client base URL');
  const unverified = [
    ...(federationMoved && !after.federation.verified ? [`federation at ${after.federation.host}:${after.federation.port}`] : []),
    ...(clientMoved && !after.client.verified ? [`the client API at ${after.client.baseUrl}`] : []),
  ];
  if (unverified.length > 0) {
    return {
      kind: 'failed',
      reason: `discovery of ${after.serverName} now points ${unverified.join(' and ')}, which does not answer (${describeGroupChanges(changes)}): ${failingSteps(after.steps)}`,
      failureKind: failureKindOfSteps(after.steps),
    };
  }
  return { kind: 'moved', discovery: after, changes, message: movedMessage(before, after, changes) };
}

/** The 'discovery' pseudo-monitor the diagnosis reads: down when it failed, warning when it found a change. */
export function discoveryRoleStatus(outcome: RediscoveryOutcome, serverName: string, at: number): RoleStatus {
  const result = (status: CheckResult['status'], message: string, failureKind?: FailureKind): CheckResult => ({
    monitorId: `${serverName} discovery`,
    status,
    at,
    latencyMs: null,
    message,
    ...(failureKind !== undefined ? { failureKind } : {}),
  });
  switch (outcome.kind) {
    case 'failed':
      return { state: 'down', lastResult: result('down', outcome.reason, outcome.failureKind) };
    case 'moved':
      return { state: 'warning', lastResult: result('warning', describeGroupChanges(outcome.changes)) };
    case 'unchanged':
      return { state: 'up', lastResult: result('up', `delegation of ${serverName} unchanged`) };
  }
}
