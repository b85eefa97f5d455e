// The raw result log: results/YYYY-MM-DD.ndjson, one line per result, segmented by the UTC day it was written.
// Each line carries a sequence number so a checkpoint can say exactly which results it already covers.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultOutcome } from '../../shared/history-types.ts';
import type { CheckResult } from '../../shared/types.ts';
import { readNdjson } from './ndjson-files.ts';
import { segmentSpan } from './time-buckets.ts';

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

/** Raw segment file names in the folder, oldest first (names sort by day). */
export async function listRawSegments(resultsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(resultsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => segmentSpan(name)?.kind === 'raw').sort();
}

/** Every entry from position to the end of the log, in the order written. */
export async function readRawFrom(resultsDir: string, position: RawPosition): Promise<RawEntry[]> {
  const entries: RawEntry[] = [];
  for (const segment of await listRawSegments(resultsDir)) {
    if (segment < position.segment) continue;
    const fromOffset = segment === position.segment ? position.offset : 0;
    for (const value of await readNdjson(join(resultsDir, segment), { fromOffset })) {
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
