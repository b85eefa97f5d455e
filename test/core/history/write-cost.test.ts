// History is written in batches whose cost follows the results, never the history already kept:
// these are byte and write-call counts, not timings.
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../electron/core/history/history-store.ts';
import { fabricateYear, fakeClock, historyHarness, makeResult } from './history-fixtures.ts';
import { DAY_MS, MINUTE_MS } from '../../../electron/shared/time.ts';

const T = Date.UTC(2026, 5, 15, 12, 0, 0);
const MINUTES = 30;
const { tempDir } = historyHarness();

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
    await fabricateYear(yearDir, 20, T);
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
