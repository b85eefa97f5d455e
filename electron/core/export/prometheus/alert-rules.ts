// rules.yml: the alerting rules that stand in for Picket's own alerts. Alert names and labels are those of the
// Alertmanager channel (alertname, monitor, monitor_name, severity), so one set of Alertmanager routes serves both.
import { formatDays } from '../../../shared/format-duration.ts';
import { DAY_SECONDS } from '../../../shared/time.ts';
import type { Monitor } from '../../../shared/types.ts';
import { descriptorOf } from '../../monitor-types/registry.ts';
import type { ExportNote } from './export-notes.ts';
import { monitorMatcher, promDuration } from './promql.ts';

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}


/** Keys a Map by a computed key, keeping first-seen order. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Down after failureThreshold consecutive failures: probe_success == 0 for threshold × interval. */
function downRules(monitors: Monitor[]): AlertRule[] {
  const byFor = groupBy(monitors, (m) => promDuration(m.failureThreshold * m.intervalSeconds));
  return [...byFor].map(([duration, group]) => ({
    alert: 'PicketMonitorDown',
    expr: `probe_success{${monitorMatcher(group.map((m) => m.id))}} == 0`,
    for: duration,
    // down_for tells the rules apart: promtool reports rules with the same name and labels as duplicates.
    labels: { severity: 'critical', down_for: duration },
    annotations: {
      summary: '{{ $labels.monitor_name }} is down',
      description: '{{ $labels.monitor_name }} ({{ $labels.instance }}) has failed its check for ' + duration + '.',
    },
  }));
}

/** One rule per reminder day (30/14/7/3/1 by default), over the monitors that have that day (tls ones). */
function certificateRules(monitors: Monitor[]): AlertRule[] {
  const days = new Map<number, string[]>();
  for (const monitor of monitors) {
    const certificateDays = descriptorOf(monitor).prometheus.certificateDays?.(monitor) ?? [];
    for (const day of certificateDays) days.set(day, [...(days.get(day) ?? []), monitor.id]);
  }
  return [...days]
    .sort(([a], [b]) => b - a)
    .map(([day, ids]) => ({
      alert: 'PicketCertificateExpiring',
      expr: `probe_ssl_earliest_cert_expiry{${monitorMatcher(ids)}} - time() < ${day} * ${DAY_SECONDS}`,
      labels: { severity: 'warning', threshold_days: String(day) },
      annotations: {
        summary: `The certificate of {{ $labels.monitor_name }} expires in less than ${formatDays(day)}`,
        description: 'The certificate of {{ $labels.monitor_name }} ({{ $labels.instance }}) expires in {{ $value | humanizeDuration }}.',
      },
    }));
}

/** Picket's "slow" verdict: an answer slower than slowResponseMs. */
function slowRules(monitors: Monitor[]): AlertRule[] {
  return monitors.flatMap((monitor) => {
    const slowMs = descriptorOf(monitor).prometheus.slowResponseMs?.(monitor);
    return slowMs !== undefined
      ? [
          {
            alert: 'PicketMonitorSlow',
            expr: `probe_success{${monitorMatcher([monitor.id])}} == 1 and probe_duration_seconds{${monitorMatcher([monitor.id])}} > ${slowMs / 1000}`,
            labels: { severity: 'warning' },
            annotations: { summary: `{{ $labels.monitor_name }} answers slower than ${slowMs} ms` },
          },
        ]
      : [];
  });
}

/** What Picket alerts on that Prometheus rules cannot see. */
function inexpressible(monitors: Monitor[]): ExportNote[] {
  const notes: ExportNote[] = [];
  // A note about the whole export (no monitor) is said once, after the per-monitor ones.
  const wholeExport = new Set<ExportNote>();
  for (const monitor of monitors) {
    const about = { id: monitor.id, name: monitor.name };
    for (const note of descriptorOf(monitor).prometheus.notes?.(monitor) ?? []) {
      if (note.monitor === undefined) wholeExport.add(note);
      else notes.push(note);
    }
    if (monitor.reminderIntervalMinutes > 0) {
      notes.push({
        monitor: about,
        file: 'rules.yml',
        what: `a reminder every ${monitor.reminderIntervalMinutes} minutes while down`,
        reason: "re-sending is Alertmanager's repeat_interval, set on its route, not in a rule",
      });
    }
  }
  return [...notes, ...wholeExport];
}

export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

export function alertRules(monitors: Monitor[]): { groups: RuleGroup[]; notes: ExportNote[] } {
  const groups = [
    { name: 'picket_down', rules: downRules(monitors) },
    { name: 'picket_certificates', rules: certificateRules(monitors) },
    { name: 'picket_slow', rules: slowRules(monitors) },
  ];
  return { groups: groups.filter((group) => group.rules.length > 0), notes: inexpressible(monitors) };
}
