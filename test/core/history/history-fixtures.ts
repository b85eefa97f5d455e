// Shared bits of the history tests: a temp data folder and results made to order.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addOutcome, emptyAccumulator, encodeRollupRow } from '../../../electron/core/history/rollup.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, rollupSegmentName } from '../../../electron/core/history/time-buckets.ts';
import type { ResultOutcome } from '../../../electron/shared/history-types.ts';
import type { CheckResult } from '../../../electron/shared/types.ts';

export async function tempDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'picket-history-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export function makeResult(monitorId: string, at: number, outcome: ResultOutcome, latencyMs: number | null = 20): CheckResult {
  const status = outcome === 'unknown' ? 'down' : outcome;
  return {
    monitorId,
    status,
    at,
    latencyMs: status === 'down' ? null : latencyMs,
    message: status === 'down' ? 'connection refused' : `200 OK in ${latencyMs ?? 0} ms`,
    ...(status === 'down' ? { failureKind: 'refused' as const } : {}),
  };
}

/** A fake wall clock the store and the test share. */
export function fakeClock(start: number): { now: () => number; set: (t: number) => void; advance: (ms: number) => void } {
  let t = start;
  return {
    now: () => t,
    set: (value) => {
      t = value;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** The kill -9 test's child records result n (1-based) at START + n * STEP, for monitor and outcome n - 1 modulo these. */
export const KILL_TEST_START = Date.UTC(2026, 0, 1);
export const KILL_TEST_STEP_MS = 7000;
export const KILL_TEST_MONITORS = ['alpha', 'beta', 'gamma'];
export const KILL_TEST_OUTCOMES: readonly ResultOutcome[] = ['up', 'up', 'down', 'warning', 'unknown'];

/**
 * A year of day buckets, a week of hour buckets and a day of minute buckets for each monitor before T,
 * written straight as segment files: recording a year through the API would take hours.
 */
export async function fabricateYear(dir: string, monitors: number, T: number): Promise<void> {
  const files = new Map<string, string[]>();
  const put = (resolution: 'minute' | 'hour' | 'day', start: number, monitorId: string) => {
    const acc = emptyAccumulator(start);
    for (let i = 0; i < 3; i++) addOutcome(acc, i === 2 ? 'down' : 'up', 25 + i);
    const name = rollupSegmentName(resolution, start);
    const rows = files.get(name) ?? [];
    rows.push(encodeRollupRow(monitorId, acc));
    files.set(name, rows);
  };
  for (let m = 0; m < monitors; m++) {
    const id = `monitor-${m}`;
    for (let d = 1; d <= 365; d++) put('day', T - d * DAY_MS - (T % DAY_MS), id);
    for (let h = 1; h <= 7 * 24; h++) put('hour', T - h * HOUR_MS, id);
    for (let n = 1; n <= 24 * 60; n += 5) put('minute', T - n * MINUTE_MS, id);
  }
  await mkdir(join(dir, 'rollups'), { recursive: true });
  for (const [name, rows] of files) await writeFile(join(dir, 'rollups', name), rows.join('\n') + '\n');
}
