// prometheus.yml's scrape jobs: every target goes through blackbox_exporter with the usual relabelling,
// one job per module and interval (a job has one scrape_interval).
import type { ExportNote } from './export-notes.ts';
import { promDuration } from './promql.ts';

export interface ProbeTarget {
  module: string;
  target: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  monitor: { id: string; name: string; group?: string };
}

/** What blackbox_exporter takes off the scrape timeout (its --timeout-offset default). */
const BLACKBOX_TIMEOUT_OFFSET_SECONDS = 0.5;

export function scrapeJobs(targets: ProbeTarget[], blackboxAddress: string): { jobs: Array<Record<string, unknown>>; notes: ExportNote[] } {
  const notes: ExportNote[] = [];
  const jobs = new Map<string, { module: string; interval: number; timeout: number; targets: ProbeTarget[] }>();
  for (const target of targets) {
    const name = `${target.module}_every_${promDuration(target.intervalSeconds)}`;
    const job = jobs.get(name) ?? { module: target.module, interval: target.intervalSeconds, timeout: target.timeoutSeconds, targets: [] };
    job.targets.push(target);
    jobs.set(name, job);
  }
  const rendered = [...jobs].map(([name, job]) => {
    // Prometheus allows no scrape_timeout above scrape_interval; blackbox_exporter then probes a little shorter.
    const scrapeTimeout = Math.min(job.interval, job.timeout + 1);
    if (scrapeTimeout - BLACKBOX_TIMEOUT_OFFSET_SECONDS < job.timeout) {
      for (const target of job.targets) {
        notes.push({
          monitor: target.monitor,
          file: 'prometheus.yml',
          what: `a ${target.timeoutSeconds} s timeout with a ${target.intervalSeconds} s interval`,
          reason: `Prometheus cannot wait longer than the scrape interval, so the probe gives up after ${scrapeTimeout - BLACKBOX_TIMEOUT_OFFSET_SECONDS} s`,
        });
      }
    }
    return {
      job_name: name,
      scrape_interval: promDuration(job.interval),
      scrape_timeout: promDuration(scrapeTimeout),
      metrics_path: '/probe',
      params: { module: [job.module] },
      static_configs: job.targets.map((target) => ({
        targets: [target.target],
        labels: { monitor: target.monitor.id, monitor_name: target.monitor.name, ...(target.monitor.group ? { group: target.monitor.group } : {}) },
      })),
      relabel_configs: [
        { source_labels: ['__address__'], target_label: '__param_target' },
        { source_labels: ['__param_target'], target_label: 'instance' },
        { target_label: '__address__', replacement: blackboxAddress },
      ],
    };
  });
  return { jobs: rendered, notes };
}
