// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { barSegments, describeSegments, segmentKind, uptimeSegments } from '../../../renderer/src/components/UptimeBar.tsx';
import { formatLatency, formatUptime } from '../../../renderer/src/components/format.ts';
import { sparklineSegments } from '../../../renderer/src/components/Sparkline.tsx';
import type { MonitorState } from '../../../electron/shared/types.ts';
import { buildEntries, DEFAULT_QUERY, entryKeysSelector, filterAndSort, type ListQuery } from '../../../renderer/src/views/list/list-model.ts';
import { makeItem } from '../store/fixtures.ts';

const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

describe('filterAndSort', () => {
  const views = [
    makeItem('api', { name: 'API', state: 'up', latency: 300, h24: 0.99 }),
    makeItem('db', { name: 'Database', state: 'down', latency: null, h24: 0.5, type: 'tcp' }),
    makeItem('web', { name: 'website', state: 'warning', latency: 900, h24: null }),
    makeItem('old', { name: 'Archive', state: 'paused', latency: 50, h24: 1 }),
  ];

  it('puts down first by default, paused last', () => {
    expect(ids(filterAndSort(views, DEFAULT_QUERY))).toEqual(['db', 'web', 'api', 'old']);
  });

  it('sorts by name, slowest latency, lowest uptime (no data last)', () => {
    expect(ids(filterAndSort(views, { ...DEFAULT_QUERY, sort: 'name' }))).toEqual(['api', 'old', 'db', 'web']);
    expect(ids(filterAndSort(views, { ...DEFAULT_QUERY, sort: 'latency' }))).toEqual(['web', 'api', 'old', 'db']);
    expect(ids(filterAndSort(views, { ...DEFAULT_QUERY, sort: 'uptime' }))).toEqual(['db', 'api', 'old', 'web']);
  });

  it('searches name and target, case-insensitively, and filters by state', () => {
    expect(ids(filterAndSort(views, { ...DEFAULT_QUERY, search: 'WEBSITE' }))).toEqual(['web']);
    expect(ids(filterAndSort(views, { ...DEFAULT_QUERY, search: 'db.example:5432' }))).toEqual(['db']);
    expect(ids(filterAndSort(views, { ...DEFAULT_QUERY, state: 'paused' }))).toEqual(['old']);
  });
});

describe('buildEntries', () => {
  it('has no headers when nothing is grouped', () => {
    expect(buildEntries([makeItem('a'), makeItem('b')], new Set())).toEqual([
      { kind: 'monitor', id: 'a' },
      { kind: 'monitor', id: 'b' },
    ]);
  });

  it('orders groups by their best-sorted member, ungrouped last, and hides collapsed members', () => {
    const sorted = [makeItem('x', { group: 'matrix.org' }), makeItem('loose'), makeItem('y', { group: 'home' }), makeItem('z', { group: 'matrix.org' })];
    expect(buildEntries(sorted, new Set(['home']))).toEqual([
      { kind: 'group', group: 'matrix.org' },
      { kind: 'monitor', id: 'x' },
      { kind: 'monitor', id: 'z' },
      { kind: 'group', group: 'home' },
      { kind: 'group', group: '' },
      { kind: 'monitor', id: 'loose' },
    ]);
  });
});

describe('groups, down first', () => {
  it('ranks groups by their worst state, then by how many share it, then by name; ungrouped last', () => {
    const view = (id: string, group: string | undefined, state: MonitorState) => makeItem(id, { state, ...(group ? { group } : {}) });
    const views = [
      view('a1', 'all-up', 'up'),
      view('a2', 'all-up', 'up'),
      view('b1', 'one-down', 'down'),
      view('b2', 'one-down', 'up'),
      view('c1', 'three-down', 'down'),
      view('c2', 'three-down', 'down'),
      view('c3', 'three-down', 'down'),
      view('d1', 'warning', 'warning'),
      view('loose', undefined, 'down'),
    ];
    const groupsOf = (query: ListQuery) =>
      buildEntries(filterAndSort(views, query), new Set(), query.sort)
        .filter((entry) => entry.kind === 'group')
        .map((entry) => (entry.kind === 'group' ? entry.group : ''));
    expect(groupsOf(DEFAULT_QUERY)).toEqual(['three-down', 'one-down', 'warning', 'all-up', '']);
    // Other sorts follow their first member, as before.
    expect(groupsOf({ ...DEFAULT_QUERY, sort: 'name' })).toEqual(['all-up', 'one-down', 'three-down', 'warning', '']);
  });
});

