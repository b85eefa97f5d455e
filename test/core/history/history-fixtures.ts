// Shared bits of the history tests: a temp data folder and results made to order.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { HistoryStore } from '../../../electron/core/history/history-store.ts';
import { addOutcome, emptyAccumulator, encodeRollupRow } from '../../../electron/core/history/rollup.ts';
import { rollupSegmentName } from '../../../electron/core/history/time-buckets.ts';
import type { ResultOutcome } from '../../../electron/shared/history-types.ts';
import type { CheckResult } from '../../../electron/shared/types.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../electron/shared/time.ts';

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

/**
 * A fake wall clock and monotonic clock the store and the test share: advance() moves both (time passing),
 * set() moves only the wall clock (a jump, as a bad NTP answer or a restored VM makes).
 */
export function fakeClock(start: number): { now: () => number; monotonic: () => number; set: (t: number) => void; advance: (ms: number) => void } {
  let t = start;
  let m = 1_000_000;
  return {
    now: () => t,
    monotonic: () => m,
    set: (value) => {
      t = value;
    },
    advance: (ms) => {
      t += ms;
      m += ms;
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

/** A deterministic pseudo-random number in [0, 1) for the given integers (mulberry32 on a mix of them). */
function pseudoRandom(a: number, b: number): number {
  let t = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x6d2b79f5, 0x85ebca77)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An HTTP check result as the engine records it: timings that vary from check to check, now and then a failure. */
export function realisticResult(monitor: number, at: number): { result: CheckResult; outcome: ResultOutcome } {
  const minute = Math.floor(at / MINUTE_MS);
  let k = 0;
  const random = (scale: number) => Math.floor(pseudoRandom(minute * 131 + k++, monitor) * scale);
  const monitorId = `3f2a${(monitor * 2654435761 >>> 0).toString(16).padStart(8, '0')}-api-${monitor}`;
  const finished = at + random(60_000);
  if (random(1000) < 2) {
    return { outcome: 'down', result: { monitorId, status: 'down', at: finished, latencyMs: null, message: 'connect ETIMEDOUT after 10000 ms', failureKind: 'timeout' } };
  }
  // Each monitor has its own typical latency; each check adds jitter to every phase.
  const base = 5 + (monitor % 120);
  const dnsMs = 1 + random(8);
  const connectMs = dnsMs + base + random(base);
  const tlsMs = connectMs + base + random(2 * base);
  const firstByteMs = tlsMs + 20 + random(200);
  const totalMs = firstByteMs + random(30);
  return {
    outcome: 'up',
    result: { monitorId, status: 'up', at: finished, latencyMs: totalMs, message: `200 OK in ${totalMs} ms`, statusCode: 200, timings: { dnsMs, connectMs, tlsMs, firstByteMs, totalMs } },
  };
}

/**
 * Temp folders and history stores a test file opens, closed and removed after each test. Call once at the
 * top of a test file: it registers its own afterEach.
 */
export function historyHarness(): {
  tempDir(): Promise<string>;
  setup(start: number): Promise<{ dir: string; clock: ReturnType<typeof fakeClock>; open(options?: Parameters<typeof HistoryStore.open>[1]): Promise<HistoryStore> }>;
} {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const tempDir = async (): Promise<string> => {
    const temp = await tempDataDir();
    cleanups.push(temp.remove);
    return temp.dir;
  };
  return {
    tempDir,
    async setup(start) {
      const dir = await tempDir();
      const clock = fakeClock(start);
      const stores: HistoryStore[] = [];
      // Stores close before their folder goes (cleanups run in order: this one was pushed after the folder's).
      cleanups.unshift(async () => {
        for (const store of stores) await store.close();
      });
      const open = async (options: Parameters<typeof HistoryStore.open>[1] = {}): Promise<HistoryStore> => {
        const store = await HistoryStore.open(dir, { now: clock.now, monotonicNow: clock.monotonic, ...options });
        stores.push(store);
        return store;
      };
      return { dir, clock, open };
    },
  };
}
