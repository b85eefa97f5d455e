import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDays, formatDuration } from '../../electron/shared/format-duration.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../electron/shared/time.ts';

describe('formatDuration', () => {
  it('shows the two largest units, the second only when it is not zero', () => {
    expect(formatDuration(4 * MINUTE_MS + 12 * SECOND_MS)).toBe('4 min 12 s');
    expect(formatDuration(HOUR_MS + 5 * MINUTE_MS + 30 * SECOND_MS)).toBe('1 h 5 min');
    expect(formatDuration(3 * DAY_MS + 2 * HOUR_MS + 59 * MINUTE_MS)).toBe('3 d 2 h');
    expect(formatDuration(45 * SECOND_MS)).toBe('45 s');
    // The units are adjacent: a zero minor unit is left out, never replaced by a smaller one.
    expect(formatDuration(HOUR_MS + 30 * SECOND_MS)).toBe('1 h');
    expect(formatDuration(DAY_MS + 59 * MINUTE_MS)).toBe('1 d');
  });

  it('floors, so an outage just short of an hour never reads as one', () => {
    expect(formatDuration(HOUR_MS - 1)).toBe('59 min 59 s');
    expect(formatDuration(59_999)).toBe('59 s');
    expect(formatDuration(59_999.9)).toBe('59 s');
    expect(formatDuration(DAY_MS - 1)).toBe('23 h 59 min');
    expect(formatDuration(45_999)).toBe('45 s');
  });

  it('says exact units without a zero second unit', () => {
    expect(formatDuration(SECOND_MS)).toBe('1 s');
    expect(formatDuration(MINUTE_MS)).toBe('1 min');
    expect(formatDuration(HOUR_MS)).toBe('1 h');
    expect(formatDuration(2 * HOUR_MS)).toBe('2 h');
    expect(formatDuration(24 * HOUR_MS)).toBe('1 d');
    expect(formatDuration(48 * HOUR_MS)).toBe('2 d');
    expect(formatDuration(400 * DAY_MS)).toBe('400 d');
  });

  it('tells nothing from less than a second', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(1)).toBe('< 1 s');
    expect(formatDuration(999)).toBe('< 1 s');
    expect(formatDuration(0.5)).toBe('< 1 s');
  });

  it('never throws: a negative duration (a clock that jumped back) is 0 s, a non-number is unknown', () => {
    expect(formatDuration(-1)).toBe('0 s');
    expect(formatDuration(-5 * HOUR_MS)).toBe('0 s');
    expect(formatDuration(Number.NaN)).toBe('an unknown time');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('an unknown time');
    expect(formatDuration(Number.NEGATIVE_INFINITY)).toBe('an unknown time');
  });

  it('never says more than happened, in at most two numbers', () => {
    const toMs = (text: string): number => {
      const size: Record<string, number> = { d: DAY_MS, h: HOUR_MS, min: MINUTE_MS, s: SECOND_MS };
      const parts = [...text.matchAll(/(\d+) (d|h|min|s)/g)];
      return parts.reduce((sum, [, n, unit]) => sum + Number(n) * size[unit!]!, 0);
    };
    fc.assert(
      fc.property(fc.integer({ min: SECOND_MS, max: 1_000 * DAY_MS }), (ms) => {
        const text = formatDuration(ms);
        expect(text.match(/\d+/g)?.length).toBeLessThanOrEqual(2);
        expect(toMs(text)).toBeLessThanOrEqual(ms);
      }),
    );
  });
});

describe('formatDays', () => {
  it('counts whole days in words', () => {
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(0)).toBe('0 days');
    expect(formatDays(7)).toBe('7 days');
    expect(formatDays(30)).toBe('30 days');
  });
});
