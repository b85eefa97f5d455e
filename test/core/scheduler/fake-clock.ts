// A SchedulerClock the test drives by hand: time moves only in advance() or stall().
import type { SchedulerClock, TimerHandle } from '../../../electron/core/scheduler/clock.ts';

interface FakeTimer {
  at: number;
  fn: () => void;
}

/** Lets every promise chain that is ready run to its end (microtasks drain before each macrotask). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeClock implements SchedulerClock {
  #now = 0;
  #nextId = 1;
  // Map keeps insertion order: timers due at the same ms fire in the order they were set.
  readonly #timers = new Map<number, FakeTimer>();

  now(): number {
    return this.#now;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), fn });
    return id;
  }

  clearTimer(handle: TimerHandle): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward by ms, firing each due timer at its own time, in order, settling promises between them. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (let next = this.#earliest(target); next !== undefined; next = this.#earliest(target)) {
      const [id, timer] = next;
      this.#timers.delete(id);
      this.#now = Math.max(this.#now, timer.at);
      timer.fn();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /** Moves time forward WITHOUT firing timers, like an event loop blocked for ms; the next advance() fires them late. */
  stall(ms: number): void {
    this.#now += ms;
  }

  /** Resolves after ms of fake time (for slow fake checks). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(resolve, ms));
  }

  #earliest(limit: number): [number, FakeTimer] | undefined {
    let best: [number, FakeTimer] | undefined;
    for (const entry of this.#timers) {
      if (entry[1].at <= limit && (best === undefined || entry[1].at < best[1].at)) best = entry;
    }
    return best;
  }
}
