// Shared bits of the history tests: a temp data folder and results made to order.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
