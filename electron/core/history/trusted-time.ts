// When the wall clock may be believed enough to delete data by it. A single reading can be wrong (a bad NTP
// answer, a dead RTC battery, a VM restored from a snapshot), so deletion waits until the wall clock agrees with
// the monotonic clock since the last trusted reading, and at start with the newest data already on disk.
// Pruning late is harmless; pruning early loses history for good.
import { DAY_MS, MINUTE_MS } from './time-buckets.ts';

/** Wall time may run behind the monotonic estimate by this much (NTP slews, a blocked event loop). */
const BEHIND_TOLERANCE_MS = 5 * MINUTE_MS;
/** ...and ahead of it by this much: the monotonic clock stops while the machine sleeps, a night or a weekend. */
const AHEAD_TOLERANCE_MS = 3 * DAY_MS;

export interface TrustedTimeOptions {
  wallNow: () => number;
  monotonicNow: () => number;
  /** Epoch ms of the newest data found on disk at start, if any. */
  newestOnDisk: number | undefined;
}

export class TrustedTime {
  private anchorWall: number;
  private anchorMonotonic: number;

  constructor(private readonly options: TrustedTimeOptions) {
    const wall = options.wallNow();
    // A start-up reading far past the newest data is believed only up to the tolerance until it is confirmed.
    this.anchorWall = options.newestOnDisk === undefined ? wall : Math.min(wall, options.newestOnDisk + AHEAD_TOLERANCE_MS);
    this.anchorMonotonic = options.monotonicNow();
  }

  /** The monotonic estimate of now, from the last trusted reading. */
  estimate(): number {
    return this.anchorWall + (this.options.monotonicNow() - this.anchorMonotonic);
  }

  /**
   * Reads the wall clock: true when it agrees with the estimate, and the reading becomes the new anchor, so
   * sleeps (wall ahead by hours) do not accumulate; false after a jump, which leaves the anchor where it was.
   */
  observe(): boolean {
    const wall = this.options.wallNow();
    const estimate = this.estimate();
    if (wall < estimate - BEHIND_TOLERANCE_MS || wall > estimate + AHEAD_TOLERANCE_MS) return false;
    this.anchorWall = wall;
    this.anchorMonotonic = this.options.monotonicNow();
    return true;
  }

  /** The instant to prune by, or undefined when the wall clock cannot be believed right now. */
  pruneTime(): number | undefined {
    return this.observe() ? this.options.wallNow() : undefined;
  }

  /** When new raw results are filed and closed days compressed: never further ahead than trusted time. */
  writeTime(): number {
    const wall = this.options.wallNow();
    return this.observe() ? wall : Math.min(wall, this.estimate());
  }
}
