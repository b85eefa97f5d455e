// Pure geometry for the latency chart: rollup buckets -> SVG path data, with a gap wherever a bucket is
// missing (or had no answered result). The line is broken there, never interpolated: a gap means "no data".
import type { RollupBucket, RollupResolution } from '../../../electron/shared/history-types.ts';

export const RESOLUTION_MS: Record<RollupResolution, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

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

export interface ChartScale {
  x: (at: number) => number;
  y: (ms: number) => number;
}

export function linearScale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

const round = (n: number): string => (Math.round(n * 10) / 10).toString();

/** One "M ... L ..." subpath per segment: the breaks between subpaths are the gaps. */
export function meanLinePath(segments: readonly LatencyPoint[][], scale: ChartScale): string {
  return segments
    .map((segment) => segment.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(scale.x(p.at))} ${round(scale.y(p.mean))}`).join(' '))
    .join(' ');
}

/** A closed min-max polygon per segment (along max, back along min). */
export function bandPath(segments: readonly LatencyPoint[][], scale: ChartScale): string {
  return segments
    .filter((segment) => segment.length > 1)
    .map((segment) => {
      const top = segment.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(scale.x(p.at))} ${round(scale.y(p.max))}`);
      const bottom = [...segment].reverse().map((p) => `L${round(scale.x(p.at))} ${round(scale.y(p.min))}`);
      return `${top.join(' ')} ${bottom.join(' ')} Z`;
    })
    .join(' ');
}

/** A round upper bound for the y axis (1, 2, 5 x 10^n), so gridline labels read cleanly. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}
