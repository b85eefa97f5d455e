// Where in a window something keyed by an id falls, so a thousand of them do not fire in the same instant.

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
