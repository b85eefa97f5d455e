// Canonical JSON as the Matrix spec defines it (appendix "Canonical JSON"): object keys sorted by code point,
// no insignificant whitespace, UTF-8 left unescaped, integers only. Signatures are computed over these exact bytes,
// so two servers must produce the same text for the same value.

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

/** Code-point order: JavaScript's default sort compares UTF-16 units, which differs for characters above U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const diff = (left[i] as string).codePointAt(0)! - (right[i] as string).codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

function encode(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    // The spec allows integers in the range where doubles are exact; anything else cannot be signed portably.
    if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(`${path}: ${value} is not an integer in ±(2^53 - 1)`);
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, i) => encode(item, `${path}[${i}]`)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${encode(v, `${path}.${key}`)}`).join(',')}}`;
  }
  throw new CanonicalJsonError(`${path}: a ${typeof value} has no JSON form`);
}

/** The canonical JSON text of value; throws CanonicalJsonError naming the path of a value JSON cannot sign. */
export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}
