import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HistoryStore } from '../../../electron/core/history/history-store.ts';
import { historyHarness, makeResult } from './history-fixtures.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../electron/shared/time.ts';

const T = Date.UTC(2026, 5, 15, 12, 0, 0);
const harness = historyHarness();
const setup = (start = T) => harness.setup(start);

describe('HistoryStore rollups', () => {
  it('buckets results by UTC minute, hour and day, before and after they reach disk', async () => {
    const { open } = await setup();
    const store = await open();
    store.record(makeResult('m', T - 90_000, 'up', 10), 'up'); // 11:58:30
    store.record(makeResult('m', T - 1, 'down'), 'down'); // 11:59:59.999
    store.record(makeResult('m', T, 'warning', 50), 'warning'); // 12:00:00
    store.record(makeResult('m', T + 1000, 'up', 30), 'up');
    store.record(makeResult('other', T, 'down'), 'down');

    const expectBuckets = async (s: HistoryStore) => {
      expect(await s.rollups('m', 'minute', T - HOUR_MS, T + HOUR_MS)).toEqual([
        { start: T - 2 * MINUTE_MS, up: 1, warning: 0, down: 0, unknown: 0, latencyMin: 10, latencyMean: 10, latencyMax: 10 },
        { start: T - MINUTE_MS, up: 0, warning: 0, down: 1, unknown: 0, latencyMin: null, latencyMean: null, latencyMax: null },
        { start: T, up: 1, warning: 1, down: 0, unknown: 0, latencyMin: 30, latencyMean: 40, latencyMax: 50 },
      ]);
      expect((await s.rollups('m', 'hour', T - DAY_MS, T + DAY_MS)).map((b) => [b.start, b.up, b.warning, b.down])).toEqual([
        [T - HOUR_MS, 1, 0, 1],
        [T, 1, 1, 0],
      ]);
      expect(await s.rollups('m', 'day', T - DAY_MS, T + DAY_MS)).toEqual([
        { start: Date.UTC(2026, 5, 15), up: 2, warning: 1, down: 1, unknown: 0, latencyMin: 10, latencyMean: 30, latencyMax: 50 },
      ]);
      // from is floored to its bucket; to is inclusive of bucket starts.
      expect((await s.rollups('m', 'minute', T - 1, T)).map((b) => b.start)).toEqual([T - MINUTE_MS, T]);
    };
    await expectBuckets(store);
    await store.flush(); // the 11:58 and 11:59 minutes and the 11:00 hour have ended: appended to disk
    await expectBuckets(store);
    await store.close();
    await expectBuckets(await open());
  });

  it('a late result adds a delta to a bucket already written, and both are summed', async () => {
    const { clock, open } = await setup();
    const store = await open();
    store.record(makeResult('m', T - 30_000, 'up', 10), 'up');
    clock.advance(MINUTE_MS);
    await store.flush();
    store.record(makeResult('m', T - 20_000, 'down'), 'down');
    await store.close();
    const reopened = await open();
    expect(await reopened.rollups('m', 'minute', T - MINUTE_MS, T - 1)).toMatchObject([{ start: T - MINUTE_MS, up: 1, down: 1 }]);
  });
});

describe('HistoryStore uptime', () => {
  it('answers 24 h, 7 d, 30 d and 365 d from rollups, with unknown excluded and gaps as no data', async () => {
    const { open } = await setup();
    const store = await open();
    const put = (monitorId: string, at: number, outcome: 'up' | 'down' | 'unknown', n: number) => {
      for (let i = 0; i < n; i++) store.record(makeResult(monitorId, at + i * 1000, outcome), outcome);
    };
    put('a', T - 2 * HOUR_MS, 'up', 3);
    put('a', T - 2 * HOUR_MS, 'down', 1);
    put('a', T - 3 * DAY_MS, 'down', 2);
    put('a', T - 20 * DAY_MS, 'up', 4);
    put('a', T - 20 * DAY_MS, 'unknown', 4);
    put('a', T - 200 * DAY_MS, 'down', 4);
    put('asleep', T - HOUR_MS, 'unknown', 5);
    put('quiet-today', T - 2 * DAY_MS, 'up', 2);

    const expectUptime = (s: HistoryStore) => {
      expect(s.uptimeSummary('a')).toEqual({ h24: 0.75, d7: 0.5, d30: 0.7, d365: 0.5 });
      expect(s.uptime('a', 365 * DAY_MS)).toEqual({ ratio: 0.5, up: 7, down: 7, warning: 0, unknown: 4 });
      expect(s.uptimeSummary('asleep')).toEqual({ h24: null, d7: null, d30: null, d365: null });
      expect(s.uptime('asleep', DAY_MS)).toEqual({ ratio: null, up: 0, down: 0, warning: 0, unknown: 5 });
      // A day without results is a gap, not downtime.
      expect(s.uptimeSummary('quiet-today')).toEqual({ h24: null, d7: 1, d30: 1, d365: 1 });
      expect(s.uptimeSummary('never-seen')).toEqual({ h24: null, d7: null, d30: null, d365: null });
      // An explicit now moves the window: 170 days on, the 200-day-old downs have left the year.
      expect(s.uptime('a', 365 * DAY_MS, T + 170 * DAY_MS)).toMatchObject({ up: 7, down: 3 });
    };
    expectUptime(store);
    await store.close();
    expectUptime(await open());
  });

  it('rejects a window that is not a positive duration', async () => {
    const { open } = await setup();
    const store = await open();
    expect(() => store.uptime('a', 0)).toThrow(/windowMs/);
  });
});

