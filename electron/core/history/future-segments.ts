// Raw segments dated in the future: an older version kept appending to a segment named after a wall clock that
// had jumped years ahead, and that segment escaped retention and compression. At start-up, when the wall clock
// agrees with the data on disk, such segments are folded back: their lines are appended to today's segment
// (the log keeps its order: everything in them was written after every older segment), the checkpoint and the
// recent snapshot are pointed at the new place, and the future files go.
// Crash-safe: a marker names the fold; after a crash it is redone from the start (the sources stay until the
// positions point away from them) or, if a source is already gone, finished.
import { appendFile, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-file.ts';
import { readJsonFile } from './read-json-file.ts';
import type { RawPosition } from './raw-log.ts';
import { DAY_MS } from '../../shared/time.ts';
import { COMPRESSED_SUFFIX, rawSegmentName, segmentSpan } from './time-buckets.ts';

/** A fold only happens when the newest segment that is not in the future is this recent: the clock agrees with the data. */
const AGREEING_DATA_MS = 7 * DAY_MS;

interface FoldMarker {
  target: string;
  targetSize: number;
  sources: string[];
}

export interface FoldOutcome {
  /** Segment names folded into today's. */
  folded: string[];
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

async function removeIfThere(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

function isMarker(value: unknown): value is FoldMarker {
  const m = value as Partial<FoldMarker> | null;
  return typeof m === 'object' && m !== null && typeof m.target === 'string' && typeof m.targetSize === 'number' && Array.isArray(m.sources);
}

/**
 * Folds segments named after `today` into today's segment. `segments` is the sorted list of raw segment file
 * names; `today` the trusted UTC day ("YYYY-MM-DD").
 */
export async function foldFutureSegments(dir: string, segments: readonly string[], today: string, now: number): Promise<FoldOutcome> {
  const resultsDir = join(dir, 'results');
  const markerPath = join(dir, 'state', 'fold.json');
  const pending = await readJsonFile(markerPath).catch(() => undefined);
  let marker: FoldMarker;
  if (isMarker(pending)) {
    const missing = await Promise.all(pending.sources.map(async (name) => (await sizeOf(join(resultsDir, name))) === 0));
    if (missing.some(Boolean)) {
      // The positions were moved before any source was removed: only the clean-up is left.
      for (const name of pending.sources) await removeIfThere(join(resultsDir, name));
      await removeIfThere(markerPath);
      return { folded: pending.sources };
    }
    marker = pending;
    const handle = await open(join(resultsDir, marker.target), 'r+');
    try {
      await handle.truncate(marker.targetSize);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } else {
    const target = rawSegmentName(today);
    const sources = segments.filter((name) => !name.endsWith(COMPRESSED_SUFFIX) && name > target);
    if (sources.length === 0) return { folded: [] };
    const newestAgreeing = segments.filter((name) => name <= target).at(-1);
    const span = newestAgreeing === undefined ? null : segmentSpan(newestAgreeing);
    // Without recent data that agrees with the clock, it may be the clock that is wrong, not the segments.
    if (!span || span.end < now - AGREEING_DATA_MS) return { folded: [] };
    // Today's segment already gzipped (it never should be): appending to it is impossible.
    if (segments.includes(target + COMPRESSED_SUFFIX)) return { folded: [] };
    marker = { target, targetSize: await sizeOf(join(resultsDir, target)), sources };
    await writeFileAtomic(markerPath, JSON.stringify(marker));
  }

  // Each source's lines go after the previous one's, ending in a newline so no line glues onto the next.
  const moved = new Map<string, number>();
  let offset = marker.targetSize;
  if (offset > 0) {
    const last = (await readFile(join(resultsDir, marker.target))).subarray(offset - 1, offset);
    if (last[0] !== 0x0a) {
      await appendFile(join(resultsDir, marker.target), '\n', { mode: 0o600 });
      offset += 1;
    }
  }
  for (const name of marker.sources) {
    let text = await readFile(join(resultsDir, name));
    // A torn last line (a crash mid-append) is dropped: positions only ever point at whole lines.
    if (text.length > 0 && text[text.length - 1] !== 0x0a) text = text.subarray(0, text.lastIndexOf(0x0a) + 1);
    moved.set(name, offset);
    await appendFile(join(resultsDir, marker.target), text, { mode: 0o600 });
    offset += text.length;
  }
  const handle = await open(join(resultsDir, marker.target), 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  const targetPosition = (position: RawPosition): RawPosition => {
    const base = moved.get(position.segment);
    return base === undefined ? position : { segment: marker.target, offset: base + position.offset };
  };
  for (const file of ['recent.json', 'checkpoint.json']) await movePosition(join(dir, 'state', file), targetPosition);
  for (const name of marker.sources) await removeIfThere(join(resultsDir, name));
  await removeIfThere(markerPath);
  return { folded: marker.sources };
}

/** Rewrites a state file's raw-log position; a damaged or missing file is left to the store's own checks. */
async function movePosition(path: string, map: (position: RawPosition) => RawPosition): Promise<void> {
  const value = (await readJsonFile(path).catch(() => undefined)) as { position?: RawPosition } | undefined;
  if (typeof value !== 'object' || value === null || typeof value.position?.segment !== 'string' || typeof value.position.offset !== 'number') return;
  const moved = map(value.position);
  if (moved === value.position) return;
  await writeFileAtomic(path, JSON.stringify({ ...value, position: moved }));
}
