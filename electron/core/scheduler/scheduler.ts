// Decides WHEN each monitor is checked. What a check is belongs to the injected runCheck.
//
// One min-heap of due times and a single timer for its earliest entry, rather than one timer per
// monitor: 1,000 monitors cost one pending timer, and suspend/resume/stop clear one timer, not a thousand.
// Removed, paused or rescheduled monitors leave stale heap items behind; each item carries the
// monitor's sequence number at push time and is ignored when that no longer matches (lazy deletion).
// Each monitor owns a slot in its interval (slot-book.ts): however monitors arrive, their checks settle
// evenly over the interval. A first check may come sooner than the slot, through a rate-limited lane.
import type { Monitor } from '../../shared/types.ts';
import { cadenceAnchor, intervalMsOf, MIN_INTERVAL_MS } from './cadence.ts';
import { systemClock, type SchedulerClock, type TimerHandle } from './clock.ts';
import { ConcurrencyLimiter } from './concurrency-limiter.ts';
import { DueQueue } from './due-queue.ts';
import { SlotBook, slotAtOrAfter } from './slot-book.ts';

export type { SchedulerClock, TimerHandle } from './clock.ts';

/**
 * First checks (at start, after resume, of a monitor added or unpaused) that come before their slot start at
 * least this far apart: a monitor added by hand is checked at once, a few hundred imported ones add at most
 * two checks a second to the steady rate, and the rest wait for their slots.
 */
export const DEFAULT_FIRST_CHECK_GAP_MS = 500;

export interface SchedulerOptions {
  /** Runs one check. Should not reject; if it does, onCheckError hears about it and the schedule goes on. */
  runCheck: (monitor: Monitor) => Promise<void>;
  /** Most checks in flight at once; further due checks wait in FIFO order. */
  maxConcurrent: number;
  /** Defaults to performance.now() and Node timers. */
  clock?: SchedulerClock;
  /** Least time between first checks that come before their slots. Default 500 ms; 0 fires them all at once. */
  firstCheckGapMs?: number;
  /** Shortest interval honoured; shorter ones are clamped. Default 1 s (the config's minimum); tests and benchmarks go lower. */
  minIntervalMs?: number;
  /** Scheduled (not manual) checks only: how long after its due time the check actually started. */
  onLateness?: (monitorId: string, latenessMs: number) => void;
  /** runCheck (or onLateness) threw. Default: console.error. */
  onCheckError?: (monitorId: string, error: unknown) => void;
}

export interface SchedulerStats {
  inFlight: number;
  queued: number;
  monitors: number;
}

interface Entry {
  readonly id: string;
  monitor: Monitor;
  intervalMs: number;
  paused: boolean;
  /** Bumped whenever a pending heap item of this monitor must be forgotten. */
  seq: number;
  /** Due time of its pending heap item; null when none is pending (busy, paused, suspended). */
  dueAt: number | null;
  /** The due time the next check is counted from: set on dispatch, moved by cadenceAnchor() and update(). */
  anchor: number;
  /** Its slot in the interval (see slot-book.ts); null until it first needs one. */
  phase: number | null;
  /** The queued or running check of this monitor: what keeps two checks of one monitor from overlapping. */
  busy: Promise<void> | null;
  /** Set by resume() while busy: when to check once the current check ends. */
  dueAfterBusy: number | null;
}

interface DueItem {
  entry: Entry;
  seq: number;
}

export class Scheduler {
  readonly #runCheck: (monitor: Monitor) => Promise<void>;
  readonly #clock: SchedulerClock;
  readonly #firstCheckGapMs: number;
  readonly #minIntervalMs: number;
  readonly #onLateness: ((monitorId: string, latenessMs: number) => void) | undefined;
  readonly #onCheckError: (monitorId: string, error: unknown) => void;
  readonly #limiter: ConcurrencyLimiter;

  readonly #entries = new Map<string, Entry>();
  readonly #queue = new DueQueue<DueItem>();
  readonly #slots = new SlotBook();
  /** When the lane for early first checks is next free. */
  #laneFreeAt = -Infinity;
  /** Every queued or running check, even of monitors since removed: what stop() waits for. */
  readonly #pending = new Set<Promise<void>>();
  #timer: TimerHandle | null = null;
  #timerAt: number | null = null;
  #started = false;
  #suspended = false;
  /** Bumped by suspend() and stop(): checks still waiting for a slot from before then are dropped. */
  #epoch = 0;

