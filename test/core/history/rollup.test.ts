import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketSeries } from '../../../electron/core/history/bucket-series.ts';
import { RecentResults } from '../../../electron/core/history/recent-results.ts';
import {
  addOutcome,
  decodeRollupRow,
  emptyAccumulator,
  encodeRollupRow,
  mergeAccumulator,
  toRollupBucket,
} from '../../../electron/core/history/rollup.ts';
import {
  bucketStart,
  rollupSegmentName,
  rollupSegmentsInRange,
  segmentSpan,
  utcDayKey,
} from '../../../electron/core/history/time-buckets.ts';
import { uptimeReport } from '../../../electron/core/history/uptime.ts';
import type { ResultOutcome } from '../../../electron/shared/history-types.ts';
import { makeResult } from './history-fixtures.ts';
import { DAY_MS, HOUR_MS } from '../../../electron/shared/time.ts';

describe('rollup math', () => {
  it('counts each outcome and takes latency min, mean and max over accepted answers only', () => {
    const acc = emptyAccumulator(0);
    addOutcome(acc, 'up', 10);
    addOutcome(acc, 'up', 30);
    addOutcome(acc, 'warning', 80);
    addOutcome(acc, 'down', 2); // a fast refusal must not flatter the latency
    addOutcome(acc, 'unknown', null);
    addOutcome(acc, 'up', null);
    expect(toRollupBucket(acc)).toEqual({
      start: 0,
      up: 3,
      warning: 1,
      down: 1,
      unknown: 1,
      latencyMin: 10,
      latencyMean: 40,
      latencyMax: 80,
    });
  });

  it('a bucket with no latency has null min, mean and max', () => {
    const acc = emptyAccumulator(5);
    addOutcome(acc, 'down', null);
    expect(toRollupBucket(acc)).toMatchObject({ down: 1, latencyMin: null, latencyMean: null, latencyMax: null });
  });

  it('merging deltas in any split gives the same bucket as adding every result to one', () => {
    const outcome = fc.constantFrom<ResultOutcome>('up', 'warning', 'down', 'unknown');
    const sample = fc.tuple(outcome, fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }));
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 60 }), fc.array(fc.nat({ max: 59 }), { maxLength: 5 }), (samples, cuts) => {
        const whole = emptyAccumulator(0);
        for (const [o, l] of samples) addOutcome(whole, o, l);
        const edges = [...new Set([0, ...cuts.map((c) => Math.min(c, samples.length)), samples.length])].sort((a, b) => a - b);
        const merged = emptyAccumulator(0);
        for (let i = 0; i + 1 < edges.length; i++) {
          const delta = emptyAccumulator(0);
          for (const [o, l] of samples.slice(edges[i], edges[i + 1])) addOutcome(delta, o, l);
          // Deltas go through their on-disk form, as they do in the store.
          const decoded = decodeRollupRow(JSON.parse(encodeRollupRow('m', delta)));
          expect(decoded).not.toBeNull();
          if (decoded) mergeAccumulator(merged, decoded.acc);
        }
        expect(merged).toEqual(whole);
      }),
    );
  });

  it('rejects malformed rows instead of miscounting them', () => {
    expect(decodeRollupRow(['m', 0, 1, 0, 0, 0, 0, 0, null, null])).not.toBeNull();
    expect(decodeRollupRow(['m', 0, -1, 0, 0, 0, 0, 0, null, null])).toBeNull();
    expect(decodeRollupRow(['m', 0, 1, 0, 0])).toBeNull();
    expect(decodeRollupRow({ m: 'm' })).toBeNull();
    expect(decodeRollupRow([1, 0, 1, 0, 0, 0, 0, 0, null, null])).toBeNull();
  });
});

