import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../../electron/core/scheduler/scheduler.ts';
import type { Monitor } from '../../../electron/shared/types.ts';
import { FakeClock, settle } from './fake-clock.ts';
import { tcpMonitor } from './monitors.ts';

interface HarnessOptions {
  maxConcurrent?: number;
  firstCheckGapMs?: number;
  /** How long each check takes, in fake ms. */
  checkMs?: number | ((monitor: Monitor) => number);
  failWith?: (monitor: Monitor) => Error | undefined;
}

/** A scheduler on a fake clock whose runCheck records when each check started and how many overlap. */
function harness(options: HarnessOptions = {}) {
  const clock = new FakeClock();
  const starts: Array<{ id: string; at: number; monitor: Monitor }> = [];
  const lateness: Array<{ id: string; ms: number }> = [];
  const errors: Array<{ id: string; error: unknown }> = [];
  const running = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  let maxPerMonitor = 0;
  const scheduler = new Scheduler({
    clock,
    maxConcurrent: options.maxConcurrent ?? 1000,
    firstCheckGapMs: options.firstCheckGapMs ?? 0,
    onLateness: (id, ms) => lateness.push({ id, ms }),
    onCheckError: (id, error) => errors.push({ id, error }),
    runCheck: async (monitor) => {
      starts.push({ id: monitor.id, at: clock.now(), monitor });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      running.set(monitor.id, (running.get(monitor.id) ?? 0) + 1);
      maxPerMonitor = Math.max(maxPerMonitor, running.get(monitor.id) ?? 0);
      try {
        const checkMs = typeof options.checkMs === 'function' ? options.checkMs(monitor) : (options.checkMs ?? 0);
        if (checkMs > 0) await clock.sleep(checkMs);
        const failure = options.failWith?.(monitor);
        if (failure !== undefined) throw failure;
      } finally {
        inFlight--;
        running.set(monitor.id, (running.get(monitor.id) ?? 1) - 1);
      }
    },
  });
  return {
    clock,
    scheduler,
    starts,
    lateness,
    errors,
    startsOf: (id: string) => starts.filter((start) => start.id === id).map((start) => start.at),
    maxInFlight: () => maxInFlight,
    maxPerMonitor: () => maxPerMonitor,
  };
}

/** Stops the scheduler, moving fake time on so the checks still in flight can end. */
async function finish(h: ReturnType<typeof harness>): Promise<void> {
  const stopping = h.scheduler.stop();
  await h.clock.advance(60_000);
  await stopping;
}

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