  constructor(opts: SchedulerOptions) {
    if (typeof opts.runCheck !== 'function') throw new Error('runCheck must be a function');
    const firstCheckGapMs = opts.firstCheckGapMs ?? DEFAULT_FIRST_CHECK_GAP_MS;
    if (!Number.isFinite(firstCheckGapMs) || firstCheckGapMs < 0) {
      throw new Error(`firstCheckGapMs must be a finite number of at least 0, got ${String(firstCheckGapMs)}`);
    }
    const minIntervalMs = opts.minIntervalMs ?? MIN_INTERVAL_MS;
    if (!Number.isFinite(minIntervalMs) || minIntervalMs < 1) {
      throw new Error(`minIntervalMs must be a finite number of at least 1, got ${String(minIntervalMs)}`);
    }
    this.#runCheck = opts.runCheck;
    this.#minIntervalMs = minIntervalMs;
    this.#limiter = new ConcurrencyLimiter(opts.maxConcurrent);
    this.#clock = opts.clock ?? systemClock;
    this.#firstCheckGapMs = firstCheckGapMs;
    this.#onLateness = opts.onLateness;
    this.#onCheckError =
      opts.onCheckError ?? ((monitorId, error) => console.error(`check of monitor "${monitorId}" failed:`, error));
  }

