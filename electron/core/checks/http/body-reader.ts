// Reads a response body only as far as the verdict needs: until the keyword shows up, the body
// ends, or maxBodyBytes have arrived. Nothing but the scanner's short tail is ever held.
import type { KeywordScanner } from './keyword-scanner.ts';

export interface BodyReadout {
  /** Bytes looked at (never more than maxBytes). */
  bytes: number;
  /** Reading stopped at maxBytes with more body possibly left. */
  capped: boolean;
  /** Whether the keyword was seen; false when there is no scanner. */
  found: boolean;
}

export async function readBody(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  scanner?: KeywordScanner,
): Promise<BodyReadout> {
  let bytes = 0;
  // Leaving the loop early (break or return) makes the iterator destroy the stream, and with it the socket.
  for await (const received of body) {
    const room = maxBytes - bytes;
    const chunk = received.length > room ? received.subarray(0, room) : received;
    bytes += chunk.length;
    if (scanner?.push(chunk)) return { bytes, capped: false, found: true };
    if (bytes >= maxBytes) return { bytes, capped: true, found: scanner?.finish() ?? false };
  }
  return { bytes, capped: false, found: scanner?.finish() ?? false };
}