describe('uptime bar beats', () => {
  const HOUR = 3_600_000;
  const now = Date.UTC(2026, 0, 10, 12, 30);
  const check = (at: number, status: 'up' | 'down' | 'warning') => ({ monitorId: 'm', status, at, latencyMs: 10, message: status });
  const hourBucket = (start: number) => ({ start, up: 1, warning: 0, down: 0, unknown: 0, latencyMin: 1, latencyMean: 1, latencyMax: 1 });

  it('shows one segment per check while the recent checks reach back to the start of the history', () => {
    const recent = [check(now - 20 * 60_000, 'up'), check(now - 10 * 60_000, 'down'), check(now - 60_000, 'warning')];
    const { segments, scale } = barSegments([hourBucket(Math.floor(now / HOUR) * HOUR)], recent, 'hour', now);
    expect(scale).toBe('check');
    expect(segments).toHaveLength(90);
    expect(segments.slice(-3).map((s) => s.kind)).toEqual(['up', 'down', 'warning']);
    expect(describeSegments(segments, scale)).toBe('Last 90 checks: 1 up, 1 warning, 1 down, 87 no data');
  });

  it('shows hours once the history is older than the recent checks', () => {
    const recent = [check(now - 60_000, 'up')];
    const { scale } = barSegments([hourBucket(Math.floor(now / HOUR) * HOUR - 5 * HOUR)], recent, 'hour', now);
    expect(scale).toBe('hour');
  });
});

describe('uptime bar segments', () => {
  const HOUR = 3_600_000;
  const bucket = (start: number, counts: Partial<Record<'up' | 'warning' | 'down' | 'unknown', number>>) => ({
    start,
    up: 0,
    warning: 0,
    down: 0,
    unknown: 0,
    latencyMin: null,
    latencyMean: null,
    latencyMax: null,
    ...counts,
  });

  it('makes 90 hourly slots ending at the current hour; a missing bucket is a gap, not down', () => {
    const now = 1000 * HOUR + 1234;
    const segments = uptimeSegments([bucket(1000 * HOUR, { up: 60 }), bucket(999 * HOUR, { up: 3, down: 1 }), bucket(998 * HOUR, { down: 60 })], 'hour', now);
    expect(segments).toHaveLength(90);
    expect(segments[0]?.start).toBe(911 * HOUR);
    expect(segments.slice(-4).map((s) => s.kind)).toEqual(['gap', 'down', 'partial', 'up']);
  });

  it('classifies buckets', () => {
    expect(segmentKind(bucket(0, { warning: 1, up: 5 }))).toBe('warning');
    expect(segmentKind(bucket(0, { unknown: 4 }))).toBe('unknown');
    expect(segmentKind(bucket(0, {}))).toBe('gap');
  });
});

describe('formatting', () => {
  it('shows no data as a dash, never as zero, and never rounds uptime up to 100%', () => {
    expect(formatLatency(null)).toBe('—');
    expect(formatLatency(42.4)).toBe('42 ms');
    expect(formatUptime(null)).toBe('—');
    expect(formatUptime(0.99999)).toBe('99.99%');
    expect(formatUptime(1)).toBe('100%');
  });

  it('breaks the sparkline at checks without an answer', () => {
    expect(sparklineSegments([10, 20, null, 30, 40], 40, 20)).toHaveLength(2);
    expect(sparklineSegments([null, null], 40, 20)).toEqual([]);
  });
});

describe('entryKeysSelector', () => {
  it('hands back the very same keys while the order holds, so the list does not re-render on a result', () => {
    const select = entryKeysSelector(DEFAULT_QUERY, new Set());
    const items = { a: makeItem('a', { name: 'A' }), b: makeItem('b', { name: 'B' }) };
    const first = select(items);
    expect(first).toEqual(['m:a', 'm:b']);
    expect(select({ ...items, a: { ...items.a, latencyMs: 99 } })).toBe(first);
    expect(select({ ...items, b: { ...items.b, state: 'down' } })).toEqual(['m:b', 'm:a']);
  });
});
