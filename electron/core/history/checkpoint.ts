// The small files that make start-up cheap and crashes harmless, each written atomically:
// - checkpoint: which results the rollup segments already hold, plus the still-open (unwritten) buckets;
// - journal: the rollup files (and their sizes) a checkpoint is about to append to, so rows appended by a cycle
//   that crashed before its checkpoint can be cut off again instead of being counted twice;
// - recent snapshot: the last N results per monitor, so start-up does not scan days of raw results.
import type { RollupResolution } from '../../shared/history-types.ts';
import type { CheckResult } from '../../shared/types.ts';
import type { RawPosition } from './raw-log.ts';
import { decodeRollupRow, type DecodedRollupRow } from './rollup.ts';

export interface Checkpoint {
  cycle: number;
  /** Every result with a sequence number up to this is in the rollup segments or in `open`. */
  lastSeq: number;
  /** The raw log's end when the checkpoint was taken: replay starts here. */
  position: RawPosition;
  open: Record<RollupResolution, DecodedRollupRow[]>;
}

export interface Journal {
  cycle: number;
  /** Rollup file path -> its size before the cycle appended to it. */
  sizes: Record<string, number>;
}

export interface RecentSnapshot {
  lastSeq: number;
  position: RawPosition;
  recent: Record<string, CheckResult[]>;
}

function isPosition(value: unknown): value is RawPosition {
  const p = value as Partial<RawPosition> | null;
  return typeof p === 'object' && p !== null && typeof p.segment === 'string' && typeof p.offset === 'number';
}

function fail(path: string, field: string): never {
  throw new Error(`${path}: field "${field}" is missing or malformed`);
}

export function decodeCheckpoint(path: string, value: unknown): Checkpoint {
  const c = value as Partial<Record<string, unknown>> | null;
  if (typeof c !== 'object' || c === null) fail(path, '(root)');
  if (typeof c.cycle !== 'number') fail(path, 'cycle');
  if (typeof c.lastSeq !== 'number') fail(path, 'lastSeq');
  if (!isPosition(c.position)) fail(path, 'position');
  const openValue = c.open as Partial<Record<RollupResolution, unknown>> | undefined;
  if (typeof openValue !== 'object' || openValue === null) fail(path, 'open');
  const open: Record<RollupResolution, DecodedRollupRow[]> = { minute: [], hour: [], day: [] };
  for (const resolution of ['minute', 'hour', 'day'] as const) {
    const rows = openValue[resolution];
    if (!Array.isArray(rows)) fail(path, `open.${resolution}`);
    for (const row of rows) {
      const decoded = decodeRollupRow(row);
      if (!decoded) fail(path, `open.${resolution}`);
      open[resolution].push(decoded);
    }
  }
  return { cycle: c.cycle, lastSeq: c.lastSeq, position: c.position, open };
}

export function decodeJournal(path: string, value: unknown): Journal {
  const j = value as Partial<Record<string, unknown>> | null;
  if (typeof j !== 'object' || j === null) fail(path, '(root)');
  if (typeof j.cycle !== 'number') fail(path, 'cycle');
  const sizes = j.sizes as Record<string, unknown> | undefined;
  if (typeof sizes !== 'object' || sizes === null) fail(path, 'sizes');
  const out: Record<string, number> = {};
  for (const [file, size] of Object.entries(sizes)) {
    if (typeof size !== 'number' || size < 0) fail(path, `sizes.${file}`);
    out[file] = size;
  }
  return { cycle: j.cycle, sizes: out };
}

export function decodeRecentSnapshot(path: string, value: unknown): RecentSnapshot {
  const s = value as Partial<Record<string, unknown>> | null;
  if (typeof s !== 'object' || s === null) fail(path, '(root)');
  if (typeof s.lastSeq !== 'number') fail(path, 'lastSeq');
  if (!isPosition(s.position)) fail(path, 'position');
  const recent = s.recent as Record<string, unknown> | undefined;
  if (typeof recent !== 'object' || recent === null) fail(path, 'recent');
  for (const [monitorId, list] of Object.entries(recent)) {
    if (!Array.isArray(list)) fail(path, `recent.${monitorId}`);
  }
  return { lastSeq: s.lastSeq, position: s.position, recent: recent as Record<string, CheckResult[]> };
}
