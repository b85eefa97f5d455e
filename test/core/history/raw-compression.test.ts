// Closed raw segments are gzipped once their day is over and checkpointed; every reader takes either form.
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressClosedSegments } from '../../../electron/core/history/raw-compression.ts';
import { encodeRawLine } from '../../../electron/core/history/raw-log.ts';
import { historyHarness, makeResult, realisticResult } from './history-fixtures.ts';
import { DAY_MS, MINUTE_MS } from '../../../electron/shared/time.ts';

const DAY1 = Date.UTC(2026, 5, 14);
const DAY2 = DAY1 + DAY_MS;
const YESTERDAY = '2026-06-14.ndjson';
const TODAY = '2026-06-15.ndjson';
const harness = historyHarness();

async function setup(start: number) {
  const { dir, clock, open } = await harness.setup(start);
  const results = join(dir, 'results');
  const files = async () => (await readdir(results)).sort();
  return { dir, results, files, clock, open };
}

/** 30 results of monitor m (and some of another monitor) in the last half hour of DAY1, flushed and closed. */
async function writeYesterday(env: Awaited<ReturnType<typeof setup>>): Promise<number[]> {
  const store = await env.open();
  const ats: number[] = [];
  for (let i = 0; i < 30; i++) {
    const at = DAY2 - 30 * MINUTE_MS + i * MINUTE_MS;
    ats.push(at);
    store.record(makeResult('m', at, i % 5 === 0 ? 'down' : 'up', 10 + i), i % 5 === 0 ? 'down' : 'up');
    store.record(makeResult('other', at, 'up'), 'up');
  }
  await store.close();
  return ats;
}

