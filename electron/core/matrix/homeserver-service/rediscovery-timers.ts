// One timer per homeserver for its next re-discovery, counted from its last discovery so a restart does not
// re-run them all, and offset by a hash of the name so many homeservers are not discovered in the same instant.
import { hashOffsetMs } from '../../scheduler/spread.ts';
import type { SchedulerClock, TimerHandle } from '../../scheduler/clock.ts';
import { MINUTE_MS } from '../../../shared/time.ts';

/** setTimeout's limit (2^31 - 1 ms, about 24.8 days); a longer delay would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** The spread is a 48th of the period, at most half an hour: a day's re-discoveries land within 30 minutes. */
const MAX_SPREAD_MS = 30 * MINUTE_MS;

export type Timers = Pick<SchedulerClock, 'setTimer' | 'clearTimer'>;

export const realTimers: Timers = {
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    // A day-long timer must not keep a CLI process alive on its own.
    timer.unref();
    return timer;
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RediscoveryTimers {
  private readonly handles = new Map<string, TimerHandle>();

  constructor(
    private readonly timers: Timers,
    private readonly now: () => number,
    private readonly run: (serverName: string) => void,
  ) {}

  /** (Re)arms serverName's timer to fire at dueAt (epoch ms) plus its spread offset. */
  schedule(serverName: string, dueAt: number, periodMs: number): void {
    this.cancel(serverName);
    const offset = hashOffsetMs(serverName, Math.min(periodMs / 48, MAX_SPREAD_MS));
    const delay = Math.min(Math.max(dueAt - this.now(), 0) + offset, MAX_DELAY_MS);
    this.handles.set(
      serverName,
      this.timers.setTimer(() => {
        this.handles.delete(serverName);
        this.run(serverName);
      }, delay),
    );
  }

  cancel(serverName: string): void {
    const handle = this.handles.get(serverName);
    if (handle === undefined) return;
    this.timers.clearTimer(handle);
    this.handles.delete(serverName);
  }

  stop(): void {
    for (const serverName of [...this.handles.keys()]) this.cancel(serverName);
  }
}
