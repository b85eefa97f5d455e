// Picket's state in the Prometheus text format, through prom-client. Gauges are set from the monitor views at
// each scrape; counters and the latency histogram count the results seen since this process started.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EventMap, MonitorView } from '../../shared/contract.ts';
import type { CheckResult, MonitorState } from '../../shared/types.ts';

/** What the metrics read from the service: the views at scrape time, and the results and list changes as they happen. */
export interface MetricsSource {
  views(): MonitorView[];
  on<Name extends 'results' | 'monitors'>(name: Name, listener: (payload: EventMap[Name]) => void): () => void;
}

export interface MetricsExposition {
  contentType: string;
  body: string;
}

const MONITOR_LABELS = ['monitor', 'name', 'type', 'group'] as const;
type MonitorLabels = Record<(typeof MONITOR_LABELS)[number], string>;

const MISNAMED_DEFAULT_METRICS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];
const STATES: readonly MonitorState[] = ['up', 'warning', 'down', 'pending', 'paused', 'unknown'];
const RESULTS = ['up', 'warning', 'down'] as const;
// From a fast local answer to a slow remote one; the longest Picket timeout is far above the last bucket.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const UPTIME_WINDOWS = [
  ['24h', 'h24'],
  ['7d', 'd7'],
  ['30d', 'd30'],
  ['365d', 'd365'],
] as const;
const PHASES = [
  ['dns', 'dnsMs'],
  ['connect', 'connectMs'],
  ['tls', 'tlsMs'],
  ['first_byte', 'firstByteMs'],
  ['total', 'totalMs'],
] as const;

function labelsOf(view: MonitorView): MonitorLabels {
  const { monitor } = view;
  return { monitor: monitor.id, name: monitor.name, type: monitor.type, group: monitor.group ?? '' };
}

function sameLabels(a: MonitorLabels, b: MonitorLabels): boolean {
  return MONITOR_LABELS.every((key) => a[key] === b[key]);
}

/** 1 when the monitor answers as it should (up or warning), 0 when it fails; no sample without a verdict (paused, unknown). */
function upValue(state: MonitorState): number | undefined {
  if (state === 'up' || state === 'warning') return 1;
  if (state === 'down' || state === 'pending') return 0;
  return undefined;
}

export class PicketMetrics {
  readonly registry = new Registry();
  private readonly labels = new Map<string, MonitorLabels>();
  private readonly unsubscribe: Array<() => void>;

  private readonly up: Gauge<string>;
  private readonly state: Gauge<string>;
  private readonly duration: Gauge<string>;
  private readonly latency: Histogram<string>;
  private readonly checks: Counter<string>;
  private readonly certificateExpiry: Gauge<string>;
  private readonly uptime: Gauge<string>;

  constructor(
    private readonly source: MetricsSource,
    options: { processMetrics?: boolean } = {},
  ) {
    const registers = [this.registry];
    const labelNames = [...MONITOR_LABELS];
    this.up = new Gauge({ name: 'picket_monitor_up', help: 'Whether the monitor answers as expected (1) or fails (0).', labelNames, registers });
    this.state = new Gauge({
      name: 'picket_monitor_state',
      help: "The monitor's state, one-hot: 1 for the current state, 0 for the others.",
      labelNames: [...labelNames, 'state'],
      registers,
    });
    this.duration = new Gauge({
      name: 'picket_check_duration_seconds',
      help: 'How long each phase of the last check took.',
      labelNames: [...labelNames, 'phase'],
      registers,
    });
    this.latency = new Histogram({
      name: 'picket_check_latency_seconds',
      help: 'Latency of the checks that got an answer.',
      labelNames,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.checks = new Counter({ name: 'picket_checks_total', help: 'Checks run, by result.', labelNames: [...labelNames, 'result'], registers });
    this.certificateExpiry = new Gauge({
      name: 'picket_certificate_expiry_timestamp_seconds',
      help: "When the certificate seen by the last check expires, in seconds since the epoch.",
      labelNames,
      registers,
    });
    this.uptime = new Gauge({
      name: 'picket_uptime_ratio',
      help: 'Share of checks that were up or warning over the window; time asleep or offline does not count.',
      labelNames: [...labelNames, 'window'],
      registers,
    });
    if (options.processMetrics !== false) {
      collectDefaultMetrics({ register: this.registry });
      // Gauges that prom-client names like counters: promtool's lint refuses them, and they say little.
      for (const name of MISNAMED_DEFAULT_METRICS) this.registry.removeSingleMetric(name);
    }

    this.track(source.views());
    // The event names only what changed; the labels are re-read from the views (cached, so cheap).
    this.unsubscribe = [source.on('monitors', () => this.track(source.views())), source.on('results', (results) => this.count(results))];
  }

  /** The text Prometheus scrapes, with every gauge read from the service now. */
  async exposition(): Promise<MetricsExposition> {
    this.refresh(this.source.views());
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  close(): void {
    for (const stop of this.unsubscribe) stop();
  }

  /** Keeps the labels of each monitor; a removed or renamed monitor's counters go, so no stale series lingers. */
  private track(views: MonitorView[]): void {
    const current = new Map(views.map((view) => [view.monitor.id, labelsOf(view)]));
    for (const [id, old] of this.labels) {
      const now = current.get(id);
      if (now !== undefined && sameLabels(now, old)) continue;
      this.latency.remove(old);
      for (const result of RESULTS) this.checks.remove({ ...old, result });
      this.labels.delete(id);
    }
    for (const [id, labels] of current) {
      if (this.labels.has(id)) continue;
      this.labels.set(id, labels);
      // Zero series from the start, so rate() and increase() see the first check.
      for (const result of RESULTS) this.checks.inc({ ...labels, result }, 0);
      this.latency.zero(labels);
    }
  }

  private count(results: CheckResult[]): void {
    for (const result of results) {
      const labels = this.labels.get(result.monitorId);
      if (labels === undefined) continue;
      this.checks.inc({ ...labels, result: result.status });
      if (result.latencyMs !== null) this.latency.observe(labels, result.latencyMs / 1000);
    }
  }

  private refresh(views: MonitorView[]): void {
    for (const gauge of [this.up, this.state, this.duration, this.certificateExpiry, this.uptime]) gauge.reset();
    for (const view of views) {
      const labels = labelsOf(view);
      const up = upValue(view.state);
      if (up !== undefined) this.up.set(labels, up);
      for (const state of STATES) this.state.set({ ...labels, state }, state === view.state ? 1 : 0);
      for (const [window, key] of UPTIME_WINDOWS) {
        const ratio = view.uptime[key];
        if (ratio !== null) this.uptime.set({ ...labels, window }, ratio);
      }
      const last = view.lastResult;
      if (last === null) continue;
      const timings = last.timings ?? (last.latencyMs !== null ? { totalMs: last.latencyMs } : undefined);
      for (const [phase, key] of PHASES) {
        const ms = timings?.[key];
        if (ms !== undefined) this.duration.set({ ...labels, phase }, ms / 1000);
      }
      const expiry = last.certificate ? Date.parse(last.certificate.validTo) : NaN;
      if (Number.isFinite(expiry)) this.certificateExpiry.set(labels, expiry / 1000);
    }
  }
}
