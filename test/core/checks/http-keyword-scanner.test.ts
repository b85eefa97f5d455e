import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeywordScanner } from '../../../electron/core/checks/http/keyword-scanner.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Feeds `body` to a scanner in pieces cut at the given byte offsets. */
function scanInPieces(keyword: string, body: Uint8Array, cuts: number[], caseInsensitive = false): boolean {
  const scanner = new KeywordScanner(keyword, caseInsensitive);
  const points = [...new Set(cuts.map((c) => c % (body.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...points, body.length]) {
    if (scanner.push(body.subarray(from, to))) return true;
    from = to;
  }
  return scanner.finish();
}

describe('KeywordScanner', () => {
  it('finds a keyword split across chunks', () => {
    const scanner = new KeywordScanner('versions', false);
    expect(scanner.push(bytes('{"ver'))).toBe(false);
    expect(scanner.push(bytes('sions":[]}'))).toBe(true);
    expect(scanner.found).toBe(true);
  });

  it('finds a keyword whose multi-byte character is split between chunks', () => {
    const body = bytes('prefix: héllo wörld');
    const cut = body.indexOf(0xc3) + 1; // inside the two bytes of "é"
    expect(scanInPieces('héllo', body, [cut])).toBe(true);
  });

  it('honours case-insensitivity only when asked', () => {
    expect(scanInPieces('VERSIONS', bytes('{"versions":[]}'), [4], true)).toBe(true);
    expect(scanInPieces('VERSIONS', bytes('{"versions":[]}'), [4], false)).toBe(false);
    expect(scanInPieces('ΟΔΟΣ', bytes('Η ΟΔΟΣΑ'), [5], true)).toBe(true); // σ vs final ς
  });

  it('does not find what is not there', () => {
    expect(scanInPieces('versions', bytes('{"ver":1,"sions":2}'), [3, 7])).toBe(false);
  });

  it('rejects an empty keyword', () => {
    expect(() => new KeywordScanner('', false)).toThrow(/keyword/);
  });

  it('finds the keyword however the body is cut, exactly when the body contains it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        (before, keyword, after, include, cuts) => {
          const text = include ? before + keyword + after : before + after;
          expect(scanInPieces(keyword, bytes(text), cuts)).toBe(text.includes(keyword));
        },
      ),
    );
  });
});
