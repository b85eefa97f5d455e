// What the diagnosis reads (the group's states by role) and what it says.
import type { CheckResult, MonitorState } from '../../../shared/types.ts';
import type { HomeserverMonitorRole } from '../group/roles.ts';

/**
 * The group's monitors by role, plus 'discovery': the daily re-discovery, as a pseudo-monitor whose state is
 * 'down' when it failed (lastResult says why, failureKind 'dns' for a name that does not resolve) and
 * 'warning' when it found a changed delegation (lastResult.message: describeGroupChanges).
 */
export type DiagnosisRole = HomeserverMonitorRole | 'discovery';

export interface RoleStatus {
  state: MonitorState;
  lastResult?: CheckResult;
  /** keys: the previous up result's detail, so a changed key is noticed. */
  previousDetail?: Record<string, string>;
}

export type HomeserverStates = Partial<Record<DiagnosisRole, RoleStatus>>;

export type DiagnosisCase =
  | 'healthy'
  | 'dns'
  | 'certificate-invalid'
  | 'certificate-expiring'
  | 'host-down'
  | 'process-down'
  | 'not-answering'
  | 'federation-port-blocked'
  | 'federation-listener-down'
  | 'federation-broken'
  | 'well-known-broken'
  | 'delegation-changed'
  | 'signing-key-invalid'
  | 'signing-key-changed'
  | 'route-failing'
  | 'slow';

export interface Diagnosis {
  /** Which case of the table matched: for tests, icons and grouping. */
  case: DiagnosisCase;
  /** One line: the likely cause. */
  cause: string;
  /** One line: what to do. */
  advice: string;
  severity: 'ok' | 'warning' | 'down';
  /** The roles the cause is read from. */
  roles: DiagnosisRole[];
}
