// Decides WHEN each monitor is checked. What a check is belongs to the injected runCheck.
//
// One min-heap of due times and a single timer for its earliest entry, rather than one timer per
// monitor: 1,000 monitors cost one pending timer, and suspend/resume/stop clear one timer, not a thousand.
// Removed, paused or rescheduled monitors leave stale heap items behind; each item carries the
// monitor's sequence number at push time and is ignored when that no longer matches (lazy deletion).
import type { Monitor } from '../../shared/types.ts';
import { cadenceAnchor, intervalMsOf, MIN_INTERVAL_MS, nextDueAt } from './cadence.ts';
import { systemClock, type SchedulerClock, type TimerHandle } from './clock.ts';
import { ConcurrencyLimiter } from './concurrency-limiter.ts';
import { DueQueue } from './due-queue.ts';
import { evenOffsetMs, hashOffsetMs } from './spread.ts';

export type { SchedulerClock, TimerHandle } from './clock.ts';

export const DEFAULT_START_SPREAD_MS = 15_000;

/**
 * A monitor added or unpaused while running is checked within this: soon enough to feel immediate,
 * spread enough that pasting a few hundred monitors does not fire them in one instant.
 */
export const ADD_SPREAD_MS = 1_000;

export interface SchedulerOptions {
  /** Runs one check. Should not reject; if it does, onCheckError hears about it and the schedule goes on. */
  runCheck: (monitor: Monitor) => Promise<void>;
  /** Most checks in flight at once; further due checks wait in FIFO order. */
  maxConcurrent: number;
  /** Defaults to performance.now() and Node timers. */
  clock?: SchedulerClock;
  /** First checks are spread over min(interval, startSpreadMs). Default 15 s; 0 fires them all at once. */
  startSpreadMs?: number;
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
  readonly #startSpreadMs: number;
  readonly #minIntervalMs: number;
  readonly #onLateness: ((monitorId: string, latenessMs: number) => void) | undefined;
  readonly #onCheckError: (monitorId: string, error: unknown) => void;
  readonly #limiter: ConcurrencyLimiter;

  readonly #entries = new Map<string, Entry>();
  readonly #queue = new DueQueue<DueItem>();
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
    const startSpreadMs = opts.startSpreadMs ?? DEFAULT_START_SPREAD_MS;
    if (!Number.isFinite(startSpreadMs) || startSpreadMs < 0) {
      throw new Error(`startSpreadMs must be a finite number of at least 0, got ${String(startSpreadMs)}`);
    }
    const minIntervalMs = opts.minIntervalMs ?? MIN_INTERVAL_MS;
    if (!Number.isFinite(minIntervalMs) || minIntervalMs < 1) {
      throw new Error(`minIntervalMs must be a finite number of at least 1, got ${String(minIntervalMs)}`);
    }
    this.#runCheck = opts.runCheck;
    this.#minIntervalMs = minIntervalMs;
    this.#limiter = new ConcurrencyLimiter(opts.maxConcurrent);
    this.#clock = opts.clock ?? systemClock;
    this.#startSpreadMs = startSpreadMs;
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
    this.#scheduleAllSpread(this.#clock.now());
    this.#arm();
  }

  /** While running: the first check within ADD_SPREAD_MS, then every interval. */
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
    entry.monitor = monitor;
    entry.intervalMs = intervalMs;
    if (monitor.paused !== entry.paused) {
      this.setPaused(entry.id, monitor.paused);
      return;
    }
    if (!intervalChanged) return;
    const now = this.#clock.now();
    if (entry.dueAt !== null) {
      this.#schedule(entry, now + intervalMs);
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
    this.#scheduleAllSpread(this.#clock.now() + settleMs);
    this.#arm();
  }

  /** Cancels every timer and waits for the checks in flight. start() may be called again afterwards. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#suspended = false;
    this.#epoch++;
    this.#forgetAllDue();
    this.#entries.clear();
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

  /** Evenly over min(interval, startSpreadMs) from `from`, in map order; busy monitors go right after their check. */
  #scheduleAllSpread(from: number): void {
    const active = [...this.#entries.values()].filter((entry) => !entry.paused);
    active.forEach((entry, index) => {
      const dueAt = from + evenOffsetMs(index, active.length, Math.min(entry.intervalMs, this.#startSpreadMs));
      if (entry.busy !== null) entry.dueAfterBusy = dueAt;
      else this.#schedule(entry, dueAt);
    });
  }

  #scheduleSoon(entry: Entry): void {
    const windowMs = Math.min(entry.intervalMs, this.#startSpreadMs, ADD_SPREAD_MS);
    this.#schedule(entry, this.#clock.now() + hashOffsetMs(entry.id, windowMs));
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
    this.#schedule(entry, dueAfterBusy ?? nextDueAt(entry.anchor, entry.intervalMs, now));
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
    busy: null,
    dueAfterBusy: null,
  };
}
