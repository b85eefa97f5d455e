// Rollup buckets -> runs of latency points, with a new run wherever a bucket is missing (or had no answered
// result): the chart breaks its line there, never interpolates, because a gap means "no data".
import type { RollupBucket } from '../../../electron/shared/history-types.ts';

export interface LatencyPoint {
  /** Bucket start, epoch ms. */
  at: number;
  min: number;
  mean: number;
  max: number;
}

/** Runs of consecutive buckets with a latency; a missing period starts a new run. */
export function latencySegments(buckets: readonly RollupBucket[], stepMs: number): LatencyPoint[][] {
  const segments: LatencyPoint[][] = [];
  let current: LatencyPoint[] = [];
  let previousStart: number | null = null;
  const sorted = [...buckets].sort((a, b) => a.start - b.start);
  for (const bucket of sorted) {
    const contiguous = previousStart !== null && bucket.start - previousStart <= stepMs;
    previousStart = bucket.start;
    if (bucket.latencyMean === null) {
      // A bucket of only failures has no latency: it is a gap in the line, like a missing bucket.
      if (current.length > 0) segments.push(current);
      current = [];
      continue;
    }
    if (!contiguous && current.length > 0) {
      segments.push(current);
      current = [];
    }
    current.push({
      at: bucket.start,
      mean: bucket.latencyMean,
      min: bucket.latencyMin ?? bucket.latencyMean,
      max: bucket.latencyMax ?? bucket.latencyMean,
    });
  }
  if (current.length > 0) segments.push(current);
  return segments;
}