describe('raw segment compression', () => {
  it('gzips a closed day once it rolls over, removes the plain file, and reads the same results back', async () => {
    const env = await setup(DAY2 - 30 * MINUTE_MS);
    const ats = await writeYesterday(env);
    const store = await env.open();
    const before = await store.results('m', 0, DAY2 + DAY_MS);
    expect(before.map((r) => r.at)).toEqual(ats);
    const recent = store.recent('m');
    expect(await env.files()).toEqual([YESTERDAY]);

    // The day rolls over while the store runs: the next flush writes today's segment and compresses yesterday's.
    env.clock.set(DAY2 + 5 * MINUTE_MS);
    store.record(makeResult('m', env.clock.now(), 'up', 99), 'up');
    await store.flush();
    expect(await env.files()).toEqual([`${YESTERDAY}.gz`, TODAY]);
    expect(gunzipSync(await readFile(join(env.results, `${YESTERDAY}.gz`))).toString().split('\n')).toHaveLength(61);
    expect(await store.results('m', 0, DAY2 - 1)).toEqual(before);
    await store.close();

    const reopened = await env.open();
    expect(await reopened.results('m', 0, DAY2 - 1)).toEqual(before);
    expect(reopened.recent('m')).toEqual([...recent, makeResult('m', DAY2 + 5 * MINUTE_MS, 'up', 99)]);
    await reopened.close();

    // Without the recent snapshot, recent() falls back to yesterday's (now compressed) and today's segments.
    await rm(join(env.dir, 'state', 'recent.json'));
    const fromSegments = await env.open();
    expect(fromSegments.recent('m')).toEqual([...recent, makeResult('m', DAY2 + 5 * MINUTE_MS, 'up', 99)]);
    const minutes = await fromSegments.rollups('m', 'minute', 0, DAY2 + DAY_MS);
    expect(minutes.reduce((sum, b) => sum + b.up + b.down, 0)).toBe(31);
  });

  it('compresses at open a closed day left plain, and never today', async () => {
    const env = await setup(DAY2 - 30 * MINUTE_MS);
    const ats = await writeYesterday(env);
    env.clock.set(DAY2 + hours(1));
    const store = await env.open();
    store.record(makeResult('m', env.clock.now(), 'up'), 'up');
    await store.flush();
    expect(await env.files()).toEqual([`${YESTERDAY}.gz`, TODAY]);
    expect((await store.results('m', 0, DAY2 - 1)).map((r) => r.at)).toEqual(ats);
    await store.close();

    // Reopened later the same day, after the last minute of the day: today's segment stays plain.
    env.clock.set(DAY2 + DAY_MS - 1);
    const again = await env.open();
    await again.flush();
    await again.close();
    expect(await env.files()).toEqual([`${YESTERDAY}.gz`, TODAY]);
  });

  it('waits for a checkpoint that covers the whole segment before compressing it', async () => {
    const env = await setup(DAY2 - 30 * MINUTE_MS);
    await writeYesterday(env);
    // A result appended after the last checkpoint, as a crash leaves it: replay must still start inside the plain file.
    const late = encodeRawLine({ seq: 1000, outcome: 'up', result: makeResult('m', DAY2 - 1000, 'up', 77) });
    await appendFile(join(env.results, YESTERDAY), `${late}\n`);
    env.clock.set(DAY2 + hours(1));
    const checkpoint = JSON.parse(await readFile(join(env.dir, 'state', 'checkpoint.json'), 'utf8')) as { position: { segment: string; offset: number } };
    expect(checkpoint.position.segment).toBe(YESTERDAY);
    expect((await compressClosedSegments(env.results, TODAY, checkpoint.position)).waiting).toBe(true);
    expect(await env.files()).toEqual([YESTERDAY]);

    const store = await env.open();
    expect((await store.results('m', DAY2 - 2000, DAY2)).map((r) => r.latencyMs)).toEqual([77]);
    await store.flush(); // the replayed result's buckets have ended: checkpointed, then compressed
    expect(await env.files()).toEqual([`${YESTERDAY}.gz`]);
    await store.close();
    const reopened = await env.open();
    const minutes = await reopened.rollups('m', 'minute', 0, DAY2);
    expect(minutes.reduce((sum, b) => sum + b.up + b.down, 0)).toBe(31);
  });

  it('after a crash before the rename, the plain segment is intact and the temp file is removed', async () => {
    const env = await setup(DAY2 - 30 * MINUTE_MS);
    const ats = await writeYesterday(env);
    const plain = await readFile(join(env.results, YESTERDAY));
    const temp = `${YESTERDAY}.gz.4242.1.tmp`;
    await writeFile(join(env.results, temp), plain.subarray(0, 100)); // half-written, not even gzip
    env.clock.set(DAY2 + hours(1));
    const store = await env.open();
    expect((await store.results('m', 0, DAY2)).map((r) => r.at)).toEqual(ats);
    await store.flush();
    expect(await env.files()).toEqual([`${YESTERDAY}.gz`]);
    expect(gunzipSync(await readFile(join(env.results, `${YESTERDAY}.gz`)))).toEqual(plain);
  });

  it('with both forms present (a crash before the unlink), reads each result once and removes the plain file', async () => {
    const env = await setup(DAY2 - 30 * MINUTE_MS);
    const ats = await writeYesterday(env);
    env.clock.set(DAY2 + hours(1));
    await (await env.open()).close();
    const gz = await readFile(join(env.results, `${YESTERDAY}.gz`));
    await writeFile(join(env.results, YESTERDAY), gunzipSync(gz));
    expect(await env.files()).toEqual([YESTERDAY, `${YESTERDAY}.gz`]);

    await writeFile(join(env.dir, 'state', 'recent.json'), JSON.stringify({ lastSeq: 0, position: { segment: YESTERDAY, offset: 0 }, recent: {} }));
    const store = await env.open();
    expect((await store.results('m', 0, DAY2)).map((r) => r.at)).toEqual(ats);
    expect(store.recent('m').map((r) => r.at)).toEqual(ats);
    await store.flush();
    expect(await env.files()).toEqual([`${YESTERDAY}.gz`]);
  });

  it('a damaged compressed segment keeps what decodes and never stops the store from opening', async () => {
    const env = await setup(DAY2 - 30 * MINUTE_MS);
    const ats = await writeYesterday(env);
    env.clock.set(DAY2 + 5 * MINUTE_MS);
    await (await env.open()).close();
    const gz = join(env.results, `${YESTERDAY}.gz`);
    expect(await env.files()).toContain(`${YESTERDAY}.gz`);
    // Disk damage: the second half of the file is gone.
    const whole = await readFile(gz);
    await writeFile(gz, whole.subarray(0, Math.floor(whole.length / 2)));
    await rm(join(env.dir, 'state', 'recent.json'));
    const store = await env.open();
    const survived = await store.results('m', 0, DAY2 - 1);
    expect(survived.length).toBeLessThan(ats.length);
    expect(survived.every((r, i) => r.at === ats[i])).toBe(true);
  });

  it('retention deletes compressed segments too', async () => {
    const env = await setup(DAY2 - 30 * MINUTE_MS);
    await writeYesterday(env);
    env.clock.set(DAY2 + hours(1));
    await (await env.open()).close();
    expect(await env.files()).toEqual([`${YESTERDAY}.gz`]);
    env.clock.set(DAY2 + 2 * DAY_MS);
    const store = await env.open({ rawRetentionDays: 2 });
    expect(await env.files()).toEqual([]);
    expect(await store.results('m', 0, DAY2)).toEqual([]);
  });

  it('a torn last line in a plain segment still reads, before and after compression', async () => {
    const env = await setup(DAY2 - 30 * MINUTE_MS);
    const ats = await writeYesterday(env);
    await appendFile(join(env.results, YESTERDAY), '{"q":999,"o":"up","r":{"monitorId":"m","sta');
    const store = await env.open();
    expect((await store.results('m', 0, DAY2)).map((r) => r.at)).toEqual(ats);
    await store.close();
    env.clock.set(DAY2 + hours(1));
    const reopened = await env.open();
    await reopened.flush();
    expect(await env.files()).toEqual([`${YESTERDAY}.gz`]);
    expect((await reopened.results('m', 0, DAY2)).map((r) => r.at)).toEqual(ats);
  });

  it('a day of realistic results compresses to less than a quarter of its size', async () => {
    const env = await setup(DAY2);
    await mkdir(env.results, { recursive: true });
    const lines: string[] = [];
    let seq = 0;
    for (let minute = 0; minute < 1440; minute++) {
      for (let m = 0; m < 20; m++) {
        const { result, outcome } = realisticResult(m, DAY1 + minute * MINUTE_MS);
        lines.push(encodeRawLine({ seq: ++seq, outcome, result }));
      }
    }
    await writeFile(join(env.results, YESTERDAY), lines.join('\n') + '\n');
    const plainSize = (await stat(join(env.results, YESTERDAY))).size;
    const run = await compressClosedSegments(env.results, TODAY, { segment: TODAY, offset: 0 });
    expect(run).toEqual({ compressed: [YESTERDAY], waiting: false });
    const gzSize = (await stat(join(env.results, `${YESTERDAY}.gz`))).size;
    expect(plainSize / seq).toBeGreaterThan(200);
    expect(gzSize).toBeLessThan(plainSize / 4);
  });
});

function hours(n: number): number {
  return n * 60 * MINUTE_MS;
}
