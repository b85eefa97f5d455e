// History is written in batches whose cost follows the results, never the history already kept:
// these are byte and write-call counts, not timings.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../electron/core/history/history-store.ts';
import { emptyAccumulator, addOutcome, encodeRollupRow } from '../../../electron/core/history/rollup.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, rollupSegmentName } from '../../../electron/core/history/time-buckets.ts';
import { fakeClock, makeResult, tempDataDir } from './history-fixtures.ts';

const T = Date.UTC(2026, 5, 15, 12, 0, 0);
const MINUTES = 30;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempDir(): Promise<string> {
  const temp = await tempDataDir();
  cleanups.push(temp.remove);
  return temp.dir;
}

/** A year of day buckets, a week of hour buckets and a day of minute buckets for each monitor, written as segment files. */
async function fabricateYear(dir: string, monitors: number): Promise<void> {
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

/** Bytes and write calls per result for MINUTES one-minute batches of one result per monitor. */
async function batchCost(dir: string, monitors: number): Promise<{ bytesPerResult: number; writesPerFlush: number; uptime: number | null }> {
  const clock = fakeClock(T);
  const store = await HistoryStore.open(dir, { now: clock.now, flushIntervalMs: 600_000 });
  const before = store.stats();
  for (let minute = 0; minute < MINUTES; minute++) {
    for (let m = 0; m < monitors; m++) store.record(makeResult(`monitor-${m}`, clock.now() - 500, 'up', 20 + (m % 50)), 'up');
    clock.advance(MINUTE_MS);
    await store.flush();
  }
  const after = store.stats();
  const uptime = store.uptime('monitor-0', 365 * DAY_MS).ratio;
  await store.close();
  return {
    bytesPerResult: (after.bytesWritten - before.bytesWritten) / (MINUTES * monitors),
    writesPerFlush: (after.writes - before.writes) / MINUTES,
    uptime,
  };
}

describe('history write cost', () => {
  it('bytes per result do not grow with a year of history', async () => {
    const empty = await batchCost(await tempDir(), 20);
    const yearDir = await tempDir();
    await fabricateYear(yearDir, 20);
    const withYear = await batchCost(yearDir, 20);
    // The fabricated year really was loaded: 365 days of 2 up / 1 down pull the year's uptime below 1.
    expect(empty.uptime).toBe(1);
    expect(withYear.uptime).toBeLessThan(0.7);
    expect(empty.bytesPerResult).toBeGreaterThan(0);
    expect(Math.abs(withYear.bytesPerResult - empty.bytesPerResult) / empty.bytesPerResult).toBeLessThan(0.02);
    expect(withYear.writesPerFlush).toBe(empty.writesPerFlush);
  });

  it('bytes per result and writes per flush stay flat from 10 to 200 monitors', async () => {
    const few = await batchCost(await tempDir(), 10);
    const many = await batchCost(await tempDir(), 200);
    expect(Math.abs(many.bytesPerResult - few.bytesPerResult) / few.bytesPerResult).toBeLessThan(0.15);
    expect(many.writesPerFlush).toBe(few.writesPerFlush);
  });
});
