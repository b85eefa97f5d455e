// The last 90 hours (or days) as 90 segments. A period without results is drawn as an empty slot, never
// as red: no data is not downtime (the machine slept, or the monitor did not exist yet).
import type { RollupBucket } from '../../../electron/shared/history-types.ts';
import { DAY_MS, HOUR_MS } from '../../../electron/shared/time.ts';
import type { CheckResult } from '../../../electron/shared/types.ts';
import './components.css';

export type BarUnit = 'hour' | 'day';
/** What one segment stands for: a period, or (while history is young) one check, as Uptime Kuma's beats. */
export type BarScale = BarUnit | 'check';
export type SegmentKind = 'up' | 'warning' | 'partial' | 'down' | 'unknown' | 'gap';

export interface Segment {
  /** Epoch ms, start of the UTC hour or day. */
  start: number;
  kind: SegmentKind;
}

export const SEGMENT_COUNT = 90;
const UNIT_MS: Record<BarUnit, number> = { hour: HOUR_MS, day: DAY_MS };

export function segmentKind(bucket: RollupBucket | undefined): SegmentKind {
  if (!bucket) return 'gap';
  const answered = bucket.up + bucket.warning;
  if (bucket.down > 0) return answered > 0 ? 'partial' : 'down';
  if (bucket.warning > 0) return 'warning';
  if (bucket.up > 0) return 'up';
  return bucket.unknown > 0 ? 'unknown' : 'gap';
}

/** The last `count` UTC periods up to and including the current one, oldest first. */
export function uptimeSegments(buckets: readonly RollupBucket[], unit: BarUnit, now: number, count = SEGMENT_COUNT): Segment[] {
  const size = UNIT_MS[unit];
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  const current = Math.floor(now / size) * size;
  return Array.from({ length: count }, (_, i) => {
    const start = current - (count - 1 - i) * size;
    return { start, kind: segmentKind(byStart.get(start)) };
  });
}

/** One segment per check, newest last; the bar's left is empty until there are `count` checks. */
export function beatSegments(recent: readonly CheckResult[], count = SEGMENT_COUNT): Segment[] {
  const beats = recent.slice(-count).map((result): Segment => ({ start: result.at, kind: result.status === 'down' ? 'down' : result.status }));
  const padding = Array.from({ length: count - beats.length }, (_, i): Segment => ({ start: -1 - i, kind: 'gap' }));
  return [...padding, ...beats];
}

/**
 * Periods once the history reaches back further than the recent checks; until then the checks themselves,
 * which show all there is instead of 87 empty hours and a sliver.
 */
export function barSegments(buckets: readonly RollupBucket[], recent: readonly CheckResult[], unit: BarUnit, now: number): { segments: Segment[]; scale: BarScale } {
  const oldestCheck = recent[0]?.at;
  const size = UNIT_MS[unit];
  const young = oldestCheck !== undefined && buckets.every((bucket) => bucket.start >= Math.floor(oldestCheck / size) * size);
  return young ? { segments: beatSegments(recent), scale: 'check' } : { segments: uptimeSegments(buckets, unit, now), scale: unit };
}

const KIND_WORDS: Record<SegmentKind, string> = {
  up: 'up',
  warning: 'warning',
  partial: 'partly down',
  down: 'down',
  unknown: 'unknown',
  gap: 'no data',
};

export function describeSegments(segments: readonly Segment[], unit: BarScale): string {
  const counts = new Map<SegmentKind, number>();
  for (const s of segments) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  const parts = (Object.keys(KIND_WORDS) as SegmentKind[]).filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${KIND_WORDS[k]}`);
  return `Last ${segments.length} ${unit}s: ${parts.join(', ')}`;
}

function segmentTitle(segment: Segment, unit: BarScale): string {
  if (unit === 'check') return segment.start < 0 ? 'no check yet' : `${new Date(segment.start).toLocaleString()}: ${KIND_WORDS[segment.kind]}`;
  const iso = new Date(segment.start).toISOString();
  const when = unit === 'hour' ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
  return `${when}: ${KIND_WORDS[segment.kind]}`;
}

export interface UptimeBarProps {
  /** null while the history is loading: the bar shows a neutral placeholder, not gaps. */
  segments: readonly Segment[] | null;
  unit: BarScale;
  width?: number;
  height?: number;
}

export function UptimeBar({ segments, unit, width = 270, height = 22 }: UptimeBarProps) {
  if (!segments) {
    return <span className="uptime-bar-loading" style={{ width, height }} role="img" aria-label={`Last ${SEGMENT_COUNT} ${unit}s: loading`} />;
  }
  const slot = width / segments.length;
  const gap = slot >= 2.5 ? 1 : 0; // a hairline between periods, when there is room for one
  return (
    <svg className="uptime-bar" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={describeSegments(segments, unit)}>
      {segments.map((segment, i) => (
        <rect key={segment.start} className={`seg seg-${segment.kind}`} x={i * slot + gap / 2} y={segment.kind === 'gap' ? 0.5 : 0} width={Math.max(0.5, slot - gap)} height={segment.kind === 'gap' ? height - 1 : height} rx="0.8">
          <title>{segmentTitle(segment, unit)}</title>
        </rect>
      ))}
    </svg>
  );
}
