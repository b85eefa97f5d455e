import { describe, expect, it } from 'vitest';
import type { RollupBucket } from '../../../electron/shared/history-types.ts';
import { isYoungHistory, latencySeries, readoutAt } from '../../../renderer/src/charts/latency-series.ts';

const MINUTE = 60_000;
const bucket = (start: number, mean: number | null): RollupBucket => ({
  start,
  up: 1,
  warning: 0,
  down: 0,
  unknown: 0,
  latencyMin: mean === null ? null : mean - 5,
  latencyMean: mean,
  latencyMax: mean === null ? null : mean + 5,
});

describe('latencySeries', () => {
  it('gives uPlot mid-bucket times in seconds and a null between runs, so the line breaks at a gap', () => {
    const series = latencySeries([bucket(0, 40), bucket(MINUTE, 42), bucket(2 * MINUTE, 44), bucket(6 * MINUTE, 50)], 'minute');
    expect(series.columns).toEqual([
      [30, 90, 150, 180, 390],
      [40, 42, 44, null, 50],
      [35, 37, 39, null, 45],
      [45, 47, 49, null, 55],
    ]);
  });

  it("breaks only at a break in the monitor's own rhythm: checks every 5 minutes are one line, a missed check is a gap", () => {
    const every5 = [0, 5, 10, 15, 20, 35, 40].map((m) => bucket(m * MINUTE, 40));
    const series = latencySeries(every5, 'minute');
    expect(series.columns[1]).toEqual([40, 40, 40, 40, 40, null, 40, 40]);
  });

  it('reads out the hovered period: time, mean, min–max and the phases of the last check in it', () => {
    const series = latencySeries([bucket(0, 40), bucket(MINUTE, 42)], 'minute');
    const timings = { dnsMs: 1, connectMs: 2, tlsMs: 3, firstByteMs: 4, totalMs: 12 };
    const recent = [
      { monitorId: 'm', status: 'up' as const, at: MINUTE + 5_000, latencyMs: 40, message: 'ok', timings: { ...timings, dnsMs: 9 } },
      { monitorId: 'm', status: 'up' as const, at: MINUTE + 50_000, latencyMs: 44, message: 'ok', timings },
    ];
    expect(readoutAt(series, 1, recent)).toEqual({ at: MINUTE, stepMs: MINUTE, mean: 42, min: 37, max: 47, timings });
    expect(readoutAt(series, 0, recent)).toEqual({ at: 0, stepMs: MINUTE, mean: 40, min: 35, max: 45 });
    expect(readoutAt(series, null, recent)).toBeNull();
  });

  it('calls a history young when all of it fits in the last hour', () => {
    const now = 10 * 60 * MINUTE;
    expect(isYoungHistory([bucket(now - 30 * MINUTE, 1)], now)).toBe(true);
    expect(isYoungHistory([], now)).toBe(true);
    expect(isYoungHistory([bucket(now - 90 * MINUTE, 1), bucket(now - MINUTE, 1)], now)).toBe(false);
  });
});
