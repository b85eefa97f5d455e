import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findJsonError } from '../../electron/shared/json-error-position.ts';

describe('findJsonError', () => {
  it('finds the line and column of the first error', () => {
    expect(findJsonError('{\n  "a": 1,\n  "b": }')).toMatchObject({ line: 3, column: 8 });
    expect(findJsonError('{"a": 1,}')).toMatchObject({ line: 1, reason: 'trailing comma before "}"' });
    expect(findJsonError('{"a": 1')).toMatchObject({ reason: expect.stringContaining('end of input') });
    expect(findJsonError("{'a': 1}")).toMatchObject({ column: 2, reason: expect.stringContaining('property name') });
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonError(text)).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonError(text) === undefined).toBe(valid);
      }),
    );
  });
});

describe('findJsonError on hostile input', () => {
  it('200,000 nested "[" give a position, not a stack overflow', () => {
    const text = '['.repeat(200_000);
    expect(findJsonError(text)).toEqual({ offset: 200_000, line: 1, column: 200_001, reason: 'unexpected end of input where a value should be' });
    expect(findJsonError(`{"a":${'['.repeat(200_000)}1${']'.repeat(199_999)}}`)).toMatchObject({ reason: 'unexpected "}" where "," or "]" should be' });
  });

  it('a deep but valid document is valid', () => {
    expect(findJsonError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeUndefined();
    expect(findJsonError('{"a":[{"b":[1,2,{"c":{}}]}],"d":[]}')).toBeUndefined();
  });
});
