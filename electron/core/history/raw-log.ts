// The raw result log: results/YYYY-MM-DD.ndjson, one line per result, segmented by the UTC day it was written.
// Each line carries a sequence number so a checkpoint can say exactly which results it already covers.
// A closed segment may be gzipped to YYYY-MM-DD.ndjson.gz (raw-compression.ts); readers take either form, and
// positions always name the plain segment and an offset in its uncompressed text.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultOutcome } from '../../shared/history-types.ts';
import type { CheckResult } from '../../shared/types.ts';
import { readNdjson } from './ndjson-files.ts';
import { COMPRESSED_SUFFIX, segmentSpan } from './time-buckets.ts';

export interface RawEntry {
  seq: number;
  outcome: ResultOutcome;
  result: CheckResult;
}

/** A place in the raw log: a segment and a byte offset in it (a line start). */
export interface RawPosition {
  segment: string;
  offset: number;
}

const OUTCOMES: ReadonlySet<string> = new Set(['up', 'warning', 'down', 'unknown']);
const STATUSES: ReadonlySet<string> = new Set(['up', 'warning', 'down']);

export function isOutcome(value: unknown): value is ResultOutcome {
  return typeof value === 'string' && OUTCOMES.has(value);
}

export function encodeRawLine(entry: RawEntry): string {
  return JSON.stringify({ q: entry.seq, o: entry.outcome, r: entry.result });
}

export function decodeRawLine(value: unknown): RawEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const line = value as Partial<Record<string, unknown>>;
  if (typeof line.q !== 'number' || !isOutcome(line.o)) return null;
  const result = line.r as Partial<CheckResult> | undefined;
  if (typeof result !== 'object' || result === null || typeof result.monitorId !== 'string' || typeof result.at !== 'number') return null;
  if (typeof result.status !== 'string' || !STATUSES.has(result.status)) return null;
  return { seq: line.q, outcome: line.o, result: result as CheckResult };
}

/** "YYYY-MM-DD.ndjson" for either form of a raw segment's file name. */
export function plainSegmentName(fileName: string): string {
  return fileName.endsWith(COMPRESSED_SUFFIX) ? fileName.slice(0, -COMPRESSED_SUFFIX.length) : fileName;
}

/**
 * Raw segment file names in the folder, oldest first (names sort by day), one per day: when a crash left both
 * forms, the .gz (which only ever appears complete, by rename) stands for the day and the plain file is ignored.
 */
export async function listRawSegments(resultsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(resultsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const byDay = new Map<string, string>();
  for (const name of names) {
    if (segmentSpan(name)?.kind !== 'raw') continue;
    const plain = plainSegmentName(name);
    if (!byDay.has(plain) || name.endsWith(COMPRESSED_SUFFIX)) byDay.set(plain, name);
  }
  return [...byDay.keys()].sort().map((plain) => byDay.get(plain) ?? plain);
}

/** Every entry from position to the end of the log, in the order written. */
export async function readRawFrom(resultsDir: string, position: RawPosition): Promise<RawEntry[]> {
  const entries: RawEntry[] = [];
  for (const file of await listRawSegments(resultsDir)) {
    const segment = plainSegmentName(file);
    if (segment < position.segment) continue;
    const fromOffset = segment === position.segment ? position.offset : 0;
    for (const value of await readNdjson(join(resultsDir, file), { fromOffset })) {
      const entry = decodeRawLine(value);
      if (entry) entries.push(entry);
    }
  }
  return entries;
}

export function earlierPosition(a: RawPosition, b: RawPosition): RawPosition {
  if (a.segment !== b.segment) return a.segment < b.segment ? a : b;
  return a.offset <= b.offset ? a : b;
}
