import { describe, expect, it } from 'vitest';
import { describeUntil, formatClock, nextMorning } from '../../../electron/core/alerting/policy/local-time.ts';

const local = (y: number, mo: number, d: number, h: number, mi = 0): number => new Date(y, mo - 1, d, h, mi).getTime();

describe('local time words', () => {
  it('formats a clock time as HH:MM, zero-padded', () => {
    expect(formatClock(local(2025, 3, 4, 9, 5))).toBe('09:05');
    expect(formatClock(local(2025, 3, 4, 23, 59))).toBe('23:59');
  });

  it('finds the next 08:00: later today before 8, tomorrow from 8 on', () => {
    expect(nextMorning(local(2025, 3, 4, 2, 0))).toBe(local(2025, 3, 4, 8));
    expect(nextMorning(local(2025, 3, 4, 8, 0))).toBe(local(2025, 3, 5, 8));
    expect(nextMorning(local(2025, 3, 4, 21, 30))).toBe(local(2025, 3, 5, 8));
    expect(nextMorning(local(2025, 12, 31, 22))).toBe(local(2026, 1, 1, 8));
  });

  it('describes an end time briefly: today, tomorrow, or a full date', () => {
    const now = local(2025, 3, 4, 21, 0);
    expect(describeUntil(local(2025, 3, 4, 22, 15), now)).toBe('22:15');
    expect(describeUntil(local(2025, 3, 5, 8), now)).toBe('tomorrow 08:00');
    expect(describeUntil(local(2025, 3, 7, 8), now)).toBe('2025-03-07 08:00');
  });

  it('rejects a time that is not epoch milliseconds, naming it', () => {
    expect(() => formatClock(Number.NaN)).toThrow(/at must be epoch milliseconds/);
    expect(() => nextMorning(Infinity)).toThrow(/now must be epoch milliseconds/);
    expect(() => nextMorning(0, 24)).toThrow(/hour must be an integer 0-23/);
  });
});
