// Expected HTTP statuses: numbers (200) and inclusive range strings ("200-299", or "204" as a string).

export interface StatusRange {
  min: number;
  max: number;
}

function parseCode(text: string, entry: number | string): number {
  if (!/^\d{3}$/.test(text)) {
    throw new Error(`expectedStatus: "${String(entry)}" is not a status code (100-599) or a range like "200-299"`);
  }
  const code = Number(text);
  if (code < 100 || code > 599) {
    throw new Error(`expectedStatus: ${code} is outside 100-599`);
  }
  return code;
}

/** Parses one expectedStatus entry; throws an Error naming the entry when it is malformed. */
export function parseStatusRange(entry: number | string): StatusRange {
  if (typeof entry === 'number') {
    const code = parseCode(Number.isInteger(entry) ? String(entry) : 'x', entry);
    return { min: code, max: code };
  }
  const parts = entry.trim().split(/\s*-\s*/);
  if (parts.length === 1) {
    const code = parseCode(parts[0] ?? '', entry);
    return { min: code, max: code };
  }
  if (parts.length !== 2) {
    throw new Error(`expectedStatus: "${entry}" is not a status code or a range like "200-299"`);
  }
  const min = parseCode(parts[0] ?? '', entry);
  const max = parseCode(parts[1] ?? '', entry);
  if (min > max) {
    throw new Error(`expectedStatus: range "${entry}" ends before it starts`);
  }
  return { min, max };
}

/** Parses every entry; an empty list is a configuration error (nothing could ever match). */
export function parseExpectedStatus(expected: ReadonlyArray<number | string>): StatusRange[] {
  if (expected.length === 0) throw new Error('expectedStatus: the list is empty');
  return expected.map(parseStatusRange);
}

/** True when `code` is one of the expected statuses. Throws on a malformed entry. */
export function statusMatches(code: number, expected: ReadonlyArray<number | string>): boolean {
  return parseExpectedStatus(expected).some((r) => code >= r.min && code <= r.max);
}

/** "200-299", "200, 204" or "200-299, 301": the expected statuses as a person reads them. */
export function formatExpectedStatus(expected: ReadonlyArray<number | string>): string {
  return parseExpectedStatus(expected)
    .map((r) => (r.min === r.max ? String(r.min) : `${r.min}-${r.max}`))
    .join(', ');
}
