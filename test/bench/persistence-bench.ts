// Benchmark: what one check costs the history store (CPU time, bytes and write calls) with 10 and 1,000
// monitors and with a day and a year of history behind it, and how long opening 1,000 monitors' year takes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HistoryStore } from '../../electron/core/history/history-store.ts';
import { fabricateYear, fakeClock, makeResult } from '../core/history/history-fixtures.ts';
import { DAY_MS, MINUTE_MS } from '../../electron/shared/time.ts';

export interface WriteCostFigures {
  monitors: number;
  history: 'day' | 'year';
  cpuUsPerCheck: number;
  bytesPerCheck: number;
  writesPerFlush: number;
}

export interface StartupFigures {
  monitors: number;
  openMs: number;
  uptimeSummaryAllMs: number;
  rawResultsToday: number;
}

const T = Date.UTC(2026, 5, 15, 12, 0, 0);
const MINUTES = 20;

async function withTempDir<R>(fn: (dir: string) => Promise<R>): Promise<R> {
  const dir = await mkdtemp(path.join(tmpdir(), 'picket-bench-history-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A day of history: one result a minute for every monitor, recorded through the store itself. */
async function recordDay(dir: string, monitors: number, end: number): Promise<number> {
  const clock = fakeClock(end - DAY_MS);
  const store = await HistoryStore.open(dir, { now: clock.now, flushIntervalMs: 3_600_000 });
  let count = 0;
  while (clock.now() < end) {
    for (let m = 0; m < monitors; m++) store.record(makeResult(`monitor-${m}`, clock.now(), m % 97 === 0 ? 'down' : 'up', 20 + (m % 40)), m % 97 === 0 ? 'down' : 'up');
    count += monitors;
    clock.advance(MINUTE_MS);
    if (clock.now() % (10 * MINUTE_MS) === 0) await store.flush();
  }
  await store.close();
  return count;
}

async function writeCost(monitors: number, history: 'day' | 'year'): Promise<WriteCostFigures> {
  return withTempDir(async (dir) => {
    await recordDay(dir, monitors, T);
    if (history === 'year') await fabricateYear(dir, monitors, T - DAY_MS);
    const clock = fakeClock(T);
    const store = await HistoryStore.open(dir, { now: clock.now, flushIntervalMs: 3_600_000 });
    const before = store.stats();
    const cpu = process.cpuUsage();
    for (let minute = 0; minute < MINUTES; minute++) {
      for (let m = 0; m < monitors; m++) store.record(makeResult(`monitor-${m}`, clock.now() - 500, 'up', 20 + (m % 50)), 'up');
      clock.advance(MINUTE_MS);
      await store.flush();
    }
    const used = process.cpuUsage(cpu);
    const after = store.stats();
    await store.close();
    const checks = MINUTES * monitors;
    return {
      monitors,
      history,
      cpuUsPerCheck: (used.user + used.system) / checks,
      bytesPerCheck: (after.bytesWritten - before.bytesWritten) / checks,
      writesPerFlush: (after.writes - before.writes) / MINUTES,
    };
  });
}

async function startup(monitors: number): Promise<StartupFigures> {
  return withTempDir(async (dir) => {
    const rawResultsToday = await recordDay(dir, monitors, T);
    await fabricateYear(dir, monitors, T - DAY_MS);
    const started = performance.now();
    const store = await HistoryStore.open(dir, { now: () => T });
    const openMs = performance.now() - started;
    const summaryStarted = performance.now();
    for (let m = 0; m < monitors; m++) store.uptimeSummary(`monitor-${m}`, T);
    const uptimeSummaryAllMs = performance.now() - summaryStarted;
    await store.close();
    return { monitors, openMs, uptimeSummaryAllMs, rawResultsToday };
  });
}

export async function runPersistenceBench(): Promise<{ writeCost: WriteCostFigures[]; startup: StartupFigures }> {
  const costs: WriteCostFigures[] = [];
  for (const monitors of [10, 1000]) {
    for (const history of ['day', 'year'] as const) costs.push(await writeCost(monitors, history));
  }
  return { writeCost: costs, startup: await startup(1000) };
}
