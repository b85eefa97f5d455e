import { describe, expect, it } from 'vitest';
import { TrustedTime } from '../../../electron/core/history/trusted-time.ts';
import { DAY_MS, HOUR_MS } from '../../../electron/shared/time.ts';

const T = Date.UTC(2026, 5, 15, 12);

function clocks(wall = T) {
  const c = { wall, monotonic: 5_000 };
  return {
    c,
    time: (newestOnDisk?: number) => new TrustedTime({ wallNow: () => c.wall, monotonicNow: () => c.monotonic, newestOnDisk }),
    pass: (ms: number) => {
      c.wall += ms;
      c.monotonic += ms;
    },
  };
}

describe('TrustedTime', () => {
  it('believes a clock that keeps step with the monotonic clock, and a night of sleep', () => {
    const { c, time, pass } = clocks();
    const trusted = time(T - HOUR_MS);
    pass(HOUR_MS);
    expect(trusted.pruneTime()).toBe(c.wall);
    c.wall += 10 * HOUR_MS; // asleep: the monotonic clock stopped
    expect(trusted.pruneTime()).toBe(c.wall);
  });

  it('refuses a jump of 400 days either way, and believes the clock again when it comes back', () => {
    const { c, time, pass } = clocks();
    const trusted = time(T);
    c.wall += 400 * DAY_MS;
    expect(trusted.pruneTime()).toBeUndefined();
    expect(trusted.writeTime()).toBe(T);
    c.wall = T - 400 * DAY_MS;
    expect(trusted.pruneTime()).toBeUndefined();
    c.wall = T;
    pass(HOUR_MS);
    expect(trusted.pruneTime()).toBe(T + HOUR_MS);
  });

  it('believes a new reading that lasted a day of running: a week-long sleep, a clock really corrected', () => {
    const { c, time, pass } = clocks();
    const trusted = time(T);
    c.wall += 7 * DAY_MS;
    expect(trusted.pruneTime()).toBeUndefined();
    pass(12 * HOUR_MS);
    expect(trusted.pruneTime()).toBeUndefined();
    pass(12 * HOUR_MS);
    expect(trusted.pruneTime()).toBe(c.wall);
  });

  it('at start, a clock far past the newest data waits for its day of probation; one near it is believed at once', () => {
    const { c, time, pass } = clocks();
    expect(time(T - HOUR_MS).pruneTime()).toBe(T);
    const afterAMonthOff = time(T - 30 * DAY_MS);
    expect(afterAMonthOff.pruneTime()).toBeUndefined();
    // New results are filed by the clock meanwhile: under a day 27 days ago they would be pruned with it.
    expect(afterAMonthOff.writeTime()).toBe(c.wall);
    pass(DAY_MS);
    expect(afterAMonthOff.pruneTime()).toBe(c.wall);
  });
});
