import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatExpectedStatus,
  parseStatusRange,
  statusMatches,
} from '../../../electron/core/checks/http/status-ranges.ts';

describe('statusMatches', () => {
  it('matches numbers exactly', () => {
    expect(statusMatches(200, [200])).toBe(true);
    expect(statusMatches(201, [200])).toBe(false);
    expect(statusMatches(404, [200, 404])).toBe(true);
  });

  it('matches inclusive ranges and single codes written as strings', () => {
    expect(statusMatches(200, ['200-299'])).toBe(true);
    expect(statusMatches(299, ['200-299'])).toBe(true);
    expect(statusMatches(300, ['200-299'])).toBe(false);
    expect(statusMatches(199, ['200-299'])).toBe(false);
    expect(statusMatches(301, ['200-299', '301'])).toBe(true);
    expect(statusMatches(302, [' 300 - 399 '])).toBe(true);
  });

  it('agrees with a plain comparison for any code and range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.integer({ min: 100, max: 599 }), fc.integer({ min: 100, max: 599 }), (code, a, b) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        expect(statusMatches(code, [`${min}-${max}`])).toBe(code >= min && code <= max);
      }),
    );
  });

  it('rejects malformed entries with an error naming the field', () => {
    expect(() => parseStatusRange('2xx')).toThrow(/expectedStatus: "2xx"/);
    expect(() => parseStatusRange('299-200')).toThrow(/ends before it starts/);
    expect(() => parseStatusRange('200-299-300')).toThrow(/expectedStatus/);
    expect(() => parseStatusRange(700)).toThrow(/outside 100-599/);
    expect(() => parseStatusRange(200.5)).toThrow(/expectedStatus/);
    expect(() => statusMatches(200, [])).toThrow(/expectedStatus: the list is empty/);
  });

  it('formats what it expects for messages', () => {
    expect(formatExpectedStatus(['200-299'])).toBe('200-299');
    expect(formatExpectedStatus([200, '204', '300-302'])).toBe('200, 204, 300-302');
  });
});
