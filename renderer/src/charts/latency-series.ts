// Pure data for the latency chart: rollup buckets -> uPlot's columns, with a null wherever a bucket is missing
// (or had no answered result), so the line breaks there and is never drawn across a gap. And what the
// hover read-out says about one point: its time, mean, min–max and the phases of a check in it.
import { RESOLUTION_MS, type RollupBucket, type RollupResolution } from '../../../electron/shared/history-types.ts';
import { HOUR_MS } from '../../../electron/shared/time.ts';
import type { CheckResult, PhaseTimings } from '../../../electron/shared/types.ts';
import { latencySegments, type LatencyPoint } from './latency-path.ts';

/** uPlot's columns: x in seconds (uPlot's time unit), then mean, min and max; null is a gap. */
export type LatencyColumns = [number[], Array<number | null>, Array<number | null>, Array<number | null>];

export interface LatencySeries {
  columns: LatencyColumns;
  /** The bucket behind each x, or null for a gap marker. */
  points: Array<LatencyPoint | null>;
  stepMs: number;
}

/**
 * How far apart buckets normally are: a monitor checked every 5 minutes fills one minute bucket in five, and
 * those four empty minutes are its rhythm, not missing data. The median spacing, never less than a bucket.
 */
export function usualSpacing(buckets: readonly RollupBucket[], stepMs: number): number {
  const starts = buckets.filter((b) => b.latencyMean !== null).map((b) => b.start).sort((a, b) => a - b);
  const gaps = starts.slice(1).map((start, i) => start - (starts[i] as number)).sort((a, b) => a - b);
  return Math.max(stepMs, gaps[Math.floor(gaps.length / 2)] ?? stepMs);
}

export function latencySeries(buckets: readonly RollupBucket[], resolution: RollupResolution): LatencySeries {
  const stepMs = RESOLUTION_MS[resolution];
  const points: Array<LatencyPoint | null> = [];
  const xs: number[] = [];
  // A gap is a break in the monitor's own rhythm (a missed check or more), not an empty bucket between checks.
  const segments = latencySegments(buckets, Math.max(stepMs, usualSpacing(buckets, stepMs) * 1.5));
  segments.forEach((segment, index) => {
    for (const point of segment) {
      // Mid-bucket, so a one-bucket run is not drawn at its period's edge.
      xs.push((point.at + stepMs / 2) / 1000);
      points.push(point);
    }
    const last = segment.at(-1);
    if (index < segments.length - 1 && last) {
      xs.push((last.at + stepMs) / 1000);
      points.push(null);
    }
  });
  const column = (pick: (p: LatencyPoint) => number) => points.map((p) => (p ? pick(p) : null));
  return { columns: [xs, column((p) => p.mean), column((p) => p.min), column((p) => p.max)], points, stepMs };
}

export interface LatencyReadout {
  at: number;
  stepMs: number;
  mean: number;
  min: number;
  max: number;
  /** The phases of the last check in that period, when it is among the recent results. */
  timings?: PhaseTimings;
}

export function readoutAt(series: LatencySeries, index: number | null | undefined, recent: readonly CheckResult[]): LatencyReadout | null {
  if (index === null || index === undefined) return null;
  const point = series.points[index];
  if (!point) return null;
  const inPeriod = recent.filter((result) => result.timings && result.at >= point.at && result.at < point.at + series.stepMs);
  const timings = inPeriod.at(-1)?.timings;
  return { at: point.at, stepMs: series.stepMs, mean: point.mean, min: point.min, max: point.max, ...(timings ? { timings } : {}) };
}

/** The 24 h default shows a young monitor as a dot or two; it opens on the hour instead. */
export function isYoungHistory(buckets: readonly RollupBucket[], now: number, hourMs = HOUR_MS): boolean {
  return buckets.every((bucket) => bucket.start >= now - hourMs);
}
