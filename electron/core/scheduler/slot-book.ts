// Where in its interval each monitor is checked (its slot), so monitors with the same interval are spread
// evenly over it however they arrived: all at start, one by one through an import, or a homeserver's group.
// A slot is a phase in [0, interval): the monitor is due at phase + k × interval on the scheduler's clock.

export class SlotBook {
  /** Taken phases per interval, sorted ascending. */
  readonly #phases = new Map<number, number[]>();

  /** Evenly spaced phases for count monitors of one interval, the first one at `from`'s phase. */
  static evenPhases(intervalMs: number, count: number, from: number): number[] {
    return Array.from({ length: count }, (_, index) => modulo(Math.floor(from + (index * intervalMs) / count), intervalMs));
  }

  /**
   * A phase for one more monitor of this interval: the middle of the widest gap between the phases taken,
   * which keeps the widest gap at most twice the narrowest however many arrive one by one.
   * With none taken, `now`'s phase, so a first monitor's slot is now.
   */
  pick(intervalMs: number, now: number): number {
    const taken = this.#phases.get(intervalMs);
    if (taken === undefined || taken.length === 0) return modulo(Math.floor(now), intervalMs);
    let widestStart = 0;
    let widest = -1;
    for (let i = 0; i < taken.length; i++) {
      const start = taken[i] as number;
      const end = i + 1 < taken.length ? (taken[i + 1] as number) : (taken[0] as number) + intervalMs;
      if (end - start > widest) {
        widest = end - start;
        widestStart = start;
      }
    }
    return modulo(Math.floor(widestStart + widest / 2), intervalMs);
  }

  take(intervalMs: number, phase: number): void {
    let taken = this.#phases.get(intervalMs);
    if (taken === undefined) {
      taken = [];
      this.#phases.set(intervalMs, taken);
    }
    taken.splice(sortedIndex(taken, phase), 0, phase);
  }

  release(intervalMs: number, phase: number): void {
    const taken = this.#phases.get(intervalMs);
    if (taken === undefined) return;
    const index = sortedIndex(taken, phase);
    if (taken[index] === phase) taken.splice(index, 1);
    if (taken.length === 0) this.#phases.delete(intervalMs);
  }

  clear(): void {
    this.#phases.clear();
  }
}

/** The first time at or after `at` that falls on the slot. */
export function slotAtOrAfter(phase: number, intervalMs: number, at: number): number {
  return at + modulo(phase - at, intervalMs);
}

function modulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

/** Where phase goes in the sorted list (the first index whose value is not below it). */
function sortedIndex(sorted: number[], phase: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < phase) low = middle + 1;
    else high = middle;
  }
  return low;
}
