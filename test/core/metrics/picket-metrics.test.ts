import { describe, expect, it } from 'vitest';
import { PicketMetrics, type MetricsSource } from '../../../electron/core/metrics/picket-metrics.ts';
import type { EventMap, MonitorView } from '../../../electron/shared/contract.ts';
import { toMonitorList } from '../../../electron/shared/monitor-list.ts';
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import type { CheckResult, MonitorState } from '../../../electron/shared/types.ts';
import { PROMTOOL, runTool } from '../../fixtures/prometheus-tools.ts';

/** A service stand-in: the views it returns now, and a way to send it events. */
function fakeSource(initial: MonitorView[]): MetricsSource & { views: () => MonitorView[]; set(views: MonitorView[]): void; emit<N extends 'results' | 'monitors'>(name: N, payload: EventMap[N]): void } {
  let current = initial;
  const listeners = { results: new Set<(p: EventMap['results']) => void>(), monitors: new Set<(p: EventMap['monitors']) => void>() };
  return {
    views: () => current,
    set: (views) => (current = views),
    on: (name, listener) => {
      const set = listeners[name] as Set<typeof listener>;
      set.add(listener);
      return () => set.delete(listener);
    },
    emit: (name, payload) => {
      for (const listener of listeners[name] as Set<(p: typeof payload) => void>) listener(payload);
    },
  };
}

function view(id: string, state: MonitorState, lastResult: CheckResult | null, extra: Record<string, unknown> = {}): MonitorView {
  const monitor = parseMonitor({ id, type: 'tls', host: 'example.test', port: 443, name: `Name of ${id}`, ...extra }, 'monitor');
  return { monitor, state, lastResult, uptime: { h24: 0.5, d7: 0.75, d30: null, d365: 1 }, muted: false };
}

const validTo = '2030-01-02T03:04:05.000Z';
const result: CheckResult = {
  monitorId: 'a',
  status: 'up',
  at: 1_700_000_000_000,
  latencyMs: 42,
  message: 'ok',
  timings: { dnsMs: 1, connectMs: 2, tlsMs: 3, totalMs: 42 },
  certificate: { validFrom: '2020-01-01T00:00:00.000Z', validTo, daysLeft: 100, issuer: 'CA', subject: 'x', names: [], fingerprint256: 'AA', trusted: true, nameMatches: true },
};

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('PicketMetrics', () => {
  it('exposes every per-monitor metric with the monitor, name, type and group labels', async () => {
    const source = fakeSource([view('a', 'up', result, { group: 'home' }), view('b', 'paused', null)]);
    const metrics = new PicketMetrics(source);
    source.emit('results', [result, { ...result, status: 'down', latencyMs: null }]);
    const { body, contentType } = await metrics.exposition();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const a = { monitor: 'a', name: 'Name of a', type: 'tls', group: 'home' };
    expect(sample(body, 'picket_monitor_up', a)).toBe(1);
    expect(sample(body, 'picket_monitor_up', { monitor: 'b' })).toBeUndefined();
    expect(sample(body, 'picket_monitor_state', { ...a, state: 'up' })).toBe(1);
    expect(sample(body, 'picket_monitor_state', { ...a, state: 'down' })).toBe(0);
    expect(sample(body, 'picket_monitor_state', { monitor: 'b', group: '', state: 'paused' })).toBe(1);
    expect(sample(body, 'picket_check_duration_seconds', { ...a, phase: 'tls' })).toBe(0.003);
    expect(sample(body, 'picket_check_duration_seconds', { ...a, phase: 'total' })).toBe(0.042);
    expect(sample(body, 'picket_check_duration_seconds', { ...a, phase: 'first_byte' })).toBeUndefined();
    expect(sample(body, 'picket_checks_total', { ...a, result: 'up' })).toBe(1);
    expect(sample(body, 'picket_checks_total', { ...a, result: 'down' })).toBe(1);
    expect(sample(body, 'picket_checks_total', { ...a, result: 'warning' })).toBe(0);
    expect(sample(body, 'picket_check_latency_seconds_count', a)).toBe(1);
    expect(sample(body, 'picket_check_latency_seconds_bucket', { ...a, le: '0.05' })).toBe(1);
    expect(sample(body, 'picket_certificate_expiry_timestamp_seconds', a)).toBe(Date.parse(validTo) / 1000);
    expect(sample(body, 'picket_uptime_ratio', { ...a, window: '7d' })).toBe(0.75);
    expect(sample(body, 'picket_uptime_ratio', { ...a, window: '30d' })).toBeUndefined();
    expect(body).toMatch(/^process_cpu_seconds_total /m);
    metrics.close();
  });

  it('drops the series of a removed or renamed monitor', async () => {
    const source = fakeSource([view('a', 'down', result)]);
    const metrics = new PicketMetrics(source, { processMetrics: false });
    source.emit('results', [result]);
    const renamed = [view('a', 'down', result, { name: 'New name' })];
    source.set(renamed);
    source.emit('monitors', { ...toMonitorList([], 1), removed: [] });
    const { body } = await metrics.exposition();
    expect(body).not.toContain('Name of a');
    expect(sample(body, 'picket_monitor_up', { name: 'New name' })).toBe(0);
    expect(sample(body, 'picket_checks_total', { name: 'New name', result: 'up' })).toBe(0);
    source.set([]);
    source.emit('monitors', { ...toMonitorList([], 1), removed: ['a'] });
    expect((await metrics.exposition()).body).not.toContain('monitor="a"');
    metrics.close();
  });

  it('writes an exposition that promtool check metrics accepts', async () => {
    const source = fakeSource([view('a', 'up', result, { group: 'home' }), view('b', 'pending', { ...result, monitorId: 'b', status: 'down' })]);
    const metrics = new PicketMetrics(source);
    source.emit('results', [result]);
    const { body } = await metrics.exposition();
    const check = await runTool(PROMTOOL, ['check', 'metrics'], body);
    expect(check.stderr + check.stdout).toBe('');
    expect(check.code).toBe(0);
    metrics.close();
  });
});
