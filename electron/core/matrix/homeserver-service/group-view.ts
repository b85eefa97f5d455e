// A recorded homeserver as a UI sees it: its group's states by role, read together by the diagnosis. Pure.
import type { GroupDiagnosis, HomeserverGroup } from '../../../shared/contract.ts';
import type { MonitorSnapshot } from '../../engine/engine.ts';
import type { HomeserverRecord } from '../../storage/store-homeservers.ts';
import { diagnoseHomeserver } from '../diagnosis/diagnose-homeserver.ts';
import type { Diagnosis, HomeserverStates, RoleStatus } from '../diagnosis/types.ts';
import { roleOfMonitor } from '../group/roles.ts';

export interface GroupExtras {
  /** The last re-discovery as a pseudo-monitor; absent until one ran (or the group was added) since start. */
  discovery?: RoleStatus;
  /** The keys monitor's previous passing detail, by monitor id. */
  previousDetail?: (monitorId: string) => Record<string, string> | undefined;
}

/** The group's monitors by role, from the engine's current states and last results. */
export function homeserverStates(serverName: string, snapshots: readonly MonitorSnapshot[], extras: GroupExtras = {}): HomeserverStates {
  const states: HomeserverStates = {};
  for (const { monitor, state, lastResult } of snapshots) {
    const role = roleOfMonitor(serverName, monitor.id);
    if (role === undefined) continue;
    const previousDetail = role === 'keys' ? extras.previousDetail?.(monitor.id) : undefined;
    states[role] = { state, ...(lastResult ? { lastResult } : {}), ...(previousDetail ? { previousDetail } : {}) };
  }
  if (extras.discovery) states.discovery = extras.discovery;
  return states;
}

/** The contract's shape: the diagnosis without the roles it was read from. */
export function toGroupDiagnosis(diagnosis: Diagnosis | null): GroupDiagnosis | null {
  if (diagnosis === null) return null;
  return { case: diagnosis.case, cause: diagnosis.cause, advice: diagnosis.advice, severity: diagnosis.severity };
}

export function homeserverGroup(serverName: string, record: HomeserverRecord, snapshots: readonly MonitorSnapshot[], extras: GroupExtras = {}): HomeserverGroup {
  const states = homeserverStates(serverName, snapshots, extras);
  return {
    group: serverName,
    serverName,
    diagnosis: toGroupDiagnosis(diagnoseHomeserver(states, record.discovery)),
    discovery: record.discovery,
    discoveredAt: record.discoveredAt,
  };
}