/** Most checks that started within the same second. */
function maxPerSecond(times: number[]): number {
  const counts = new Map<number, number>();
  for (const time of times) counts.set(Math.floor(time / 1000), (counts.get(Math.floor(time / 1000)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

function gapsOf(times: number[]): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.slice(1).map((time, i) => time - (sorted[i] as number));
}
const maxGap = (times: number[]): number => Math.max(...gapsOf(times));
const minGap = (times: number[]): number => Math.min(...gapsOf(times));

/** Most checks that started within the same millisecond. */
function maxPerMs(times: number[]): number {
  const counts = new Map<number, number>();
  for (const time of times) counts.set(Math.floor(time), (counts.get(Math.floor(time)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Scheduler: intervals', () => {
  it('checks each monitor on its own interval, counted from the due time rather than the end of the check', async () => {
    const h = harness({ checkMs: 300 });
    h.scheduler.start([tcpMonitor('a', 1), tcpMonitor('b', 2), tcpMonitor('c', 5)]);
    await h.clock.advance(10_000);
    expect(h.startsOf('a')).toEqual(range(0, 10_000, 1000));
    expect(h.startsOf('b')).toEqual(range(0, 10_000, 2000));
    expect(h.startsOf('c')).toEqual([0, 5000, 10_000]);
    expect(h.lateness.every((late) => late.ms === 0)).toBe(true);
    await finish(h);
  });

  it('clamps an interval below the 1 s minimum to 1 s', async () => {
    const h = harness();
    h.scheduler.start([tcpMonitor('fast', 0.01)]);
    await h.clock.advance(3000);
    expect(h.startsOf('fast')).toEqual([0, 1000, 2000, 3000]);
    await finish(h);
  });

  it('keeps a single timer pending however many monitors there are', async () => {
    const h = harness();
    h.scheduler.start(Array.from({ length: 200 }, (_, i) => tcpMonitor(`m${i}`, 1 + (i % 7))));
    await h.clock.advance(2500);
    expect(h.clock.pendingTimers).toBe(1);
    await finish(h);
    expect(h.clock.pendingTimers).toBe(0);
  });
});

describe('Scheduler: first checks are spread', () => {
  it('spreads 1,000 monitors of one interval evenly over it at start, from the first round on', async () => {
    const h = harness({ firstCheckGapMs: 500 });
    h.scheduler.start(Array.from({ length: 1000 }, (_, i) => tcpMonitor(`m${i}`, 60)));
    await h.clock.advance(59_999);
    const first = h.starts.map((start) => start.at);
    expect(first).toHaveLength(1000);
    expect(new Set(h.starts.map((start) => start.id)).size).toBe(1000);
    // The average is 1000 / 60 a second; the lane for early first checks adds at most 2 to any second.
    expect(maxPerSecond(first)).toBeLessThanOrEqual(1000 / 60 + 3);
    await h.clock.advance(60_000);
    const second = h.starts.slice(1000).map((start) => start.at);
    expect(second).toHaveLength(1000);
    expect(maxGap(second) - minGap(second)).toBeLessThanOrEqual(1);
    await finish(h);
  });

  it('checks a few monitors soon after start, then settles each into its own slot', async () => {
    const h = harness({ firstCheckGapMs: 500 });
    h.scheduler.start(Array.from({ length: 10 }, (_, i) => tcpMonitor(`m${i}`, 60)));
    await h.clock.advance(5000);
    // m0's slot is at 0 s; the others come through the lane, one every 500 ms.
    expect(h.starts.map((start) => start.at)).toEqual([0, ...range(0, 4000, 500)]);
    await h.clock.advance(120_000);
    const settled = h.starts.filter((start) => start.at >= 65_000).map((start) => start.at);
    expect(settled).toEqual(range(66_000, 120_000, 6000));
    await finish(h);
  });

  it('is deterministic', async () => {
    const run = async (): Promise<number[]> => {
      const h = harness({ firstCheckGapMs: 500 });
      h.scheduler.start(Array.from({ length: 1000 }, (_, i) => tcpMonitor(`m${i}`, 5)));
      await h.clock.advance(4999);
      await finish(h);
      return h.starts.map((start) => start.at);
    };
    const first = await run();
    expect(first).toHaveLength(1000);
    expect(Math.max(...first)).toBeLessThan(5000);
    expect(maxPerMs(first)).toBeLessThanOrEqual(2);
    expect(await run()).toEqual(first);
  });

  it('spreads an import of 300 monitors, added one by one while running, evenly over their interval', async () => {
    const h = harness({ firstCheckGapMs: 500 });
    h.scheduler.start([tcpMonitor('old', 60)]);
    await h.clock.advance(1000);
    for (let i = 0; i < 300; i++) h.scheduler.add(tcpMonitor(`added${i}`, 60));
    await h.clock.advance(60_000);
    const firstOf = new Map<string, number>();
    for (const start of h.starts) if (start.id !== 'old' && !firstOf.has(start.id)) firstOf.set(start.id, start.at);
    const first = [...firstOf.values()];
    expect(first).toHaveLength(300);
    expect(maxPerSecond(h.starts.map((start) => start.at))).toBeLessThanOrEqual(2 * (301 / 60) + 2);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(1000);
    expect(maxPerSecond(first)).toBeLessThanOrEqual(2 * (300 / 60) + 2);
    await h.clock.advance(60_000);
    const settled = h.starts.filter((start) => start.at >= 61_000).map((start) => start.at);
    expect(settled).toHaveLength(301);
    // Arriving one by one, the widest gap is at most twice the narrowest (slot-book.ts).
    expect(maxGap(settled)).toBeLessThanOrEqual(2 * minGap(settled) + 1);
    expect(maxPerSecond(settled)).toBeLessThanOrEqual(2 * (301 / 60) + 2);
    await finish(h);
  });
});

describe('Scheduler: one check of a monitor at a time', () => {
  it('runs the next check after a check that overran three intervals, with no burst of missed ticks', async () => {
    const h = harness({ checkMs: 3000 });
    h.scheduler.start([tcpMonitor('slow', 1)]);
    await h.clock.advance(20_000);
    expect(h.maxPerMonitor()).toBe(1);
    expect(h.startsOf('slow')).toEqual(range(0, 18_000, 3000));
    await finish(h);
  });

  it('never starts a check before the previous one ended when a check takes 1.5 intervals', async () => {
    const h = harness({ checkMs: 1500 });
    h.scheduler.start([tcpMonitor('slowish', 1)]);
    await h.clock.advance(20_000);
    const starts = h.startsOf('slowish');
    expect(h.maxPerMonitor()).toBe(1);
    expect(starts.length).toBeGreaterThanOrEqual(13);
    for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBe(1500);
    await finish(h);
  });

  it('fires once, late, after the event loop was blocked for many intervals, then returns to its slot', async () => {
    const h = harness();
    h.scheduler.start([tcpMonitor('a', 1), tcpMonitor('b', 2)]);
    await h.clock.advance(0);
    h.clock.stall(10_500);
    await h.clock.advance(0);
    expect(h.startsOf('a')).toEqual([0, 10_500]);
    expect(h.startsOf('b')).toEqual([0, 10_500]);
    expect(h.lateness.filter((late) => late.ms > 0)).toEqual([
      { id: 'a', ms: 9500 },
      { id: 'b', ms: 8500 },
    ]);
    await h.clock.advance(2000);
    expect(h.startsOf('a')).toEqual([0, 10_500, 11_000, 12_000]);
    expect(h.startsOf('b')).toEqual([0, 10_500, 12_000]);
    await finish(h);
  });
});

describe('Scheduler: concurrency limit', () => {
  it('never has more than maxConcurrent checks in flight and queues the rest FIFO', async () => {
    const h = harness({ maxConcurrent: 7, checkMs: 700 });
    const monitors = Array.from({ length: 100 }, (_, i) => tcpMonitor(`m${i}`, 1));
    h.scheduler.start(monitors);
    await h.clock.advance(0);
    expect(h.scheduler.stats()).toEqual({ inFlight: 7, queued: 93, monitors: 100 });
    expect(h.starts.map((start) => start.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    await h.clock.advance(20_000);
    expect(h.maxInFlight()).toBe(7);
    expect(h.maxPerMonitor()).toBe(1);
    // FIFO: overloaded 10x, every monitor still gets its turn, none more than one check ahead of another.
    const counts = monitors.map((monitor) => h.startsOf(monitor.id).length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    await finish(h);
  });

  it('reports the time spent queued as lateness', async () => {
    const h = harness({ maxConcurrent: 1, checkMs: 100 });
    h.scheduler.start([tcpMonitor('a', 60), tcpMonitor('b', 60), tcpMonitor('c', 60)]);
    await h.clock.advance(1000);
    expect(h.lateness).toEqual([
      { id: 'a', ms: 0 },
      { id: 'b', ms: 100 },
      { id: 'c', ms: 200 },
    ]);
    await finish(h);
  });
});

describe('Scheduler: the wall clock is never consulted', () => {
  it('fires exactly as before when Date.now jumps an hour forward and back, and never calls Date.now', async () => {
    const realNow = Date.now.bind(Date);
    let offsetMs = 0;
    const schedulerCalls: string[] = [];
    vi.spyOn(Date, 'now').mockImplementation(() => {
      const stack = new Error().stack ?? '';
      if (stack.includes('core/scheduler/')) schedulerCalls.push(stack);
      return realNow() + offsetMs;
    });
    const h = harness();
    h.scheduler.start([tcpMonitor('a', 1), tcpMonitor('b', 2)]);
    await h.clock.advance(2500);
    offsetMs = 3_600_000;
    h.scheduler.add(tcpMonitor('c', 1));
    await h.clock.advance(1000);
    offsetMs = -3_600_000;
    await h.clock.advance(1500);
    expect(h.startsOf('a')).toEqual(range(0, 5000, 1000));
    expect(h.startsOf('b')).toEqual([0, 2000, 4000]);
    expect(h.startsOf('c')).toHaveLength(3);
    expect(schedulerCalls).toEqual([]);
    await finish(h);
  });
});

describe('Scheduler: checkNow', () => {
  it('checks one monitor now, resolves when its check ends, then returns to its slot', async () => {
    const h = harness({ checkMs: 500 });
    h.scheduler.start([tcpMonitor('a', 60), tcpMonitor('b', 60)]);
    await h.clock.advance(10_000);
    let done = false;
    const check = h.scheduler.checkNow('a').then(() => {
      done = true;
    });
    await h.clock.advance(499);
    expect(done).toBe(false);
    await h.clock.advance(1);
    expect(done).toBe(true);
    await check;
    await h.clock.advance(60_000);
    // a's slot is at 0 s, b's at 30 s; the next check comes at least half an interval after the check now.
    expect(h.startsOf('a')).toEqual([0, 10_000, 60_000]);
    expect(h.startsOf('b')).toEqual([0, 30_000]);
    await finish(h);
  });

  it('checks every unpaused monitor when called without an id, through the concurrency limit', async () => {
    const h = harness({ maxConcurrent: 2, checkMs: 500 });
    const monitors = ['a', 'b', 'c', 'd', 'e'].map((id) => tcpMonitor(id, 60));
    h.scheduler.start([...monitors, tcpMonitor('paused', 60, { paused: true })]);
    await h.clock.advance(5000);
    const before = h.starts.length;
    let done = false;
    const check = h.scheduler.checkNow().then(() => {
      done = true;
    });
    await h.clock.advance(1000);
    expect(done).toBe(false);
    await h.clock.advance(500);
    expect(done).toBe(true);
    await check;
    expect(h.starts.slice(before).map((start) => start.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(h.maxInFlight()).toBe(2);
    expect(h.startsOf('paused')).toEqual([]);
    await finish(h);
  });

  it('waits for a check already in flight instead of starting a second one', async () => {
    const h = harness({ checkMs: 3000 });
    h.scheduler.start([tcpMonitor('a', 60)]);
    await h.clock.advance(1000);
    let done = false;
    const check = h.scheduler.checkNow('a').then(() => {
      done = true;
    });
    await h.clock.advance(1999);
    expect(done).toBe(false);
    await h.clock.advance(1);
    expect(done).toBe(true);
    await check;
    expect(h.startsOf('a')).toEqual([0]);
    expect(h.maxPerMonitor()).toBe(1);
    await finish(h);
  });

  it('names the unknown id', async () => {
    const h = harness();
    h.scheduler.start([]);
    expect(() => h.scheduler.checkNow('nope')).toThrow(/no monitor with id "nope"/);
    await finish(h);
  });
});

describe('Scheduler: add, update, remove and pause while running', () => {
  it('adds a monitor by hand: checked at once, then settles into its slot', async () => {
    const h = harness({ firstCheckGapMs: 500 });
    h.scheduler.start([tcpMonitor('old', 60)]);
    await h.clock.advance(5000);
    h.scheduler.add(tcpMonitor('new', 60));
    await h.clock.advance(0);
    expect(h.startsOf('new')).toEqual([5000]);
    await h.clock.advance(120_000);
    // The widest gap in the 60 s interval was 0 to 60 s: its slot is at 30 s.
    expect(h.startsOf('new')).toEqual([5000, 90_000]);
    expect(() => h.scheduler.add(tcpMonitor('new', 60))).toThrow(/"new" is already scheduled/);
    await finish(h);
  });

  it('applies a new interval from the moment of the edit and hands the check the new definition', async () => {
    const h = harness();
    h.scheduler.start([tcpMonitor('a', 10)]);
    await h.clock.advance(13_000);
    h.scheduler.update(tcpMonitor('a', 2, { port: 8443 }));
    await h.clock.advance(6000);
    expect(h.startsOf('a')).toEqual([0, 10_000, 15_000, 17_000, 19_000]);
    expect(h.starts.at(-1)?.monitor).toMatchObject({ port: 8443 });
    expect(() => h.scheduler.update(tcpMonitor('ghost', 1))).toThrow(/no monitor with id "ghost"/);
    await finish(h);
  });

  it('keeps the schedule when an edit leaves the interval alone', async () => {
    const h = harness();
    h.scheduler.start([tcpMonitor('a', 10)]);
    await h.clock.advance(13_000);
    h.scheduler.update(tcpMonitor('a', 10, { port: 2 }));
    await h.clock.advance(7000);
    expect(h.startsOf('a')).toEqual([0, 10_000, 20_000]);
    await finish(h);
  });

  it('lets a check in flight finish when its interval changes, then counts the new interval from the edit', async () => {
    const h = harness({ checkMs: 3000 });
    h.scheduler.start([tcpMonitor('a', 60)]);
    await h.clock.advance(1000);
    h.scheduler.update(tcpMonitor('a', 5));
    await h.clock.advance(9000);
    expect(h.startsOf('a')).toEqual([0, 6000]);
    expect(h.maxPerMonitor()).toBe(1);
    await finish(h);
  });

  it('removes a monitor: no further checks, even after a check in flight ends', async () => {
    const h = harness({ checkMs: 800 });
    h.scheduler.start([tcpMonitor('a', 1), tcpMonitor('b', 2)]);
    await h.clock.advance(2500);
    h.scheduler.remove('a');
    expect(h.scheduler.stats().monitors).toBe(1);
    await h.clock.advance(5000);
    expect(h.startsOf('a')).toEqual([0, 1000, 2000]);
    expect(h.startsOf('b')).toEqual(range(0, 6000, 2000));
    h.scheduler.remove('a');
    await finish(h);
  });

  it('drops the queued check of a monitor removed or paused while it waited for a slot', async () => {
    const h = harness({ maxConcurrent: 1, checkMs: 1000 });
    h.scheduler.start([tcpMonitor('first', 60), tcpMonitor('removed', 60), tcpMonitor('paused', 60)]);
    await h.clock.advance(500);
    expect(h.scheduler.stats().queued).toBe(2);
    h.scheduler.remove('removed');
    h.scheduler.setPaused('paused', true);
    await h.clock.advance(5000);
    expect(h.starts.map((start) => start.id)).toEqual(['first']);
    expect(h.scheduler.stats()).toEqual({ inFlight: 0, queued: 0, monitors: 2 });
    await finish(h);
  });

  it('does not check a paused monitor; unpausing checks it soon, then every interval', async () => {
    const h = harness({ firstCheckGapMs: 500 });
    h.scheduler.start([tcpMonitor('a', 1), tcpMonitor('born-paused', 1, { paused: true })]);
    await h.clock.advance(2500);
    const before = h.startsOf('a').length;
    h.scheduler.setPaused('a', true);
    await h.clock.advance(4000);
    expect(h.startsOf('a')).toHaveLength(before);
    h.scheduler.setPaused('a', false);
    await h.clock.advance(3000);
    // At once, then back in its slot (0 ms into each second).
    expect(h.startsOf('a').slice(before)).toEqual([6500, 7000, 8000, 9000]);
    expect(h.startsOf('born-paused')).toEqual([]);
    await expect(h.scheduler.checkNow('born-paused')).resolves.toBeUndefined();
    expect(h.startsOf('born-paused')).toEqual([]);
    await finish(h);
  });

  it('pauses and unpauses through update() as well', async () => {
    const h = harness();
    h.scheduler.start([tcpMonitor('a', 1)]);
    await h.clock.advance(1500);
    h.scheduler.update(tcpMonitor('a', 1, { paused: true }));
    await h.clock.advance(5000);
    expect(h.startsOf('a')).toEqual([0, 1000]);
    h.scheduler.update(tcpMonitor('a', 1, { paused: false }));
    await h.clock.advance(2000);
    expect(h.startsOf('a').length).toBeGreaterThanOrEqual(4);
    await finish(h);
  });
});

describe('Scheduler: suspend and resume', () => {
  it('checks nothing while suspended, checks every monitor once after the settle time, then keeps the intervals', async () => {
    const h = harness({ firstCheckGapMs: 500 });
    h.scheduler.start([tcpMonitor('a', 1), tcpMonitor('b', 1), tcpMonitor('c', 1), tcpMonitor('p', 1, { paused: true })]);
    await h.clock.advance(3000);
    h.scheduler.suspend();
    const before = h.starts.length;
    await h.clock.advance(3_600_000);
    expect(h.starts.length).toBe(before);
    expect(h.clock.pendingTimers).toBe(0);
    await h.scheduler.checkNow();
    expect(h.starts.length).toBe(before);

    const resumedAt = h.clock.now();
    h.scheduler.resume(5000);
    await h.clock.advance(4999);
    expect(h.starts.length).toBe(before);
    await h.clock.advance(1000);
    const once = h.starts.slice(before);
    expect(once.map((start) => start.id).sort()).toEqual(['a', 'b', 'c']);
    for (const start of once) expect(start.at - resumedAt).toBeGreaterThanOrEqual(5000);
    await h.clock.advance(2000);
    const slots = new Set<number>();
    for (const id of ['a', 'b', 'c']) {
      const [, ...settled] = h.startsOf(id).filter((at) => at >= resumedAt);
      expect(gapsOf(settled)).toEqual([1000]);
      slots.add((settled[0] ?? 0) % 1000);
    }
    // Back in their three slots, a third of a second apart.
    expect([...slots].sort()).toEqual([0, 333, 666]);
    expect(h.startsOf('p')).toEqual([]);
    await finish(h);
  });

  it('lets checks in flight finish on suspend but drops queued ones and schedules nothing after them', async () => {
    const h = harness({ maxConcurrent: 1, checkMs: 500 });
    h.scheduler.start([tcpMonitor('a', 1), tcpMonitor('b', 1)]);
    await h.clock.advance(100);
    h.scheduler.suspend();
    await h.clock.advance(10_000);
    expect(h.starts.map((start) => start.id)).toEqual(['a']);
    expect(h.scheduler.stats()).toEqual({ inFlight: 0, queued: 0, monitors: 2 });
    h.scheduler.resume(0);
    await h.clock.advance(900);
    expect(h.starts.map((start) => start.id)).toEqual(['a', 'a', 'b']);
    await finish(h);
  });

  it('after resume, checks a monitor whose check was still in flight once that check ends', async () => {
    const h = harness({ checkMs: 3000 });
    h.scheduler.start([tcpMonitor('a', 60)]);
    await h.clock.advance(100);
    h.scheduler.suspend();
    h.scheduler.resume(1000);
    await h.clock.advance(5000);
    expect(h.startsOf('a')).toEqual([0, 3000]);
    expect(h.maxPerMonitor()).toBe(1);
    await finish(h);
  });
});

describe('Scheduler: stop and errors', () => {
  it('waits for checks in flight, then fires nothing more', async () => {
    const h = harness({ checkMs: 2000 });
    h.scheduler.start([tcpMonitor('a', 1), tcpMonitor('b', 1)]);
    await h.clock.advance(500);
    let stopped = false;
    const stopping = h.scheduler.stop().then(() => {
      stopped = true;
    });
    await h.clock.advance(1000);
    expect(stopped).toBe(false);
    await h.clock.advance(500);
    expect(stopped).toBe(true);
    await stopping;
    await h.clock.advance(10_000);
    expect(h.starts).toHaveLength(2);
    expect(h.clock.pendingTimers).toBe(0);
    expect(h.scheduler.stats()).toEqual({ inFlight: 0, queued: 0, monitors: 0 });
    expect(() => h.scheduler.add(tcpMonitor('c', 1))).toThrow(/not running/);
    h.scheduler.start([tcpMonitor('c', 1)]);
    await h.clock.advance(0);
    expect(h.startsOf('c')).toEqual([12_000]);
    await finish(h);
  });

  it('reports a check that throws and keeps its schedule', async () => {
    const h = harness({ failWith: (monitor) => (monitor.id === 'bad' ? new Error('boom') : undefined) });
    h.scheduler.start([tcpMonitor('bad', 1)]);
    await h.clock.advance(2000);
    expect(h.startsOf('bad')).toEqual([0, 1000, 2000]);
    expect(h.errors.map((error) => [error.id, (error.error as Error).message])).toEqual([
      ['bad', 'boom'],
      ['bad', 'boom'],
      ['bad', 'boom'],
    ]);
    await finish(h);
  });

  it('rejects bad options and bad monitors with an error naming the field', async () => {
    const runCheck = async (): Promise<void> => {};
    expect(() => new Scheduler({ runCheck, maxConcurrent: 0 })).toThrow(/maxConcurrent/);
    expect(() => new Scheduler({ runCheck, maxConcurrent: 1.5 })).toThrow(/maxConcurrent/);
    expect(() => new Scheduler({ runCheck, maxConcurrent: 1, firstCheckGapMs: -1 })).toThrow(/firstCheckGapMs/);
    const scheduler = new Scheduler({ runCheck, maxConcurrent: 1, clock: new FakeClock() });
    expect(() => scheduler.start([tcpMonitor('a', Number.NaN)])).toThrow(/"a": intervalSeconds/);
    expect(() => scheduler.start([tcpMonitor('', 1)])).toThrow(/monitor id/);
    expect(() => scheduler.start([tcpMonitor('a', 1), tcpMonitor('a', 2)])).toThrow(/"a" appears more than once/);
    scheduler.start([tcpMonitor('a', 1)]);
    expect(() => scheduler.start([])).toThrow(/already started/);
    expect(() => scheduler.resume(Number.NaN)).toThrow(/settleMs/);
    expect(() => scheduler.setPaused('zzz', true)).toThrow(/"zzz"/);
    await settle();
    await scheduler.stop();
  });
});
