// The newest N results of one monitor, as a ring so that recording never copies the buffer.
import type { CheckResult } from '../../shared/types.ts';

export class RecentResults {
  private readonly items: Array<CheckResult | undefined>;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<CheckResult | undefined>(capacity);
  }

  push(result: CheckResult): void {
    this.items[this.next] = result;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Newest last. */
  list(limit = this.capacity): CheckResult[] {
    const n = Math.max(0, Math.min(limit, this.count));
    const out: CheckResult[] = [];
    for (let i = n; i >= 1; i--) {
      const item = this.items[(this.next - i + this.capacity) % this.capacity];
      if (item !== undefined) out.push(item);
    }
    return out;
  }
}
