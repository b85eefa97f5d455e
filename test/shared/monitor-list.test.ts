import { describe, expect, it } from 'vitest';
import { parseMonitor } from '../../electron/shared/config-validation.ts';
import type { MonitorView } from '../../electron/shared/contract.ts';
import { fromMonitorList, listItemOf, MONITOR_LIST_FIELDS, toMonitorList, type MonitorList } from '../../electron/shared/monitor-list.ts';

/** A monitor as `picket serve` holds it after an import: every default filled in, checked once. */
function view(i: number): MonitorView {
  const monitor = parseMonitor({
    id: `m${i}`,
    name: `Monitor ${i}`,
    group: `group ${i % 20}`,
    type: 'http',
    url: `http://127.0.0.1:43127/_matrix/client/versions?m=${i}`,
    keyword: 'versions',
    headers: { 'user-agent': 'picket' },
  });
  return {
    monitor,
    state: 'up',
    lastResult: { monitorId: monitor.id, status: 'up', at: 1_700_000_000_000, latencyMs: 12.345678, message: '200 OK in 12 ms', statusCode: 200, timings: { dnsMs: 0.1, connectMs: 0.5, firstByteMs: 11.2, totalMs: 12.3 } },
    uptime: { h24: 0.99930555555, d7: 0.9999, d30: 0.99987654321, d365: null },
    muted: false,
  };
}

describe('the monitor list', () => {
  it('is at most 150 KB of JSON at 1,000 monitors, each with a result', () => {
    const list = toMonitorList(Array.from({ length: 1000 }, (_, i) => listItemOf(view(i))), 0);
    expect(Buffer.byteLength(JSON.stringify(list))).toBeLessThanOrEqual(150 * 1024);
  });

  it('carries what a row shows, in the figures a row shows them', () => {
    const down: MonitorView = { ...view(1), state: 'down', muted: true, lastResult: { monitorId: 'm1', status: 'down', at: 1, latencyMs: null, message: 'connection refused', failureKind: 'refused' } };
    expect(listItemOf(view(7))).toEqual({
      id: 'm7',
      name: 'Monitor 7',
      type: 'http',
      target: 'http://127.0.0.1:43127/_matrix/client/versions?m=7',
      group: 'group 7',
      state: 'up',
      latencyMs: 12,
      problem: null,
      uptime24h: 0.999305,
      uptime30d: 0.999876,
      paused: false,
      muted: false,
      host: '127.0.0.1',
    });
    expect(listItemOf(down)).toEqual(expect.objectContaining({ state: 'down', latencyMs: null, problem: 'connection refused', muted: true }));
  });

  it('reads a table by its header, so columns a newer engine adds are ignored and a missing one reads as null', () => {
    const item = listItemOf(view(3));
    expect(fromMonitorList(toMonitorList([item], 0))).toEqual([item]);
    const reordered = { fields: ['name', 'id', 'colour'], rows: [['Monitor 3', 'm3', 'teal']] } as unknown as MonitorList;
    expect(fromMonitorList(reordered)[0]).toEqual(expect.objectContaining({ id: 'm3', name: 'Monitor 3', state: null }));
    expect(Object.keys(fromMonitorList(reordered)[0] ?? {})).toEqual([...MONITOR_LIST_FIELDS]);
  });

});
