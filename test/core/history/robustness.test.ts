// History on a machine that misbehaves: a wall clock that jumps, a disk that fills up, state files that rot.
import fs from 'node:fs';
import { open as openFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryStore } from '../../../electron/core/history/history-store.ts';
import { historyHarness, makeResult } from './history-fixtures.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../electron/shared/time.ts';

const T = Date.UTC(2026, 5, 15, 12, 0, 0);
const harness = historyHarness();

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every file under results/ and rollups/, so a test can see that nothing was deleted. */
async function segmentFiles(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const sub of ['results', 'rollups']) for (const name of await readdir(join(dir, sub))) names.push(`${sub}/${name}`);
  return names.sort();
}

/** Two days of one result a minute for "m", flushed as time passes (so rollups and checkpoints are written). */
async function recordTwoDays(store: HistoryStore, clock: { now: () => number; advance: (ms: number) => void }): Promise<number> {
  let count = 0;
  for (let i = 0; i < 2 * 24 * 6; i++) {
    store.record(makeResult('m', clock.now(), i % 7 === 0 ? 'down' : 'up'), i % 7 === 0 ? 'down' : 'up');
    count += 1;
    clock.advance(10 * MINUTE_MS);
    if (i % 6 === 0) await store.flush();
  }
  await store.flush();
  return count;
}

async function totalInMinuteRollups(store: HistoryStore, from: number, to: number): Promise<number> {
  return (await store.rollups('m', 'minute', from, to)).reduce((sum, b) => sum + b.up + b.down + b.warning + b.unknown, 0);
}

