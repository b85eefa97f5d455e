import { spawn } from 'node:child_process';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../electron/core/history/history-store.ts';
import {
  fakeClock,
  KILL_TEST_MONITORS,
  KILL_TEST_OUTCOMES,
  KILL_TEST_START,
  KILL_TEST_STEP_MS,
  historyHarness,
  makeResult,
} from './history-fixtures.ts';
import { DAY_MS, MINUTE_MS } from '../../../electron/shared/time.ts';

const T = Date.UTC(2026, 5, 15, 12, 0, 0);
const { tempDir } = historyHarness();

function totalCounts(buckets: Array<{ up: number; warning: number; down: number; unknown: number }>) {
  return buckets.reduce(
    (sum, b) => ({ up: sum.up + b.up, warning: sum.warning + b.warning, down: sum.down + b.down, unknown: sum.unknown + b.unknown }),
    { up: 0, warning: 0, down: 0, unknown: 0 },
  );
}

describe('history crash safety', () => {
  it('ignores a torn last line in every log and keeps appending cleanly after it', async () => {
    const dir = await tempDir();
    const clock = fakeClock(T);
    const store = await HistoryStore.open(dir, { now: clock.now });
    for (let i = 0; i < 5; i++) store.record(makeResult('m', T - 5 * MINUTE_MS + i * MINUTE_MS, 'up', 10 + i), 'up');
    store.openIncident({ monitorId: 'm', start: T, firstError: 'refused' });
    await store.close();

    // What a kill in the middle of an append leaves behind.
    const minuteFile = join(dir, 'rollups', 'minute-2026-06-15.ndjson');
    expect((await readFile(minuteFile, 'utf8')).length).toBeGreaterThan(0);
    await appendFile(join(dir, 'results', '2026-06-15.ndjson'), '{"q":99,"o":"up","r":{"monitorId":"m","sta');
    await appendFile(minuteFile, '["m",17815');
    await appendFile(join(dir, 'incidents', 'incidents.ndjson'), '{"e":"close","moni');

    const reopened = await HistoryStore.open(dir, { now: clock.now });
    expect((await reopened.results('m', 0, T)).map((r) => r.latencyMs)).toEqual([10, 11, 12, 13, 14]);
    expect(totalCounts(await reopened.rollups('m', 'minute', 0, T)).up).toBe(5);
    expect(reopened.incidents('m')).toHaveLength(1);
    expect(reopened.incidents('m')[0]?.end).toBeUndefined();
    reopened.record(makeResult('m', T + 1000, 'down'), 'down');
    reopened.closeIncident('m', T + 2000);
    clock.advance(2 * MINUTE_MS);
    await reopened.close();

    const third = await HistoryStore.open(dir, { now: clock.now });
    expect((await third.results('m', 0, T + DAY_MS)).map((r) => r.status)).toEqual(['up', 'up', 'up', 'up', 'up', 'down']);
    expect(totalCounts(await third.rollups('m', 'minute', 0, T + DAY_MS))).toEqual({ up: 5, warning: 0, down: 1, unknown: 0 });
    expect(third.incidents('m')[0]?.end).toBe(T + 2000);
    await third.close();
  });

  it('cuts off rollup rows appended by a checkpoint that never landed', async () => {
    const dir = await tempDir();
    const clock = fakeClock(T);
    const store = await HistoryStore.open(dir, { now: clock.now });
    store.record(makeResult('m', T - 30_000, 'up'), 'up');
    clock.advance(MINUTE_MS);
    await store.close();
    const checkpoint = JSON.parse(await readFile(join(dir, 'state', 'checkpoint.json'), 'utf8')) as { cycle: number };
    // A crash after the journal and the rows, before the checkpoint: the rows must not count.
    const file = 'rollups/minute-2026-06-15.ndjson';
    const size = (await stat(join(dir, file))).size;
    await writeFile(join(dir, 'state', 'journal.json'), JSON.stringify({ cycle: checkpoint.cycle + 1, sizes: { [file]: size } }));
    await appendFile(join(dir, file), `${JSON.stringify(['m', T - MINUTE_MS, 40, 0, 0, 0, 0, 0, null, null])}\n`);

    const reopened = await HistoryStore.open(dir, { now: clock.now });
    expect(totalCounts(await reopened.rollups('m', 'minute', 0, T + DAY_MS)).up).toBe(1);
    expect((await stat(join(dir, file))).size).toBe(size);
    await reopened.close();
  });

  it('after kill -9, everything up to the last reported flush is there, counted once, and nothing is corrupt', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/core/history/kill-writer-child.ts', dir], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

    // Kill once it has been writing for a while (start-up under tsx can take a moment on a busy machine).
    const deadline = Date.now() + 15_000;
    while (!/flushed \d+\n[\s\S]*flushed \d+\n/.test(stdout) && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGKILL');
    expect(await exited, stderr).toBe('SIGKILL');

    const reported = [...stdout.matchAll(/flushed (\d+)\n/g)].map((m) => Number(m[1]));
    const lastReported = reported.at(-1) ?? 0;
    expect(lastReported).toBeGreaterThan(0);

    const store = await HistoryStore.open(dir, { now: () => KILL_TEST_START, rawRetentionDays: 30 });
    try {
      const results = (await Promise.all(KILL_TEST_MONITORS.map((id) => store.results(id, 0, Number.POSITIVE_INFINITY)))).flat();
      // Result n (1-based) was recorded at START + n * STEP: what survived must be exactly results 1..k, k >= last reported.
      const ats = results.map((r) => r.at).sort((a, b) => a - b);
      const kept = ats.length;
      expect(kept).toBeGreaterThanOrEqual(lastReported);
      expect(ats).toEqual(Array.from({ length: kept }, (_, i) => KILL_TEST_START + (i + 1) * KILL_TEST_STEP_MS));
      for (const result of results) {
        const n = (result.at - KILL_TEST_START) / KILL_TEST_STEP_MS;
        expect(result.monitorId).toBe(KILL_TEST_MONITORS[(n - 1) % KILL_TEST_MONITORS.length]);
      }

      // The rollups (on disk plus replayed) count every surviving result exactly once.
      const expected = { up: 0, warning: 0, down: 0, unknown: 0 };
      for (let n = 1; n <= kept; n++) expected[KILL_TEST_OUTCOMES[(n - 1) % KILL_TEST_OUTCOMES.length] ?? 'up'] += 1;
      const end = KILL_TEST_START + (kept + 1) * KILL_TEST_STEP_MS;
      for (const resolution of ['minute', 'hour', 'day'] as const) {
        const buckets = (await Promise.all(KILL_TEST_MONITORS.map((id) => store.rollups(id, resolution, 0, end)))).flat();
        expect(totalCounts(buckets), resolution).toEqual(expected);
      }
      const year = KILL_TEST_MONITORS.map((id) => store.uptime(id, 365 * DAY_MS, end));
      expect(year.reduce((sum, u) => sum + u.up + u.warning + u.down + u.unknown, 0)).toBe(kept);
      expect(store.recent('alpha').length).toBe(Math.min(100, Math.ceil(kept / 3)));
    } finally {
      await store.close();
    }
  });
});
