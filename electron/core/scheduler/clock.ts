// The scheduler's only source of time. Monotonic on purpose: Date.now() jumps when the user or NTP
// moves the wall clock, and a scheduler built on it would burst (clock moved forward) or stall (moved back).

/** Whatever the clock's setTimer returns; only ever handed back to its clearTimer. Never null: the scheduler's "no timer". */
export type TimerHandle = NonNullable<unknown>;

export interface SchedulerClock {
  /** Monotonic milliseconds; only differences between two readings mean anything. */
  now(): number;
  setTimer(fn: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** performance.now() and the Node timers: both follow the monotonic clock, never the wall clock. */
export const systemClock: SchedulerClock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  // The handle can only have come from setTimer above.
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
