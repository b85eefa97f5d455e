// Where in a window a monitor's first check falls, so a thousand monitors do not fire in the same instant.

/**
 * Offset of the index-th of count checks spread evenly over windowMs.
 * Used when the whole list is known (start, resume): evenly by index gives the smallest possible
 * burst (windowMs / count apart) and is deterministic, which the tests and the benchmark rely on.
 */
export function evenOffsetMs(index: number, count: number, windowMs: number): number {
  if (count <= 0 || windowMs <= 0) return 0;
  return Math.floor((index * windowMs) / count);
}

/**
 * Offset for one monitor on its own (added or unpaused while running), from a hash of its id:
 * there is no index to use, and the same id always lands in the same place.
 */
export function hashOffsetMs(id: string, windowMs: number): number {
  if (windowMs <= 0) return 0;
  return Math.floor((hashId(id) / 0x1_0000_0000) * windowMs);
}

/**
 * FNV-1a, 32 bits, then murmur3's finaliser: FNV alone leaves ids that differ in their last
 * character ("m1", "m2", ...) close together in the high bits, which is where the offset comes from.
 */
function hashId(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