describe('history and a wall clock that jumps', () => {
  for (const jumpDays of [400, -400]) {
    it(`a jump of ${jumpDays} days during a run deletes nothing, and the results across it are all kept`, async () => {
      const start = T - 2 * DAY_MS;
      const { dir, clock, open } = await harness.setup(start);
      const store = await open({ rawRetentionDays: 2, rollupRetentionDays: 30 });
      const before = await recordTwoDays(store, clock);
      const files = await segmentFiles(dir);
      expect(files.filter((f) => f.startsWith('results/')).length).toBeGreaterThanOrEqual(2);

      // The jump: the wall clock moves, the monotonic clock does not.
      const realNow = clock.now();
      clock.set(realNow + jumpDays * DAY_MS);
      for (let i = 0; i < 5; i++) {
        store.record(makeResult('m', clock.now(), 'up'), 'up');
        clock.advance(MINUTE_MS);
        await store.flush();
      }
      // Back to the right time.
      clock.set(realNow + 6 * MINUTE_MS);
      for (let i = 0; i < 3; i++) {
        store.record(makeResult('m', clock.now(), 'up'), 'up');
        clock.advance(MINUTE_MS);
        await store.flush();
      }
      await store.close();
      const after = await segmentFiles(dir);
      for (const file of files) expect(after.map((f) => f.replace(/\.gz$/, ''))).toContain(file.replace(/\.gz$/, ''));
      // No raw segment was opened years away from the real date.
      for (const name of after.filter((f) => f.startsWith('results/'))) expect(Math.abs(Date.parse(name.slice(8, 18)) - realNow)).toBeLessThan(4 * DAY_MS);

      const reopened = await open({ rawRetentionDays: 2, rollupRetentionDays: 30 });
      const all = await reopened.results('m', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
      expect(all).toHaveLength(before + 8);
      expect(all.filter((r) => Math.abs(r.at - (realNow + jumpDays * DAY_MS)) < HOUR_MS)).toHaveLength(5);
      expect(await totalInMinuteRollups(reopened, realNow - 3 * DAY_MS, realNow + HOUR_MS)).toBe(before + 3);
    });
  }

  it('a wall clock 400 days ahead at start-up deletes nothing', async () => {
    const { dir, clock, open } = await harness.setup(T - 2 * DAY_MS);
    const first = await open({ rawRetentionDays: 2, rollupRetentionDays: 30 });
    await recordTwoDays(first, clock);
    await first.close();
    const files = await segmentFiles(dir);
    clock.set(clock.now() + 400 * DAY_MS);
    const reopened = await open({ rawRetentionDays: 2, rollupRetentionDays: 30 });
    await reopened.flush();
    expect((await segmentFiles(dir)).map((f) => f.replace(/\.gz$/, ''))).toEqual(expect.arrayContaining(files.map((f) => f.replace(/\.gz$/, ''))));
  });

  it('time that really passes still prunes: retention works when the clocks agree', async () => {
    const { dir, clock, open } = await harness.setup(T - 2 * DAY_MS);
    const store = await open({ rawRetentionDays: 2, rollupRetentionDays: 30 });
    await recordTwoDays(store, clock);
    clock.advance(3 * DAY_MS);
    store.record(makeResult('m', clock.now(), 'up'), 'up');
    await store.flush();
    const raw = (await readdir(join(dir, 'results'))).sort();
    expect(raw[0]?.slice(0, 10)).not.toBe(new Date(T - 2 * DAY_MS).toISOString().slice(0, 10));
  });

  it('folds a segment dated in the future (an older version wrote it after a jump) back into today, in order', async () => {
    const { dir, clock, open } = await harness.setup(T);
    const store = await open();
    store.record(makeResult('m', T, 'up'), 'up');
    await store.close();
    const line = (seq: number, at: number) => `${JSON.stringify({ q: seq, o: 'down', r: makeResult('m', at, 'down') })}\n`;
    const future = join(dir, 'results', '2028-07-01.ndjson');
    await writeFile(future, line(2, T + 400 * DAY_MS) + line(3, T + MINUTE_MS));
    // The checkpoint and the snapshot point into the future segment, as the older version left them.
    for (const file of ['checkpoint.json', 'recent.json']) {
      const path = join(dir, 'state', file);
      const value = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      await writeFile(path, JSON.stringify({ ...value, position: { segment: '2028-07-01.ndjson', offset: line(2, T + 400 * DAY_MS).length } }));
    }
    clock.advance(2 * MINUTE_MS);
    const reopened = await open();
    expect(await readdir(join(dir, 'results'))).toEqual(['2026-06-15.ndjson']);
    const all = await reopened.results('m', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    expect(all).toHaveLength(3);
    const checkpoint = JSON.parse(await readFile(join(dir, 'state', 'checkpoint.json'), 'utf8')) as { position: { segment: string; offset: number } };
    const today = await readFile(join(dir, 'results', '2026-06-15.ndjson'), 'utf8');
    expect(checkpoint.position.segment).toBe('2026-06-15.ndjson');
    expect(today.slice(checkpoint.position.offset)).toBe(line(3, T + MINUTE_MS));
    await reopened.close();
    expect(await (await open()).results('m', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toHaveLength(3);
  });

  it('a fold a crash interrupted is redone, never doubled', async () => {
    const { dir, clock, open } = await harness.setup(T);
    const store = await open();
    store.record(makeResult('m', T, 'up'), 'up');
    await store.close();
    const todayPath = join(dir, 'results', '2026-06-15.ndjson');
    const size = (await stat(todayPath)).size;
    const futureLine = `${JSON.stringify({ q: 2, o: 'up', r: makeResult('m', T + 1000, 'up') })}\n`;
    await writeFile(join(dir, 'results', '2028-07-01.ndjson'), futureLine);
    // The crash: the marker is written and half the lines were appended.
    await writeFile(join(dir, 'state', 'fold.json'), JSON.stringify({ target: '2026-06-15.ndjson', targetSize: size, sources: ['2028-07-01.ndjson'] }));
    await writeFile(todayPath, (await readFile(todayPath, 'utf8')) + futureLine.slice(0, 20));
    clock.advance(MINUTE_MS);
    const reopened = await open();
    expect((await reopened.results('m', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).map((r) => r.at)).toEqual([T, T + 1000]);
    expect(await readdir(join(dir, 'state'))).not.toContain('fold.json');
  });

  it('does not fold when it is the clock that looks wrong: no recent data agrees with it', async () => {
    const { dir, clock, open } = await harness.setup(T);
    const store = await open();
    store.record(makeResult('m', T, 'up'), 'up');
    await store.close();
    clock.set(T - 400 * DAY_MS);
    const reopened = await open();
    expect(await readdir(join(dir, 'results'))).toEqual(['2026-06-15.ndjson']);
    expect(await reopened.results('m', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toHaveLength(1);
  });
});

describe('retention changed while running', () => {
  it('applies at the next flush, without a restart', async () => {
    const { dir, clock, open } = await harness.setup(T - 5 * DAY_MS);
    const store = await open({ rawRetentionDays: 30 });
    for (let day = 0; day < 5; day++) {
      store.record(makeResult('m', clock.now(), 'up'), 'up');
      await store.flush();
      clock.advance(DAY_MS);
    }
    expect(await readdir(join(dir, 'results'))).toHaveLength(5);
    store.setRetention({ rawRetentionDays: 2 });
    await store.flush();
    expect((await readdir(join(dir, 'results'))).length).toBeLessThanOrEqual(3);
  });
});

describe('history snapshot cadence', () => {
  it('recent.json is written about hourly and at close, not at every flush', async () => {
    const { dir, clock, open } = await harness.setup(T);
    const store = await open();
    const recentSeq = async () => (JSON.parse(await readFile(join(dir, 'state', 'recent.json'), 'utf8')) as { lastSeq: number }).lastSeq;
    store.record(makeResult('m', clock.now(), 'up'), 'up');
    await store.flush();
    expect(await recentSeq()).toBe(1);
    for (let i = 0; i < 30; i++) {
      clock.advance(1000);
      store.record(makeResult('m', clock.now(), 'up'), 'up');
      await store.flush();
    }
    expect(await recentSeq()).toBe(1);
    clock.advance(HOUR_MS);
    store.record(makeResult('m', clock.now(), 'up'), 'up');
    await store.flush();
    expect(await recentSeq()).toBe(32);
    store.record(makeResult('m', clock.now(), 'up'), 'up');
    await store.close();
    expect(await recentSeq()).toBe(33);
  });
});

/** Temp files of atomic writes ("<name>.<number>", or "….tmp" from before write-file-atomic). */
const isTempFile = (name: string): boolean => /\.(\d+|tmp)$/.test(name);

/**
 * Makes every write fail as a full disk does, until the returned function is called: writes through a
 * FileHandle (the raw log) and fs.write (write-file-atomic, for the state files).
 */
async function fillTheDisk(dir: string): Promise<() => void> {
  const probe = await openFile(join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(probe) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  await probe.close();
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  const full = () => Promise.reject(enospc());
  const fullCallback = (...args: unknown[]): void => {
    process.nextTick(args.at(-1) as (error: Error) => void, enospc());
  };
  const spies = [
    vi.spyOn(proto, 'write').mockImplementation(full),
    vi.spyOn(proto, 'writeFile').mockImplementation(full),
    vi.spyOn(fs, 'write').mockImplementation(fullCallback as unknown as typeof fs.write),
  ];
  return () => {
    for (const spy of spies) spy.mockRestore();
  };
}

describe('history on a full disk', () => {
  it('keeps every result in memory, reports one clear problem, and writes them all once space is back', async () => {
    const { dir, clock, open } = await harness.setup(T);
    const store = await open({ flushIntervalMs: 3_600_000 });
    const problems: Array<string | undefined> = [];
    store.onProblemChange((problem) => problems.push(problem));
    for (let i = 0; i < 100; i++) store.record(makeResult('m', T + i * 1000, 'up'), 'up');
    await store.flush();
    clock.advance(2 * MINUTE_MS);

    const spaceBack = await fillTheDisk(dir);
    for (let i = 100; i < 250; i++) store.record(makeResult('m', T + i * 1000, i % 3 ? 'up' : 'down'), i % 3 ? 'up' : 'down');
    await expect(store.flush()).rejects.toThrow(/ENOSPC/);
    expect(store.problem()).toBe('cannot write history: the disk is full (ENOSPC); new results wait in memory and will be written when it can');
    expect(store.pendingResults()).toBe(150);
    clock.advance(2 * MINUTE_MS);
    store.record(makeResult('m', T + 300_000, 'up'), 'up');
    await expect(store.flush()).rejects.toThrow(/ENOSPC/);
    expect(store.pendingResults()).toBe(151);
    // The same words: every front shows the problem once, not once a second.
    expect(problems.filter((problem) => problem !== undefined)).toHaveLength(1);

    spaceBack();
    await store.flush();
    expect(store.problem()).toBeUndefined();
    expect(problems.at(-1)).toBeUndefined();
    await store.close();
    expect((await readdir(join(dir, 'state'))).filter(isTempFile)).toEqual([]);

    const reopened = await open();
    const all = await reopened.results('m', 0, Number.POSITIVE_INFINITY);
    expect(all).toHaveLength(251);
    expect(new Set(all.map((r) => r.at)).size).toBe(251);
    expect(await totalInMinuteRollups(reopened, T - HOUR_MS, T + HOUR_MS)).toBe(251);
  });

  it('drops the oldest results past the cap and says how many', async () => {
    const { dir, open } = await harness.setup(T);
    const store = await open({ flushIntervalMs: 3_600_000, maxPendingResults: 10 });
    const spaceBack = await fillTheDisk(dir);
    for (let i = 0; i < 25; i++) store.record(makeResult('m', T + i * 1000, 'up'), 'up');
    await expect(store.flush()).rejects.toThrow(/ENOSPC/);
    expect(store.problem()).toMatch(/more than 10 waited, so the oldest are being dropped/);
    expect(store.pendingResults()).toBe(10);
    spaceBack();
    await store.close();
    const reopened = await open();
    expect((await reopened.results('m', 0, Number.POSITIVE_INFINITY)).map((r) => r.at)).toEqual(Array.from({ length: 10 }, (_, i) => T + (15 + i) * 1000));
  });
});

describe('damaged state files', () => {
  const damages: Record<string, (text: string) => string> = {
    truncated: (text) => text.slice(0, Math.floor(text.length / 2)),
    garbage: () => '\u0000\u0001 not json at all {{{',
    'the wrong shape': () => '{"cycle":"seven"}',
  };
  for (const file of ['checkpoint.json', 'journal.json', 'recent.json']) {
    for (const [how, damage] of Object.entries(damages)) {
      it(`${file} ${how}: start-up succeeds, the file is moved aside and reported, and the counts are rebuilt`, async () => {
        const { dir, clock, open } = await harness.setup(T);
        const store = await open({ flushIntervalMs: 3_600_000 });
        let recorded = 0;
        for (let i = 0; i < 180; i++) {
          store.record(makeResult('m', clock.now(), i % 5 ? 'up' : 'down'), i % 5 ? 'up' : 'down');
          recorded += 1;
          clock.advance(30_000);
          if (i % 20 === 0) await store.flush();
        }
        await store.flush();
        store.record(makeResult('m', clock.now(), 'up'), 'up');
        recorded += 1;
        // Not closed: as after a crash, so the raw log still holds results beyond the checkpoint.
        await store.flush();
        const path = join(dir, 'state', file);
        const text = await readFile(path, 'utf8').catch(() => '{"cycle":1,"sizes":{}}');
        await writeFile(path, damage(text));

        const reopened = await open();
        expect(reopened.openProblems).toHaveLength(1);
        expect(reopened.openProblems[0]).toContain(`history file ${file} was damaged`);
        const aside = (await readdir(join(dir, 'state'))).filter((name) => name.startsWith(`${file.replace('.json', '')}.corrupt-`));
        expect(aside).toHaveLength(1);
        expect(await totalInMinuteRollups(reopened, T - HOUR_MS, clock.now() + HOUR_MS)).toBe(recorded);
        expect(reopened.recent('m')).toHaveLength(100);
      });
    }
  }

  it('removes temp files a crash left behind', async () => {
    const { dir, open } = await harness.setup(T);
    await (await open()).close();
    // write-file-atomic's temp name, and one the writer before it left.
    await writeFile(join(dir, 'state', 'recent.json.3141592653'), '{"half');
    await writeFile(join(dir, 'state', 'checkpoint.json.4242.7.tmp'), '{"half');
    await open();
    expect((await readdir(join(dir, 'state'))).filter(isTempFile)).toEqual([]);
  });
});

describe('history file permissions', () => {
  it.skipIf(process.platform === 'win32')('folders are 0700 and files 0600', async () => {
    const { dir, open } = await harness.setup(T);
    const store = await open();
    store.record(makeResult('m', T, 'up'), 'up');
    await store.close();
    for (const sub of ['', 'results', 'state', 'rollups', 'incidents']) expect((await stat(join(dir, sub))).mode & 0o777).toBe(0o700);
    for (const name of await readdir(join(dir, 'results'))) expect((await stat(join(dir, 'results', name))).mode & 0o777).toBe(0o600);
    for (const name of await readdir(join(dir, 'state'))) expect((await stat(join(dir, 'state', name))).mode & 0o777).toBe(0o600);
  });
});