describe('HistoryStore recent results', () => {
  it('keeps at least the last 100 per monitor, across reopen, from the snapshot or the day segments', async () => {
    const { dir, clock, open } = await setup(Date.UTC(2026, 5, 14, 23, 0));
    const store = await open();
    for (let i = 0; i < 80; i++) store.record(makeResult('m', clock.now() - (80 - i) * 1000, 'up'), 'up');
    await store.flush(); // into yesterday's segment
    clock.set(Date.UTC(2026, 5, 15, 1, 0));
    for (let i = 0; i < 70; i++) store.record(makeResult('m', clock.now() - (70 - i) * 1000, i % 2 ? 'up' : 'down'), i % 2 ? 'up' : 'down');
    const expected = store.recent('m').map((r) => r.at);
    expect(expected).toHaveLength(100);
    expect(expected).toEqual([...expected].sort((a, b) => a - b));
    expect(store.recent('m', 3).map((r) => r.at)).toEqual(expected.slice(-3));
    await store.close();
    // Yesterday's segment is closed and checkpointed, so it was gzipped; recent() below reads it back either way.
    expect((await readdir(join(dir, 'results'))).sort()).toEqual(['2026-06-14.ndjson.gz', '2026-06-15.ndjson']);

    const reopened = await open();
    expect(reopened.recent('m').map((r) => r.at)).toEqual(expected);
    await reopened.close();

    await rm(join(dir, 'state', 'recent.json'));
    const fromSegments = await open();
    expect(fromSegments.recent('m').map((r) => r.at)).toEqual(expected);
    expect(fromSegments.recent('unknown-monitor')).toEqual([]);
  });

  it('results() reads raw results from disk and from what is not flushed yet', async () => {
    const { open } = await setup();
    const store = await open({ flushIntervalMs: 60_000 });
    for (let i = 0; i < 10; i++) store.record(makeResult('m', T - 10_000 + i * 1000, 'up'), 'up');
    store.record(makeResult('x', T, 'up'), 'up');
    await store.flush();
    store.record(makeResult('m', T + 1000, 'down'), 'down');
    const all = await store.results('m', 0, Number.POSITIVE_INFINITY);
    expect(all.map((r) => r.at)).toEqual([...Array.from({ length: 10 }, (_, i) => T - 10_000 + i * 1000), T + 1000]);
    expect(all.every((r) => r.monitorId === 'm')).toBe(true);
    expect((await store.results('m', T - 2000, T)).map((r) => r.at)).toEqual([T - 2000, T - 1000]);
    expect(all.at(-1)).toEqual(makeResult('m', T + 1000, 'down'));
  });
});

describe('HistoryStore incidents', () => {
  it('opens, closes and persists incidents across reopen', async () => {
    const { open } = await setup();
    const store = await open();
    store.openIncident({ monitorId: 'a', start: T - 5000, firstError: 'connection refused' });
    store.openIncident({ monitorId: 'b', start: T - 4000, firstError: 'timeout' });
    store.closeIncident('a', T);
    store.closeIncident('a', T + 99); // nothing open: ignored
    expect(store.incidents('a')).toEqual([{ monitorId: 'a', start: T - 5000, end: T, durationMs: 5000, firstError: 'connection refused' }]);
    expect(store.incidents().map((i) => i.monitorId)).toEqual(['a', 'b']);
    await store.close();

    const reopened = await open();
    expect(reopened.incidents()).toEqual(store.incidents());
    reopened.closeIncident('b', T + 6000);
    // Opening while one is open closes the old one where the new one starts.
    reopened.openIncident({ monitorId: 'a', start: T + 10_000, firstError: '503' });
    reopened.openIncident({ monitorId: 'a', start: T + 20_000, firstError: '500' });
    await reopened.close();

    const third = await open();
    expect(third.incidents('b')).toEqual([{ monitorId: 'b', start: T - 4000, end: T + 6000, durationMs: 10_000, firstError: 'timeout' }]);
    expect(third.incidents('a').map((i) => [i.start, i.end])).toEqual([
      [T - 5000, T],
      [T + 10_000, T + 20_000],
      [T + 20_000, undefined],
    ]);
  });

  it('rejects a malformed incident, naming the field', async () => {
    const { open } = await setup();
    const store = await open();
    expect(() => store.openIncident({ monitorId: '', start: T, firstError: 'x' })).toThrow(/incident\.monitorId/);
    expect(() => store.openIncident({ monitorId: 'a', start: Number.NaN, firstError: 'x' })).toThrow(/incident\.start/);
  });
});

