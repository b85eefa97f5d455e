// What the engine adds to a monitor type's shared spec (electron/shared/monitor-types/): the check that
// probes it, the rules beyond up and down that only this type has, and how it is written for Prometheus.
import type { Alert, CheckResult } from '../../shared/types.ts';
import type { ProbeOptions } from '../checks/probe-options.ts';
import type { ExportNote } from '../export/prometheus/export-notes.ts';
import type { Probe } from '../export/prometheus/blackbox-probes.ts';
import type { MonitorRuleState } from '../rules/monitor-rules.ts';

/** What a type's own rule concludes from one result. */
export interface TypeRuleOutcome {
  /** The result the state machine then sees: a rule may downgrade "up" to "warning" ("the answer changed"). */
  result: CheckResult;
  /** Rule-state fields this type keeps (its certificate reminders, its last good answer). */
  next: Pick<MonitorRuleState, 'certificate' | 'lastUpDetail'>;
  alerts: Alert[];
}

/** How a monitor becomes a blackbox_exporter probe and Prometheus rules (`picket export --prometheus`). */
export interface PrometheusExport<M extends { type: string }> {
  /** The probe, or why blackbox_exporter cannot run this monitor. */
  probe(monitor: M): Probe | { unsupported: string };
  /** Days before certificate expiry that alert (probe_ssl_earliest_cert_expiry). */
  certificateDays?(monitor: M): readonly number[];
  /** An answer slower than this is Picket's "warning". */
  slowResponseMs?(monitor: M): number | undefined;
  /** What Picket alerts on for this monitor that no Prometheus rule can express. */
  notes?(monitor: M): ExportNote[];
}

/** A monitor type, in the engine. Methods, so a descriptor of one type fits where any descriptor is expected. */
export interface MonitorTypeDescriptor<M extends { type: string }> {
  /** Never throws and keeps to monitor.timeoutSeconds; run-check.ts adds a safety net for both. */
  check(monitor: M, options: ProbeOptions): Promise<CheckResult>;
  /** Runs on every result before the up/down state machine; prev is the rule state so far. */
  rule?(monitor: M, prev: MonitorRuleState, result: CheckResult): TypeRuleOutcome;
  readonly prometheus: PrometheusExport<M>;
}
