// When the wall clock may be believed enough to delete data by it. A single reading can be wrong (a bad NTP
// answer, a dead RTC battery, a VM restored from a snapshot), so deletion waits until the wall clock agrees with
// the monotonic clock since the last trusted reading, and at start with the newest data already on disk.
// Pruning late is harmless; pruning early loses history for good.
import { DAY_MS, MINUTE_MS } from '../../shared/time.ts';

/** Wall time may run behind the monotonic estimate by this much (NTP slews, a blocked event loop). */
const BEHIND_TOLERANCE_MS = 5 * MINUTE_MS;
/** ...and ahead of it by this much: the monotonic clock stops while the machine sleeps, a night or a weekend. */
const AHEAD_TOLERANCE_MS = 3 * DAY_MS;
/**
 * A new reading that disagrees (a week-long sleep, a machine off for a month, a clock really corrected) is
 * believed once it has kept step with the monotonic clock this long: a briefly wrong clock never lasts a day.
 */
const PROBATION_MS = DAY_MS;

export interface TrustedTimeOptions {
  wallNow: () => number;
  monotonicNow: () => number;
  /** Epoch ms of the newest data found on disk at start, if any. */
  newestOnDisk: number | undefined;
}

interface Reading {
  wall: number;
  monotonic: number;
}

export class TrustedTime {
  private anchor: Reading;
  /** A disagreeing reading on probation: adopted as the anchor if the wall clock keeps step with it. */
  private candidate: Reading | undefined;
  /** The candidate is the start-up reading, not a jump seen while running: new results are still filed by it. */
  private candidateFromStart = false;

  constructor(private readonly options: TrustedTimeOptions) {
    const wall = options.wallNow();
    const monotonic = options.monotonicNow();
    const believable = options.newestOnDisk === undefined ? wall : Math.min(wall, options.newestOnDisk + AHEAD_TOLERANCE_MS);
    this.anchor = { wall: believable, monotonic };
    // A start-up reading far past the newest data is believed only after its probation.
    if (believable !== wall) {
      this.candidate = { wall, monotonic };
      this.candidateFromStart = true;
    }
  }

  /** The monotonic estimate of now, from the last trusted reading. */
  estimate(): number {
    return this.anchor.wall + (this.options.monotonicNow() - this.anchor.monotonic);
  }

  /**
   * Reads the wall clock: true when it agrees with the estimate (the reading becomes the new anchor, so sleeps of a
   * night do not accumulate), false after a jump, which leaves the anchor where it was until the jump has lasted
   * a day of monotonic time.
   */
  observe(): boolean {
    const wall = this.options.wallNow();
    const monotonic = this.options.monotonicNow();
    if (agrees(wall, this.anchor, monotonic)) {
      this.anchor = { wall, monotonic };
      this.candidate = undefined;
      return true;
    }
    if (!this.candidate || !agrees(wall, this.candidate, monotonic)) {
      this.candidate = { wall, monotonic };
      this.candidateFromStart = false;
      return false;
    }
    if (monotonic - this.candidate.monotonic < PROBATION_MS) return false;
    this.anchor = { wall, monotonic };
    this.candidate = undefined;
    return true;
  }

  /** The instant to prune by, or undefined when the wall clock cannot be believed right now. */
  pruneTime(): number | undefined {
    return this.observe() ? this.options.wallNow() : undefined;
  }

  /**
   * When new raw results are filed and closed days compressed. After a jump seen while running, never further
   * ahead than trusted time, so no segment is named years away. A start-up reading on probation is used as it is:
   * results filed under an older day than their own would be pruned with that day (a future segment is folded
   * back at the next start, see future-segments.ts).
   */
  writeTime(): number {
    const wall = this.options.wallNow();
    if (this.observe() || this.candidateFromStart) return wall;
    return Math.min(wall, this.estimate());
  }
}

function agrees(wall: number, from: Reading, monotonic: number): boolean {
  const expected = from.wall + (monotonic - from.monotonic);
  return wall >= expected - BEHIND_TOLERANCE_MS && wall <= expected + AHEAD_TOLERANCE_MS;
}
