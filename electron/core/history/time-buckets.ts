// UTC bucket boundaries and the segment file each bucket or result lives in.
// Epoch 0 is a UTC midnight, so flooring epoch milliseconds gives UTC minutes, hours and days.
import { RESOLUTION_MS, type RollupResolution } from '../../shared/history-types.ts';
import { DAY_MS } from '../../shared/time.ts';

export const RESOLUTIONS: readonly RollupResolution[] = ['minute', 'hour', 'day'];


/** Dates outside this range make Date throw; callers may pass Infinity for "no bound". */
const MAX_DATE_MS = 8.64e15;

export function clampTime(t: number): number {
  if (Number.isNaN(t)) return 0;
  return Math.min(MAX_DATE_MS, Math.max(-MAX_DATE_MS, t));
}

export function bucketStart(resolution: RollupResolution, at: number): number {
  const size = RESOLUTION_MS[resolution];
  return Math.floor(at / size) * size;
}

export function bucketEnd(resolution: RollupResolution, start: number): number {
  return start + RESOLUTION_MS[resolution];
}

/** "YYYY-MM-DD" of the UTC day containing t. */
export function utcDayKey(t: number): string {
  return new Date(clampTime(t)).toISOString().slice(0, 10);
}

/** Raw results are segmented by the UTC day they were written. */
export function rawSegmentName(dayKey: string): string {
  return `${dayKey}.ndjson`;
}

/** A closed raw segment, gzipped (see raw-compression.ts). */
export const COMPRESSED_SUFFIX = '.gz';

/** minute rollups per UTC day, hour rollups per UTC month, day rollups per UTC year: files stay small enough to read whole. */
export function rollupSegmentName(resolution: RollupResolution, start: number): string {
  const iso = new Date(clampTime(start)).toISOString();
  switch (resolution) {
    case 'minute':
      return `minute-${iso.slice(0, 10)}.ndjson`;
    case 'hour':
      return `hour-${iso.slice(0, 7)}.ndjson`;
    case 'day':
      return `day-${iso.slice(0, 4)}.ndjson`;
  }
}

/** Start of the period after the segment that holds t. */
function nextSegmentStart(resolution: RollupResolution, t: number): number {
  const d = new Date(clampTime(t));
  switch (resolution) {
    case 'minute':
      return bucketStart('day', t) + DAY_MS;
    case 'hour':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    case 'day':
      return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  }
}

/** Names of the rollup segments that may hold buckets starting in [from, to]. */
export function rollupSegmentsInRange(resolution: RollupResolution, from: number, to: number): string[] {
  const names: string[] = [];
  let t = clampTime(from);
  const end = clampTime(to);
  while (t <= end) {
    names.push(rollupSegmentName(resolution, t));
    t = nextSegmentStart(resolution, t);
  }
  return names;
}

export interface SegmentSpan {
  kind: 'raw' | RollupResolution;
  start: number;
  end: number;
}

/** The time span a segment file covers, from its name; null for files that are not segments. */
export function segmentSpan(name: string): SegmentSpan | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})\.ndjson(?:\.gz)?$/.exec(name);
  if (m) return daySpan('raw', m);
  m = /^minute-(\d{4})-(\d{2})-(\d{2})\.ndjson$/.exec(name);
  if (m) return daySpan('minute', m);
  m = /^hour-(\d{4})-(\d{2})\.ndjson$/.exec(name);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { kind: 'hour', start: Date.UTC(y, mo - 1, 1), end: Date.UTC(y, mo, 1) };
  }
  m = /^day-(\d{4})\.ndjson$/.exec(name);
  if (m) {
    const y = Number(m[1]);
    return { kind: 'day', start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
  }
  return null;
}

function daySpan(kind: 'raw' | 'minute', m: RegExpExecArray): SegmentSpan {
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return { kind, start, end: start + DAY_MS };
}