  start(monitors: Monitor[]): void {
    if (this.#started) throw new Error('Scheduler.start: already started; call stop() first');
    const entries = monitors.map((monitor) => newEntry(monitor, this.#minIntervalMs));
    for (const entry of entries) {
      if (this.#entries.has(entry.id)) {
        this.#entries.clear();
        throw new Error(`monitor id "${entry.id}" appears more than once`);
      }
      this.#entries.set(entry.id, entry);
    }
    this.#started = true;
    this.#suspended = false;
    const now = this.#clock.now();
    this.#assignEvenSlots(now);
    this.#scheduleAllFirstChecks(now);
    this.#arm();
  }

  /** While running: the first check at once unless many arrive together, then in its slot every interval. */
  add(monitor: Monitor): void {
    this.#requireStarted('add');
    const entry = newEntry(monitor, this.#minIntervalMs);
    if (this.#entries.has(entry.id)) throw new Error(`monitor id "${entry.id}" is already scheduled`);
    this.#entries.set(entry.id, entry);
    if (!entry.paused) this.#scheduleSoon(entry);
    this.#arm();
  }

  /**
   * Replaces a monitor's definition; the next check uses it. A changed interval counts from now
   * (a running check finishes first). Whoever wants the edit checked at once calls checkNow().
   */
  update(monitor: Monitor): void {
    this.#requireStarted('update');
    const entry = this.#entryOf(monitor.id, 'update');
    const intervalMs = intervalMsOf(monitor, this.#minIntervalMs);
    const intervalChanged = intervalMs !== entry.intervalMs;
    // Its slot belongs to the old interval's spread.
    if (intervalChanged) this.#releaseSlot(entry);
    entry.monitor = monitor;
    entry.intervalMs = intervalMs;
    if (monitor.paused !== entry.paused) {
      this.setPaused(entry.id, monitor.paused);
      return;
    }
    if (!intervalChanged) return;
    const now = this.#clock.now();
    // Picked now, so the new interval counts from the edit.
    if (!entry.paused) this.#slotOf(entry);
    if (entry.dueAt !== null) {
      this.#schedule(entry, this.#nextDueAt(entry, now, now));
      this.#arm();
    } else if (entry.busy !== null) {
      entry.anchor = now;
    }
  }

  /** No further checks. A check in flight may finish, but nothing is scheduled after it. Unknown ids are ignored. */
  remove(id: string): void {
    this.#requireStarted('remove');
    const entry = this.#entries.get(id);
    if (entry === undefined) return;
    this.#forgetDue(entry);
    this.#releaseSlot(entry);
    this.#entries.delete(id);
    this.#arm();
  }

  /** Paused monitors are not checked, not even by checkNow(). Unpausing checks soon, then every interval. */
  setPaused(id: string, paused: boolean): void {
    this.#requireStarted('setPaused');
    const entry = this.#entryOf(id, 'setPaused');
    if (entry.paused === paused) return;
    entry.paused = paused;
    if (paused) this.#forgetDue(entry);
    else if (entry.busy === null && !this.#suspended) this.#scheduleSoon(entry);
    this.#arm();
  }

  /**
   * Checks one monitor (or every unpaused one) now, through the same concurrency limit, and resolves
   * when those checks end. A monitor already being checked is waited for, not checked twice.
   * The next scheduled check is then counted from now. Does nothing while suspended.
   */
  checkNow(id?: string): Promise<void> {
    this.#requireStarted('checkNow');
    if (id === undefined) {
      const checks = [...this.#entries.values()].map((entry) => this.#checkEntryNow(entry));
      this.#arm();
      return Promise.all(checks).then(() => undefined);
    }
    const check = this.#checkEntryNow(this.#entryOf(id, 'checkNow'));
    this.#arm();
    return check;
  }

  /** The machine is going to sleep: no check starts until resume(). Checks in flight finish. */
  suspend(): void {
    if (!this.#started) return;
    this.#suspended = true;
    this.#epoch++;
    this.#forgetAllDue();
    this.#arm();
  }

  /**
   * After sleep or a network outage: wait settleMs, check every unpaused monitor once (spread and
   * limited like at start), then back to each one's interval. Also valid without a prior suspend().
   */
  resume(settleMs: number): void {
    if (!Number.isFinite(settleMs) || settleMs < 0) {
      throw new Error(`settleMs must be a finite number of at least 0, got ${String(settleMs)}`);
    }
    if (!this.#started) return;
    this.#suspended = false;
    this.#forgetAllDue();
    this.#scheduleAllFirstChecks(this.#clock.now() + settleMs);
    this.#arm();
  }

  /** Cancels every timer and waits for the checks in flight. start() may be called again afterwards. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#suspended = false;
    this.#epoch++;
    this.#forgetAllDue();
    this.#entries.clear();
    this.#slots.clear();
    this.#laneFreeAt = -Infinity;
    this.#arm();
    await Promise.all([...this.#pending]);
  }

  /** maxConcurrentChecks changed in the settings: applies to the next check that starts. */
  setMaxConcurrent(maxConcurrent: number): void {
    this.#limiter.setMaxConcurrent(maxConcurrent);
  }

  stats(): SchedulerStats {
    return { inFlight: this.#limiter.active, queued: this.#limiter.queued, monitors: this.#entries.size };
  }

  #checkEntryNow(entry: Entry): Promise<void> {
    if (entry.paused || this.#suspended) return Promise.resolve();
    if (entry.busy !== null) return entry.busy;
    this.#forgetDue(entry);
    return this.#dispatch(entry, this.#clock.now(), false);
  }

  /** At start every monitor is known: the monitors of each interval get evenly spaced slots, in map order. */
  #assignEvenSlots(from: number): void {
    const byInterval = new Map<number, Entry[]>();
    for (const entry of this.#entries.values()) {
      if (entry.paused) continue;
      const group = byInterval.get(entry.intervalMs);
      if (group === undefined) byInterval.set(entry.intervalMs, [entry]);
      else group.push(entry);
    }
    for (const [intervalMs, group] of byInterval) {
      const phases = SlotBook.evenPhases(intervalMs, group.length, from);
      group.forEach((entry, index) => {
        entry.phase = phases[index] as number;
        this.#slots.take(intervalMs, entry.phase);
      });
    }
  }

  /** Every unpaused monitor once, from `from` (start, resume); busy monitors go right after their check. */
  #scheduleAllFirstChecks(from: number): void {
    this.#laneFreeAt = -Infinity;
    for (const entry of this.#entries.values()) {
      if (entry.paused) continue;
      const dueAt = this.#firstCheckAt(entry, from);
      if (entry.busy !== null) entry.dueAfterBusy = dueAt;
      else this.#schedule(entry, dueAt);
    }
  }

  #scheduleSoon(entry: Entry): void {
    this.#schedule(entry, this.#firstCheckAt(entry, this.#clock.now()));
  }

  /** The earlier of the monitor's slot and the next free place in the lane for early first checks. */
  #firstCheckAt(entry: Entry, from: number): number {
    const slot = slotAtOrAfter(this.#slotOf(entry), entry.intervalMs, from);
    const lane = Math.max(from, this.#laneFreeAt);
    if (slot <= lane) return slot;
    this.#laneFreeAt = lane + this.#firstCheckGapMs;
    return lane;
  }

  /**
   * The next check after one counted from entry.anchor: its first slot at least half an interval later
   * (a first check from the lane settles into the slot). Once a whole interval behind (a slow check, a
   * blocked event loop), the missed ticks are skipped and the check runs now, so nothing bursts to catch up.
   */
  #nextDueAt(entry: Entry, anchor: number, now: number): number {
    const next = slotAtOrAfter(this.#slotOf(entry), entry.intervalMs, anchor + entry.intervalMs / 2);
    return now - next >= entry.intervalMs ? now : next;
  }

  #slotOf(entry: Entry): number {
    if (entry.phase === null) {
      entry.phase = this.#slots.pick(entry.intervalMs, this.#clock.now());
      this.#slots.take(entry.intervalMs, entry.phase);
    }
    return entry.phase;
  }

  #releaseSlot(entry: Entry): void {
    if (entry.phase === null) return;
    this.#slots.release(entry.intervalMs, entry.phase);
    entry.phase = null;
  }

  #schedule(entry: Entry, dueAt: number): void {
    entry.seq++;
    entry.dueAt = dueAt;
    this.#queue.push(dueAt, { entry, seq: entry.seq });
    // Stale items are normally shed as they reach the top; bound them if edits pile up far ahead.
    if (this.#queue.size > 4 * (this.#entries.size + 16)) this.#queue.retain((item) => this.#isLive(item));
  }

  #forgetDue(entry: Entry): void {
    entry.seq++;
    entry.dueAt = null;
  }

  #forgetAllDue(): void {
    for (const entry of this.#entries.values()) this.#forgetDue(entry);
    this.#queue.clear();
  }

  #isLive(item: DueItem): boolean {
    return this.#entries.get(item.entry.id) === item.entry && item.entry.seq === item.seq;
  }

  /** Points the single timer at the earliest live due time, or at nothing. */
  #arm(): void {
    let top = this.#queue.peek();
    while (top !== undefined && !this.#isLive(top.item)) {
      this.#queue.pop();
      top = this.#queue.peek();
    }
    if (top === undefined || !this.#started || this.#suspended) {
      this.#disarm();
      return;
    }
    if (this.#timer !== null && this.#timerAt === top.dueAt) return;
    this.#disarm();
    this.#timerAt = top.dueAt;
    // Rounded up: Node timers count whole ms and would otherwise wake a fraction early and re-arm.
    this.#timer = this.#clock.setTimer(() => this.#onTimer(), Math.max(0, Math.ceil(top.dueAt - this.#clock.now())));
  }

  #disarm(): void {
    if (this.#timer !== null) this.#clock.clearTimer(this.#timer);
    this.#timer = null;
    this.#timerAt = null;
  }

  #onTimer(): void {
    this.#timer = null;
    this.#timerAt = null;
    const now = this.#clock.now();
    for (let top = this.#queue.peek(); top !== undefined && top.dueAt <= now; top = this.#queue.peek()) {
      this.#queue.pop();
      if (!this.#isLive(top.item)) continue;
      top.item.entry.dueAt = null;
      void this.#dispatch(top.item.entry, top.dueAt, true);
    }
    this.#arm();
  }

  /** Queues one check of entry; the returned promise never rejects and settles once it is rescheduled. */
  #dispatch(entry: Entry, dueAt: number, scheduled: boolean): Promise<void> {
    entry.anchor = dueAt;
    const epoch = this.#epoch;
    const check = this.#limiter
      .run(async () => {
        // While it waited for a slot, the monitor may have been removed or paused, or the machine suspended.
        if (this.#entries.get(entry.id) !== entry || entry.paused || epoch !== this.#epoch) return;
        const startedAt = this.#clock.now();
        entry.anchor = cadenceAnchor(entry.anchor, startedAt, entry.intervalMs);
        try {
          if (scheduled) this.#onLateness?.(entry.id, startedAt - dueAt);
          await this.#runCheck(entry.monitor);
        } catch (error) {
          this.#onCheckError(entry.id, error);
        }
      })
      .then(() => {
        this.#pending.delete(check);
        this.#afterCheck(entry);
      });
    entry.busy = check;
    this.#pending.add(check);
    return check;
  }

  #afterCheck(entry: Entry): void {
    entry.busy = null;
    const dueAfterBusy = entry.dueAfterBusy;
    entry.dueAfterBusy = null;
    if (this.#entries.get(entry.id) !== entry || entry.paused || !this.#started || this.#suspended) return;
    const now = this.#clock.now();
    this.#schedule(entry, dueAfterBusy ?? this.#nextDueAt(entry, entry.anchor, now));
    this.#arm();
  }

  #requireStarted(method: string): void {
    if (!this.#started) throw new Error(`Scheduler.${method}: the scheduler is not running; call start() first`);
  }

  #entryOf(id: string, method: string): Entry {
    const entry = this.#entries.get(id);
    if (entry === undefined) throw new Error(`Scheduler.${method}: no monitor with id "${id}"`);
    return entry;
  }
}

function newEntry(monitor: Monitor, minIntervalMs: number): Entry {
  if (typeof monitor.id !== 'string' || monitor.id === '') {
    throw new Error(`monitor id must be a non-empty string, got ${JSON.stringify(monitor.id)}`);
  }
  return {
    id: monitor.id,
    monitor,
    intervalMs: intervalMsOf(monitor, minIntervalMs),
    paused: monitor.paused,
    seq: 0,
    dueAt: null,
    anchor: 0,
    phase: null,
    busy: null,
    dueAfterBusy: null,
  };
}
