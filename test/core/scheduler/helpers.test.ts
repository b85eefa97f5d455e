// The scheduler's small pure parts: cadence arithmetic, spreading, the due-time heap and the limiter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cadenceAnchor, intervalMsOf } from '../../../electron/core/scheduler/cadence.ts';
import { ConcurrencyLimiter } from '../../../electron/core/scheduler/concurrency-limiter.ts';
import { DueQueue } from '../../../electron/core/scheduler/due-queue.ts';
import { SlotBook, slotAtOrAfter } from '../../../electron/core/scheduler/slot-book.ts';
import { hashOffsetMs } from '../../../electron/core/scheduler/spread.ts';
import { tcpMonitor } from './monitors.ts';

describe('cadence', () => {
  it('converts and clamps intervals, and names the field when it is not a number', () => {
    expect(intervalMsOf(tcpMonitor('a', 60))).toBe(60_000);
    expect(intervalMsOf(tcpMonitor('a', 0))).toBe(1000);
    expect(intervalMsOf(tcpMonitor('a', 0.05), 10)).toBe(50);
    expect(() => intervalMsOf(tcpMonitor('a', Number.POSITIVE_INFINITY))).toThrow(/"a": intervalSeconds must be a finite number/);
  });

  it('restarts the cadence from a check that started a whole interval late', () => {
    expect(cadenceAnchor(1000, 1500, 1000)).toBe(1000);
    expect(cadenceAnchor(1000, 2000, 1000)).toBe(2000);
  });
});

describe('spread', () => {
  it('spaces the slots of monitors known together evenly, starting at the phase of `from`', () => {
    expect(SlotBook.evenPhases(1000, 4, 0)).toEqual([0, 250, 500, 750]);
    expect(SlotBook.evenPhases(1000, 4, 2600)).toEqual([600, 850, 100, 350]);
  });

  it('gives monitors arriving one by one slots whose widest gap is at most twice the narrowest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 400 }), fc.integer({ min: 0, max: 1e9 }), (count, now) => {
        const book = new SlotBook();
        const phases: number[] = [];
        for (let i = 0; i < count; i++) {
          const phase = book.pick(20_000, now + i);
          book.take(20_000, phase);
          phases.push(phase);
        }
        phases.sort((a, b) => a - b);
        const gaps = phases.map((phase, i) => (i + 1 < phases.length ? (phases[i + 1] as number) : (phases[0] as number) + 20_000) - phase);
        expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * Math.min(...gaps) + 1);
      }),
      { numRuns: 30 },
    );
  });

  it('finds the next time on a slot, and frees a slot for the next monitor', () => {
    expect(slotAtOrAfter(250, 1000, 3250)).toBe(3250);
    expect(slotAtOrAfter(250, 1000, 3251)).toBe(4250);
    expect(slotAtOrAfter(250, 1000, 3100.5)).toBe(3250);
    const book = new SlotBook();
    expect(book.pick(1000, 1_234_567)).toBe(567);
    book.take(1000, 0);
    book.take(1000, 500);
    book.release(1000, 500);
    expect(book.pick(1000, 0)).toBe(500);
  });

  it('places an id at the same offset every time, inside the window, and spreads similar ids apart', () => {
    expect(hashOffsetMs('monitor-1', 1000)).toBe(hashOffsetMs('monitor-1', 1000));
    expect(hashOffsetMs('anything', 0)).toBe(0);
    const offsets = Array.from({ length: 1000 }, (_, i) => hashOffsetMs(`m${i}`, 10_000));
    for (const offset of offsets) {
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(10_000);
    }
    // Ten equal buckets of the window each hold a fair share: no clumping of similar ids.
    const buckets = Array.from({ length: 10 }, (_, b) => offsets.filter((o) => Math.floor(o / 1000) === b).length);
    for (const count of buckets) expect(count).toBeGreaterThan(60);
  });
});

describe('DueQueue', () => {
  it('pops in due order, ties in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (dues) => {
        const queue = new DueQueue<number>();
        dues.forEach((due, index) => queue.push(due, index));
        const popped: Array<[number, number]> = [];
        for (let next = queue.pop(); next !== undefined; next = queue.pop()) popped.push([next.dueAt, next.item]);
        const expected = dues.map((due, index): [number, number] => [due, index]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('keeps only what retain() accepts, still in order', () => {
    const queue = new DueQueue<string>();
    for (const [due, item] of [[5, 'e'], [1, 'a'], [3, 'c'], [2, 'b'], [4, 'd']] as const) queue.push(due, item);
    queue.retain((item) => item !== 'c');
    const items: string[] = [];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) items.push(next.item);
    expect(items).toEqual(['a', 'b', 'd', 'e']);
  });
});

describe('ConcurrencyLimiter', () => {
  it('runs at most maxConcurrent tasks at once, starts the rest in FIFO order, and passes results and errors through', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const started: number[] = [];
    const release: Array<() => void> = [];
    let running = 0;
    let maxRunning = 0;
    const tasks = [0, 1, 2, 3, 4].map((n) =>
      limiter.run(async () => {
        started.push(n);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((resolve) => release.push(resolve));
        running--;
        if (n === 3) throw new Error('task 3 failed');
        return n * 10;
      }),
    );
    const settled = Promise.allSettled(tasks);
    expect(started).toEqual([0, 1]);
    expect([limiter.active, limiter.queued]).toEqual([2, 3]);
    while (release.length > 0) {
      release.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await settled;
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(maxRunning).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 10, 20, 'task 3 failed', 40]);
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });

  it('frees the slot of a task that throws synchronously', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await expect(
      limiter.run(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it('names maxConcurrent when it is not a positive integer', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(/maxConcurrent must be an integer of at least 1, got 0/);
    expect(() => new ConcurrencyLimiter(1).setMaxConcurrent(1.5)).toThrow(/got 1.5/);
  });

  it('takes a new limit while running: a higher one starts waiting tasks now, a lower one lets running tasks finish', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release: Array<() => void> = [];
    const tasks = [0, 1, 2, 3].map(() => limiter.run(() => new Promise<void>((resolve) => release.push(resolve))));
    expect([limiter.active, limiter.queued]).toEqual([1, 3]);
    limiter.setMaxConcurrent(3);
    expect([limiter.active, limiter.queued]).toEqual([3, 1]);
    limiter.setMaxConcurrent(1);
    release.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
    // Two still run, above the new limit of one: nothing new starts until they are below it.
    expect([limiter.active, limiter.queued]).toEqual([2, 1]);
    release.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect([limiter.active, limiter.queued]).toEqual([1, 1]);
    release.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect([limiter.active, limiter.queued]).toEqual([1, 0]);
    release.shift()?.();
    await Promise.all(tasks);
  });
});
