// `picket export --format prometheus`: the monitors as blackbox.yml (probe modules), prometheus.yml (scrape jobs
// through blackbox_exporter) and rules.yml (alerting rules). Whatever cannot be expressed is returned as notes.
import { isDeepStrictEqual } from 'node:util';
import { Document } from 'yaml';
import type { Monitor } from '../../../shared/types.ts';
import { alertRules } from './alert-rules.ts';
import { descriptorOf } from '../../monitor-types/registry.ts';
import type { BlackboxModule } from './blackbox-probes.ts';
import { formatNote, type ExportFile, type ExportNote } from './export-notes.ts';
import { promDuration } from './promql.ts';
import { scrapeJobs, type ProbeTarget } from './scrape-jobs.ts';

export interface PrometheusExportOptions {
  /** Where Prometheus reaches blackbox_exporter. */
  blackboxAddress?: string;
  /** Where Prometheus sends alerts. */
  alertmanagerAddress?: string;
}

export interface PrometheusExport {
  files: Record<ExportFile, string>;
  /** Monitors that have a probe in the files. */
  exported: number;
  notes: ExportNote[];
}

export const DEFAULT_BLACKBOX_ADDRESS = '127.0.0.1:9115';
export const DEFAULT_ALERTMANAGER_ADDRESS = '127.0.0.1:9093';

/** Modules named by kind and order of first use; equal settings share one. */
class ModuleTable {
  readonly modules: Record<string, BlackboxModule> = {};
  private readonly counts: Record<string, number> = {};

  nameFor(kind: string, module: BlackboxModule): string {
    const existing = Object.entries(this.modules).find(([name, known]) => name.startsWith(`picket_${kind}_`) && isDeepStrictEqual(known, module));
    if (existing) return existing[0];
    const name = `picket_${kind}_${(this.counts[kind] = (this.counts[kind] ?? 0) + 1)}`;
    this.modules[name] = module;
    return name;
  }
}

function render(file: ExportFile, content: unknown, notes: ExportNote[], intro: string): string {
  const doc = new Document(content);
  const mine = notes.filter((note) => note.file === file);
  const lines = [` ${file}: ${intro}`, ' Written by `picket export --format prometheus`; see docs/prometheus.md.'];
  if (mine.length > 0) lines.push('', ' Not expressed here, and why:', ...mine.map((note) => ` - ${formatNote(note)}`));
  doc.commentBefore = lines.join('\n');
  return doc.toString({ lineWidth: 0 });
}

export function exportPrometheus(monitors: Monitor[], options: PrometheusExportOptions = {}): PrometheusExport {
  const notes: ExportNote[] = [];
  const table = new ModuleTable();
  const targets: ProbeTarget[] = [];
  const exportedMonitors: Monitor[] = [];
  for (const monitor of monitors) {
    const about = { id: monitor.id, name: monitor.name };
    if (monitor.paused) {
      notes.push({ monitor: about, file: 'prometheus.yml', what: 'the whole monitor', reason: 'it is paused in Picket' });
      continue;
    }
    const probe = descriptorOf(monitor).prometheus.probe(monitor);
    if ('unsupported' in probe) {
      notes.push({ monitor: about, file: 'blackbox.yml', what: 'the whole monitor', reason: probe.unsupported });
      continue;
    }
    notes.push(...probe.notes);
    const module = table.nameFor(probe.kind, probe.module);
    targets.push({
      module,
      target: probe.target,
      intervalSeconds: monitor.intervalSeconds,
      timeoutSeconds: monitor.timeoutSeconds,
      monitor: { ...about, ...(monitor.group ? { group: monitor.group } : {}) },
    });
    exportedMonitors.push(monitor);
  }

  const blackboxAddress = options.blackboxAddress ?? DEFAULT_BLACKBOX_ADDRESS;
  const { jobs, notes: jobNotes } = scrapeJobs(targets, blackboxAddress);
  const rules = alertRules(exportedMonitors);
  notes.push(...jobNotes, ...rules.notes);
  const shortest = Math.min(60, ...exportedMonitors.map((m) => m.intervalSeconds));

  const prometheus = {
    // Rules are evaluated as often as the most frequent probe, so a `for:` is kept to within one interval.
    global: { scrape_interval: '1m', evaluation_interval: promDuration(Math.max(1, shortest)) },
    rule_files: ['rules.yml'],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [options.alertmanagerAddress ?? DEFAULT_ALERTMANAGER_ADDRESS] }] }] },
    scrape_configs: [{ job_name: 'blackbox_exporter', static_configs: [{ targets: [blackboxAddress] }] }, ...jobs],
  };
  return {
    files: {
      'blackbox.yml': render('blackbox.yml', { modules: table.modules }, notes, 'one blackbox_exporter module per distinct probe setting.'),
      'prometheus.yml': render(
        'prometheus.yml',
        prometheus,
        notes,
        `every monitor probed through blackbox_exporter at ${blackboxAddress}; alerts to Alertmanager at ${options.alertmanagerAddress ?? DEFAULT_ALERTMANAGER_ADDRESS}.`,
      ),
      'rules.yml': render('rules.yml', { groups: rules.groups }, notes, "Picket's alerts as Prometheus alerting rules, labelled like Picket's Alertmanager channel."),
    },
    exported: exportedMonitors.length,
    notes,
  };
}
