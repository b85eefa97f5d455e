// Child process for the kill -9 test: records results without pause and prints, after each flush,
// how many results that flush covered. The parent kills it with SIGKILL at some arbitrary moment.
// The fake clock moves 7 s per result so minute and hour buckets close (and checkpoints happen) often.
import { HistoryStore } from '../../../electron/core/history/history-store.ts';
import { KILL_TEST_MONITORS, KILL_TEST_OUTCOMES, KILL_TEST_START, KILL_TEST_STEP_MS, makeResult } from './history-fixtures.ts';

async function main(dir: string): Promise<void> {
  let recorded = 0;
  const now = (): number => KILL_TEST_START + recorded * KILL_TEST_STEP_MS;
  const store = await HistoryStore.open(dir, { now, flushIntervalMs: 60_000, rawRetentionDays: 30 });
  for (;;) {
    for (let i = 0; i < 20; i++) {
      const outcome = KILL_TEST_OUTCOMES[recorded % KILL_TEST_OUTCOMES.length] ?? 'up';
      const monitorId = KILL_TEST_MONITORS[recorded % KILL_TEST_MONITORS.length] ?? 'alpha';
      recorded += 1;
      store.record(makeResult(monitorId, now(), outcome, recorded % 97), outcome);
    }
    const covered = recorded;
    await store.flush();
    process.stdout.write(`flushed ${covered}\n`);
  }
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: kill-writer-child.ts <data dir>');
main(dir).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
