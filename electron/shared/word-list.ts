// A list in a sentence, the same in the engine's diagnosis and the dashboard's words.

/** "a", "a and b", "a, b and c". */
export function wordList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