describe('bucket boundaries (UTC)', () => {
  const t = Date.UTC(2026, 2, 29, 23, 59, 59, 999); // the last instant of a day (and a DST night in Europe)

  it('floors to the UTC minute, hour and day', () => {
    expect(bucketStart('minute', t)).toBe(Date.UTC(2026, 2, 29, 23, 59));
    expect(bucketStart('hour', t)).toBe(Date.UTC(2026, 2, 29, 23));
    expect(bucketStart('day', t)).toBe(Date.UTC(2026, 2, 29));
    expect(bucketStart('day', t + 1)).toBe(Date.UTC(2026, 2, 30));
    expect(bucketStart('minute', Date.UTC(2026, 2, 29, 12, 0))).toBe(Date.UTC(2026, 2, 29, 12, 0));
  });

  it('names segments by UTC day, month and year and reads their spans back', () => {
    expect(utcDayKey(t)).toBe('2026-03-29');
    expect(rollupSegmentName('minute', t)).toBe('minute-2026-03-29.ndjson');
    expect(rollupSegmentName('hour', t)).toBe('hour-2026-03.ndjson');
    expect(rollupSegmentName('day', t)).toBe('day-2026.ndjson');
    expect(segmentSpan('hour-2026-12.ndjson')).toEqual({ kind: 'hour', start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1) });
    expect(segmentSpan('2026-03-29.ndjson')).toEqual({ kind: 'raw', start: Date.UTC(2026, 2, 29), end: Date.UTC(2026, 2, 30) });
    expect(segmentSpan('day-2025.ndjson')).toEqual({ kind: 'day', start: Date.UTC(2025, 0, 1), end: Date.UTC(2026, 0, 1) });
    expect(segmentSpan('checkpoint.json')).toBeNull();
  });

  it('lists the segments a range touches', () => {
    expect(rollupSegmentsInRange('hour', Date.UTC(2025, 10, 20), Date.UTC(2026, 0, 2))).toEqual([
      'hour-2025-11.ndjson',
      'hour-2025-12.ndjson',
      'hour-2026-01.ndjson',
    ]);
    expect(rollupSegmentsInRange('day', Date.UTC(2025, 5, 1), Date.UTC(2026, 0, 1))).toEqual(['day-2025.ndjson', 'day-2026.ndjson']);
  });
});

describe('BucketSeries', () => {
  it('sums the buckets overlapping a window and forgets what falls out of its capacity', () => {
    const series = new BucketSeries(HOUR_MS, 24);
    const base = Date.UTC(2026, 0, 10);
    series.add(base, { up: 1, warning: 0, down: 0, unknown: 0 });
    series.add(base + HOUR_MS, { up: 0, warning: 1, down: 2, unknown: 3 });
    series.add(base + HOUR_MS, { up: 1, warning: 0, down: 0, unknown: 0 });
    expect(series.sum(base, base + 2 * HOUR_MS)).toEqual({ up: 2, warning: 1, down: 2, unknown: 3 });
    expect(series.sum(base + HOUR_MS + 1, base + 2 * HOUR_MS)).toEqual({ up: 1, warning: 1, down: 2, unknown: 3 });
    // 24 hours later the first hour's slot is reused.
    series.add(base + 24 * HOUR_MS, { up: 0, warning: 0, down: 5, unknown: 0 });
    expect(series.sum(base - DAY_MS, base + 24 * HOUR_MS)).toEqual({ up: 1, warning: 1, down: 7, unknown: 3 });
    // An hour older than what a slot holds is beyond the capacity and ignored.
    series.add(base, { up: 9, warning: 0, down: 0, unknown: 0 });
    expect(series.sum(base, base)).toEqual({ up: 0, warning: 0, down: 0, unknown: 0 });
  });
});

describe('uptimeReport', () => {
  it('excludes unknown and reports no data as null', () => {
    expect(uptimeReport({ up: 3, warning: 1, down: 4, unknown: 100 }).ratio).toBe(0.5);
    expect(uptimeReport({ up: 0, warning: 0, down: 0, unknown: 7 }).ratio).toBeNull();
    expect(uptimeReport({ up: 0, warning: 0, down: 2, unknown: 0 }).ratio).toBe(0);
  });
});

describe('RecentResults', () => {
  it('keeps the newest N, newest last', () => {
    const ring = new RecentResults(3);
    for (let i = 1; i <= 5; i++) ring.push(makeResult('m', i, 'up'));
    expect(ring.list().map((r) => r.at)).toEqual([3, 4, 5]);
    expect(ring.list(2).map((r) => r.at)).toEqual([4, 5]);
    expect(ring.list(10).map((r) => r.at)).toEqual([3, 4, 5]);
  });
});
