// The outcome counts of one monitor's recent buckets at one resolution, in typed arrays, so that
// 1,000 monitors' hours and days stay a few megabytes and uptime sums never touch the disk.

export interface OutcomeCounts {
  up: number;
  warning: number;
  down: number;
  unknown: number;
}

export class BucketSeries {
  private readonly starts: Float64Array;
  private readonly counts: Uint32Array;

  /** Keeps the newest `capacity` buckets of `bucketMs` each; older ones are overwritten as time moves on. */
  constructor(
    readonly bucketMs: number,
    readonly capacity: number,
  ) {
    this.starts = new Float64Array(capacity).fill(Number.NaN);
    this.counts = new Uint32Array(capacity * 4);
  }

  add(start: number, counts: OutcomeCounts): void {
    const slot = this.slotOf(start);
    const held = this.starts[slot] ?? Number.NaN;
    if (held !== start) {
      // A bucket older than the one in its slot is beyond what this series keeps.
      if (held > start) return;
      this.starts[slot] = start;
      this.counts.fill(0, slot * 4, slot * 4 + 4);
    }
    const base = slot * 4;
    this.counts[base] = (this.counts[base] ?? 0) + counts.up;
    this.counts[base + 1] = (this.counts[base + 1] ?? 0) + counts.warning;
    this.counts[base + 2] = (this.counts[base + 2] ?? 0) + counts.down;
    this.counts[base + 3] = (this.counts[base + 3] ?? 0) + counts.unknown;
  }

  /** Totals over the buckets overlapping [from, to]; the bucket holding `from` is counted whole. */
  sum(from: number, to: number): OutcomeCounts {
    const total: OutcomeCounts = { up: 0, warning: 0, down: 0, unknown: 0 };
    const last = Math.floor(to / this.bucketMs);
    const first = Math.max(Math.floor(from / this.bucketMs), last - this.capacity + 1);
    for (let index = first; index <= last; index++) {
      const start = index * this.bucketMs;
      const slot = this.slotOf(start);
      if (this.starts[slot] !== start) continue;
      const base = slot * 4;
      total.up += this.counts[base] ?? 0;
      total.warning += this.counts[base + 1] ?? 0;
      total.down += this.counts[base + 2] ?? 0;
      total.unknown += this.counts[base + 3] ?? 0;
    }
    return total;
  }

  private slotOf(start: number): number {
    const index = Math.floor(start / this.bucketMs);
    return ((index % this.capacity) + this.capacity) % this.capacity;
  }
}
