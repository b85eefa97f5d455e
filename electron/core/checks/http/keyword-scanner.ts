// Finds a keyword in a body that arrives in chunks, holding only a short tail between chunks.
// Chunks are decoded with a streaming TextDecoder so a multi-byte character split across
// network chunks is decoded whole, and the tail keeps a keyword split across chunks findable.

function fold(text: string, caseInsensitive: boolean): string {
  // Final sigma lower-cases differently depending on what follows it; fold both forms together.
  return caseInsensitive ? text.toLowerCase().replaceAll('ς', 'σ') : text;
}

export class KeywordScanner {
  private readonly needle: string;
  private readonly decoder = new TextDecoder('utf-8');
  private tail = '';
  private seen = false;

  constructor(
    keyword: string,
    private readonly caseInsensitive: boolean,
  ) {
    if (keyword.length === 0) throw new Error('keyword: must not be empty');
    this.needle = fold(keyword, caseInsensitive);
  }

  get found(): boolean {
    return this.seen;
  }

  /** Feeds the next chunk of the body; true once the keyword has been seen. */
  push(chunk: Uint8Array): boolean {
    return this.scan(this.decoder.decode(chunk, { stream: true }));
  }

  /** The body ended: flushes a trailing partial character; true if the keyword was seen. */
  finish(): boolean {
    return this.scan(this.decoder.decode());
  }

  private scan(text: string): boolean {
    if (this.seen) return true;
    const window = this.tail + fold(text, this.caseInsensitive);
    if (window.includes(this.needle)) {
      this.seen = true;
      this.tail = '';
      return true;
    }
    // Keep just enough to complete a keyword that started near the end of this window.
    this.tail = window.slice(Math.max(0, window.length - (this.needle.length - 1)));
    return false;
  }
}