describe('HistoryStore retention', () => {
  it('deletes whole segments older than the retention at open and once a day, and keeps the rest', async () => {
    const { dir, clock, open } = await setup(Date.UTC(2026, 5, 15, 12));
    await mkdir(join(dir, 'results'), { recursive: true });
    await mkdir(join(dir, 'rollups'), { recursive: true });
    const files = {
      results: ['2026-06-10.ndjson', '2026-06-12.ndjson', '2026-06-13.ndjson', '2026-06-14.ndjson', '2026-06-15.ndjson'],
      rollups: [
        'minute-2026-06-07.ndjson',
        'minute-2026-06-09.ndjson',
        'hour-2025-05.ndjson',
        'hour-2025-06.ndjson',
        'day-2024.ndjson',
        'day-2025.ndjson',
        'notes.txt',
      ],
    };
    for (const [sub, names] of Object.entries(files)) for (const name of names) await writeFile(join(dir, sub, name), '');
    const store = await open({ rawRetentionDays: 2, rollupRetentionDays: 365 });
    // Raw: 2 days back from 06-15 12:00 is 06-13 12:00, so 06-13 is partly inside. Minute: 7 days.
    expect((await readdir(join(dir, 'results'))).sort()).toEqual(['2026-06-13.ndjson', '2026-06-14.ndjson', '2026-06-15.ndjson']);
    expect((await readdir(join(dir, 'rollups'))).sort()).toEqual(['day-2025.ndjson', 'hour-2025-06.ndjson', 'minute-2026-06-09.ndjson', 'notes.txt']);

    clock.advance(DAY_MS);
    await store.flush();
    expect((await readdir(join(dir, 'results'))).sort()).toEqual(['2026-06-14.ndjson', '2026-06-15.ndjson']);
    expect(await readdir(join(dir, 'rollups'))).toContain('minute-2026-06-09.ndjson');
    clock.advance(DAY_MS);
    await store.flush();
    expect(await readdir(join(dir, 'rollups'))).not.toContain('minute-2026-06-09.ndjson');
  });
});

describe('HistoryStore input checks', () => {
  it('names the bad field', async () => {
    const { dir, open } = await setup();
    await expect(HistoryStore.open(dir, { rawRetentionDays: 0 })).rejects.toThrow(/rawRetentionDays/);
    await expect(HistoryStore.open(dir, { flushIntervalMs: -1 })).rejects.toThrow(/flushIntervalMs/);
    const store = await open();
    expect(() => store.record({ ...makeResult('m', T, 'up'), monitorId: '' }, 'up')).toThrow(/result\.monitorId/);
    expect(() => store.record({ ...makeResult('m', T, 'up'), at: Number.NaN }, 'up')).toThrow(/result\.at/);
    expect(() => store.record(makeResult('m', T, 'up'), 'fine' as 'up')).toThrow(/outcome/);
    await expect(store.rollups('m', 'week' as 'day', 0, 1)).rejects.toThrow(/resolution/);
    await store.close();
    expect(() => store.record(makeResult('m', T, 'up'), 'up')).toThrow(/closed/);
  });

  it('removeMonitor forgets a monitor in memory', async () => {
    const { open } = await setup();
    const store = await open();
    store.record(makeResult('gone', T - HOUR_MS, 'up'), 'up');
    store.openIncident({ monitorId: 'gone', start: T, firstError: 'x' });
    store.removeMonitor('gone');
    expect(store.recent('gone')).toEqual([]);
    expect(store.uptime('gone', DAY_MS).ratio).toBeNull();
    expect(store.incidents('gone')).toEqual([]);
    expect(await store.rollups('gone', 'minute', 0, T)).toEqual([]);
  });
});

describe('HistoryStore on a quiet machine', () => {
  it('keeps no timer while nothing is pending, and one while a result waits to be written', async () => {
    const { open } = await setup();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const store = await open({ flushIntervalMs: 20 });
      expect(vi.getTimerCount()).toBe(0);
      store.record(makeResult('m', T, 'up'), 'up');
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(20);
      expect(vi.getTimerCount()).toBe(0);
      await store.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes a result after a quiet stretch at once, with no timer of its own, and paces bursts', async () => {
    const { open } = await setup();
    let monotonic = 0;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const store = await open({ flushIntervalMs: 1_000, monotonicNow: () => monotonic });
      monotonic = 5_000;
      store.record(makeResult('m', T, 'up'), 'up');
      expect(vi.getTimerCount()).toBe(0);
      await new Promise((resolve) => setImmediate(resolve));
      await vi.waitFor(() => expect(store.pendingResults()).toBe(0));
      // A second result inside the interval waits for the rest of it.
      monotonic = 5_400;
      store.record(makeResult('m', T + 400, 'up'), 'up');
      expect(vi.getTimerCount()).toBe(1);
      expect(store.pendingResults()).toBe(1);
      monotonic = 6_000;
      await vi.advanceTimersByTimeAsync(600);
      await vi.waitFor(() => expect(store.pendingResults()).toBe(0));
      await store.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
