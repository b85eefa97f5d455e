// The history store: raw results, minute/hour/day rollups, uptime and incidents, persisted under one folder.
//
// Layout (every growing file is append-only; only small files are rewritten, atomically):
//   results/YYYY-MM-DD.ndjson        raw results, one line each, by the UTC day they were written; once the day
//                                    is over and checkpointed, gzipped to YYYY-MM-DD.ndjson.gz (raw-compression.ts)
//   rollups/minute-YYYY-MM-DD.ndjson  rollup rows: additive deltas keyed by monitor and bucket start,
//   rollups/hour-YYYY-MM.ndjson       appended when a bucket's period has ended (a late result appends
//   rollups/day-YYYY.ndjson           another delta for the same bucket; readers sum them)
//   incidents/incidents.ndjson        incident open/close events
//   state/checkpoint.json             which results the rollup files hold, plus the still-open buckets
//   state/journal.json                sizes of the rollup files a checkpoint is about to append to
//   state/recent.json                 the last N results per monitor
// Start-up reads the year's day rows and the last week's hour rows (for uptime), the checkpoint and the recent
// snapshot, then replays only the raw results written after them: about a minute after a crash, none after close().
import { chmod, mkdir, readdir, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultOutcome, RollupBucket, RollupResolution, UptimeReport, UptimeSummary } from '../../shared/history-types.ts';
import type { CheckResult, Incident } from '../../shared/types.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../storage/atomic-file.ts';
import { BucketSeries, type OutcomeCounts } from './bucket-series.ts';
import { decodeCheckpoint, decodeJournal, decodeRecentSnapshot, type RecentSnapshot } from './checkpoint.ts';
import { readStateFile } from './damaged-state.ts';
import { describeOwnFailure } from '../health/own-failures.ts';
import { resolveHistoryOptions, type HistoryStoreOptions, type ResolvedHistoryOptions } from './history-options.ts';
import { decodeIncidentEvent, IncidentBook, validateIncident, type IncidentEvent } from './incident-book.ts';
import { AppendFiles, readNdjson } from './ndjson-files.ts';
import { decodeRawLine, earlierPosition, encodeRawLine, isOutcome, listRawSegments, readRawFrom, type RawEntry, type RawPosition } from './raw-log.ts';
import { compressClosedSegments } from './raw-compression.ts';
import { RecentResults } from './recent-results.ts';
import { pruneSegments } from './retention.ts';
import { TrustedTime } from './trusted-time.ts';
import { foldFutureSegments } from './future-segments.ts';
import {
  addOutcome,
  decodeRollupRow,
  emptyAccumulator,
  encodeRollupRow,
  mergeAccumulator,
  rollupRowPrefix,
  rollupRowValue,
  toRollupBucket,
  type RollupAccumulator,
} from './rollup.ts';
import { DAY_MS, HOUR_MS } from '../../shared/time.ts';
import { bucketEnd, bucketStart, COMPRESSED_SUFFIX, RESOLUTIONS, rawSegmentName, rollupSegmentName, rollupSegmentsInRange, segmentSpan, utcDayKey } from './time-buckets.ts';
import { uptimeReport, UPTIME_WINDOWS } from './uptime.ts';

export type { HistoryStoreOptions } from './history-options.ts';
export type { ResultOutcome, RollupBucket, RollupResolution, UptimeReport, UptimeSummary } from '../../shared/history-types.ts';

/** Windows up to a week are summed from hour buckets, longer ones from day buckets. */
const HOUR_SERIES_SPAN_MS = 7 * DAY_MS;
const HOUR_SERIES_CAPACITY = 8 * 24 + 1;
/** The longest appended results wait for an fsync while results flow (Linux's own writeback is about as long). */
const SYNC_EVERY_MS = 30_000;

interface MonitorHistory {
  recent: RecentResults;
  hours: BucketSeries;
  days: BucketSeries;
}

/** A bucket's results not yet appended to its rollup segment (a delta, not necessarily the whole bucket). */
interface OpenBucket {
  resolution: RollupResolution;
  monitorId: string;
  acc: RollupAccumulator;
}

const STATUSES: ReadonlySet<string> = new Set(['up', 'warning', 'down']);

export class HistoryStore {
  private readonly monitors = new Map<string, MonitorHistory>();
  private readonly openBuckets = new Map<string, OpenBucket>();
  private readonly incidentBook = new IncidentBook();
  private readonly files = new AppendFiles();
  private pendingRaw: RawEntry[] = [];
  private pendingIncidents: IncidentEvent[] = [];
  private seq = 0;
  private cycle = 0;
  private checkpointSeq = 0;
  private recentSeq = 0;
  /** Monotonic ms of the last recent snapshot: the snapshot is hourly whatever the wall clock does. */
  private lastRecentSnapshotAt = Number.NEGATIVE_INFINITY;
  private time!: TrustedTime;
  /** Why the last write failed (the disk is full, ...), until one succeeds; results wait in memory meanwhile. */
  private writeProblem: string | undefined;
  /** Results dropped because the disk refused them for longer than maxPendingResults allows. */
  private droppedResults = 0;
  private readonly problemListeners = new Set<(problem: string | undefined) => void>();
  /** Damaged state files found at open, moved aside: one sentence each, for the owner to report. */
  readonly openProblems: string[] = [];
  /** Earliest end among open buckets: a flush only checkpoints once some bucket's period is over. */
  private nextBucketEnd = Number.POSITIVE_INFINITY;
  /** Newest raw segment written; kept if the clock steps back so the log stays in order. */
  private rawSegmentDay = '';
  private lastPruneDay = '';
  /** The raw log's position in the last committed checkpoint: segments wholly before it may be compressed. */
  private checkpointPosition: RawPosition | undefined;
  /** A closed raw segment still waits for a checkpoint (or a failed compression for a retry) before compressing. */
  private compressPending = false;
  private atomicBytes = 0;
  private atomicWrites = 0;
  private queue: Promise<void> = Promise.resolve();
  private timer: { cancel(): void } | undefined;
  /** Monotonic time of the last flush (open counts as one); a failed flush counts, so retries keep their pace. */
  private lastFlushAt: number;
  /** Monotonic time of the last fsync of the appended files. */
  private lastSyncAt = Number.NEGATIVE_INFINITY;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly options: ResolvedHistoryOptions,
  ) {
    this.lastFlushAt = options.monotonicNow();
  }

  static async open(dir: string, options: HistoryStoreOptions = {}): Promise<HistoryStore> {
    if (typeof dir !== 'string' || dir === '') throw new Error('dir: must be a non-empty path');
    const store = new HistoryStore(dir, resolveHistoryOptions(options));
    await store.load();
    // Compressing yesterday's segment can take seconds: queued behind open, not inside it. A failure is retried later.
    store.enqueue(() => store.compressClosedSegments()).catch(() => undefined);
    return store;
  }

  /**
   * Something is pending: flush it within flushIntervalMs. No timer runs while nothing is pending (a quiet laptop).
   * After a quiet stretch the flush runs at once (setImmediate, inside the wake-up that brought the result) rather
   * than on a timer of its own; under load the flushes stay at most one per flushIntervalMs.
   */
  private flushSoon(): void {
    if (this.timer !== undefined || this.closed) return;
    const flush = (): void => {
      this.timer = undefined;
      this.lastFlushAt = this.options.monotonicNow();
      // A failed flush keeps its batch and is reported through problem(); try again while it fails.
      this.enqueue(() => this.flushNow(false)).catch(() => this.flushSoon());
    };
    const wait = this.lastFlushAt + this.options.flushIntervalMs - this.options.monotonicNow();
    if (wait <= 0) {
      const immediate = setImmediate(flush);
      this.timer = { cancel: () => clearImmediate(immediate) };
      return;
    }
    const timeout = setTimeout(flush, wait);
    timeout.unref();
    this.timer = { cancel: () => clearTimeout(timeout) };
  }

  record(result: CheckResult, outcome: ResultOutcome): void {
    if (this.closed) throw new Error('record: the history store is closed');
    validateResult(result);
    if (!isOutcome(outcome)) throw new Error(`outcome: must be up, warning, down or unknown, got ${String(outcome)}`);
    const entry: RawEntry = { seq: ++this.seq, outcome, result };
    this.pendingRaw.push(entry);
    this.apply(entry, true, true);
    this.flushSoon();
  }

  openIncident(incident: Incident): void {
    if (this.closed) throw new Error('openIncident: the history store is closed');
    validateIncident(incident);
    const event: IncidentEvent = { e: 'open', incident: { ...incident } };
    this.incidentBook.apply(event);
    this.pendingIncidents.push(event);
    this.flushSoon();
  }

  closeIncident(monitorId: string, end: number): void {
    if (this.closed) throw new Error('closeIncident: the history store is closed');
    if (typeof monitorId !== 'string' || monitorId === '') throw new Error('monitorId: must be a non-empty string');
    if (typeof end !== 'number' || !Number.isFinite(end)) throw new Error('end: must be epoch milliseconds');
    const event: IncidentEvent = { e: 'close', monitorId, end };
    if (this.incidentBook.apply(event)) this.pendingIncidents.push(event);
    this.flushSoon();
  }

  /** Newest last. */
  recent(monitorId: string, limit?: number): CheckResult[] {
    return this.monitors.get(monitorId)?.recent.list(limit) ?? [];
  }

  /** Raw results with from <= at <= to, oldest first: from the day segments plus what is not flushed yet. */
  async results(monitorId: string, from: number, to: number): Promise<CheckResult[]> {
    requireRange(from, to);
    return this.enqueue(async () => {
      const resultsDir = join(this.dir, 'results');
      const found: CheckResult[] = [];
      const keep = (entry: RawEntry | null): void => {
        if (entry && entry.result.monitorId === monitorId && entry.result.at >= from && entry.result.at <= to) found.push(entry.result);
      };
      for (const name of await listRawSegments(resultsDir)) {
        const span = segmentSpan(name);
        // Results are written within seconds of finishing; a day's margin covers any flush delay. A segment dated
        // after trusted time (a wall clock that ran ahead) may hold results of any time, so it is always read.
        const future = span !== null && span.start > this.time.estimate() + DAY_MS;
        // The segment being written takes every new result, whatever day it is named after (see writeTime).
        const current = name.startsWith(this.rawSegmentDay) && this.rawSegmentDay !== '';
        if (!span || (!future && !current && (span.end <= from - DAY_MS || span.start > to + DAY_MS))) continue;
        const values = await readNdjson(join(resultsDir, name), { contains: `"monitorId":${JSON.stringify(monitorId)}` });
        for (const value of values) keep(decodeRawLine(value));
      }
      for (const entry of this.pendingRaw) keep(entry);
      return found.sort((a, b) => a.at - b.at);
    });
  }

  /** Buckets with data whose start lies in [from, to], oldest first; periods without results are absent (gaps). */
  async rollups(monitorId: string, resolution: RollupResolution, from: number, to: number): Promise<RollupBucket[]> {
    if (!RESOLUTIONS.includes(resolution)) throw new Error(`resolution: must be minute, hour or day, got ${String(resolution)}`);
    requireRange(from, to);
    const first = bucketStart(resolution, from);
    return this.enqueue(async () => {
      const merged = new Map<number, RollupAccumulator>();
      const add = (acc: RollupAccumulator): void => {
        if (acc.start < first || acc.start > to) return;
        const target = merged.get(acc.start);
        if (target) mergeAccumulator(target, acc);
        else merged.set(acc.start, { ...acc });
      };
      const rollupsDir = join(this.dir, 'rollups');
      for (const name of await readdir(rollupsDir)) {
        const span = segmentSpan(name);
        if (!span || span.kind !== resolution || span.end <= first || span.start > to) continue;
        for (const value of await readNdjson(join(rollupsDir, name), { startsWith: rollupRowPrefix(monitorId) })) {
          const row = decodeRollupRow(value);
          if (row && row.monitorId === monitorId) add(row.acc);
        }
      }
      for (const bucket of this.openBuckets.values()) {
        if (bucket.monitorId === monitorId && bucket.resolution === resolution) add(bucket.acc);
      }
      return [...merged.values()].sort((a, b) => a.start - b.start).map(toRollupBucket);
    });
  }

  /**
   * Uptime over the window ending at now, from in-memory rollups: hour buckets up to a week, day buckets beyond.
   * The bucket holding the window's start is counted whole, so a 24 h window spans 24 to 25 hours.
   */
  uptime(monitorId: string, windowMs: number, now: number = this.options.now()): UptimeReport {
    if (typeof windowMs !== 'number' || !(windowMs > 0)) throw new Error(`windowMs: must be a positive number, got ${String(windowMs)}`);
    const history = this.monitors.get(monitorId);
    if (!history) return uptimeReport({ up: 0, warning: 0, down: 0, unknown: 0 });
    const series = windowMs <= HOUR_SERIES_SPAN_MS ? history.hours : history.days;
    return uptimeReport(series.sum(now - windowMs, now));
  }

  uptimeSummary(monitorId: string, now: number = this.options.now()): UptimeSummary {
    return {
      h24: this.uptime(monitorId, UPTIME_WINDOWS.h24, now).ratio,
      d7: this.uptime(monitorId, UPTIME_WINDOWS.d7, now).ratio,
      d30: this.uptime(monitorId, UPTIME_WINDOWS.d30, now).ratio,
      d365: this.uptime(monitorId, UPTIME_WINDOWS.d365, now).ratio,
    };
  }

  /** Oldest first; open incidents have no end. */
  incidents(monitorId?: string): Incident[] {
    return this.incidentBook.list(monitorId);
  }

  /** Forgets the monitor in memory (its unwritten buckets too); its files age out with retention. */
  removeMonitor(monitorId: string): void {
    this.monitors.delete(monitorId);
    this.incidentBook.forget(monitorId);
    for (const [key, bucket] of this.openBuckets) {
      if (bucket.monitorId === monitorId) this.openBuckets.delete(key);
    }
  }

  /** Writes what is pending; throws when the disk refuses it (the results stay in memory for the next try). */
  async flush(): Promise<void> {
    await this.enqueue(() => this.flushNow(false));
  }

  /** Why results are not reaching the disk right now, or undefined when all is written. */
  problem(): string | undefined {
    return this.writeProblem;
  }

  /** How many results wait in memory because the disk refused them. */
  pendingResults(): number {
    return this.pendingRaw.length;
  }

  onProblemChange(listener: (problem: string | undefined) => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  /** Retention changed in the settings: applies at the next daily upkeep, and to what is pruned from then on. */
  setRetention(retention: { rawRetentionDays?: number; rollupRetentionDays?: number }): void {
    const next = resolveHistoryOptions({ ...this.options, ...retention });
    this.options.rawRetentionDays = next.rawRetentionDays;
    this.options.rollupRetentionDays = next.rollupRetentionDays;
    // Prune by the new setting at the next flush rather than waiting for tomorrow.
    this.lastPruneDay = '';
  }

  /** Writes everything (checkpoint and recent snapshot included), stops the timer, closes the files. */
  async close(): Promise<void> {
    if (this.closed) return this.queue;
    this.closed = true;
    this.timer?.cancel();
    this.timer = undefined;
    try {
      await this.enqueue(() => this.flushNow(true));
    } finally {
      await this.enqueue(() => this.files.closeAll());
    }
  }

  stats(): { bytesWritten: number; writes: number } {
    return { bytesWritten: this.files.bytesWritten + this.atomicBytes, writes: this.files.writes + this.atomicWrites };
  }

  // ---- writing ----

  private async flushNow(final: boolean): Promise<void> {
    try {
      await this.writePending(final);
      this.setWriteProblem(undefined);
    } catch (error) {
      this.setWriteProblem(describeOwnFailure('cannot write history', error));
      throw error;
    }
  }

  private async writePending(final: boolean): Promise<void> {
    const now = this.options.now();
    const monotonic = this.options.monotonicNow();
    // Everything below is taken in one synchronous step, so the checkpoint's open buckets hold exactly the
    // results up to lastSeq, which are exactly the raw lines written before the checkpoint.
    const raw = this.pendingRaw;
    const incidentEvents = this.pendingIncidents;
    this.pendingRaw = [];
    this.pendingIncidents = [];
    const lastSeq = this.seq;
    const checkpointDue = now >= this.nextBucketEnd || (final && lastSeq !== this.checkpointSeq);
    const ended = checkpointDue ? this.takeEndedBuckets(now) : [];
    const open = checkpointDue ? this.openBucketRows() : undefined;
    const recentDue = lastSeq !== this.recentSeq && (final || monotonic - this.lastRecentSnapshotAt >= this.options.recentSnapshotIntervalMs);
    const recent = recentDue ? this.recentLists() : undefined;

    // Filed by trusted time: a wall clock jumped years ahead must not open a segment that escapes retention.
    const today = utcDayKey(this.time.writeTime());
    if (today > this.rawSegmentDay) this.rawSegmentDay = today;
    const rawPath = join(this.dir, 'results', rawSegmentName(this.rawSegmentDay));
    let written = 0;
    try {
      if (raw.length > 0) await this.files.append(rawPath, raw.map(encodeRawLine).join('\n') + '\n');
      written = 1;
      if (incidentEvents.length > 0) await this.files.append(this.incidentsPath(), incidentEvents.map((e) => JSON.stringify(e)).join('\n') + '\n');
      written = 2;
      // fsync is what costs a laptop its sleep: one per batch meant a disk flush per check. The appended lines are
      // in the page cache at once (a hard kill loses nothing written); they are fsynced before anything points at
      // them (a checkpoint or snapshot, every minute while results flow), with an incident, and every SYNC_EVERY_MS.
      if (final || open || recent || incidentEvents.length > 0 || monotonic - this.lastSyncAt >= SYNC_EVERY_MS) {
        await this.files.sync();
        this.lastSyncAt = monotonic;
      }
    } catch (error) {
      // Nothing is lost: what did not reach the disk goes back in front of what arrived meanwhile.
      if (written < 1) this.keepPendingRaw(raw);
      if (written < 2) this.pendingIncidents = [...incidentEvents, ...this.pendingIncidents];
      for (const bucket of ended) this.addToOpenBucket(bucket.resolution, bucket.monitorId, bucket.acc);
      throw error;
    }
    const position: RawPosition = { segment: rawSegmentName(this.rawSegmentDay), offset: await this.files.size(rawPath) };

    if (open) await this.writeCheckpoint(ended, open, lastSeq, position);
    if (recent) {
      const snapshot: RecentSnapshot = { lastSeq, position, recent };
      await this.writeAtomic(this.statePath('recent.json'), JSON.stringify(snapshot));
      this.recentSeq = lastSeq;
      this.lastRecentSnapshotAt = monotonic;
    }
    if (today !== this.lastPruneDay) await this.dailyUpkeep(today, rawPath);
    else if (open && this.compressPending) await this.compressClosedSegments();
  }

  /** Puts an unwritten batch back, oldest first; past the cap the oldest go, and the loss is reported. */
  private keepPendingRaw(batch: RawEntry[]): void {
    const all = [...batch, ...this.pendingRaw];
    const excess = all.length - this.options.maxPendingResults;
    if (excess > 0) {
      all.splice(0, excess);
      this.droppedResults += excess;
    }
    this.pendingRaw = all;
  }

  private setWriteProblem(problem: string | undefined): void {
    let message = problem;
    // Worded without counts that change every second, so each front shows (and a log prints) it once.
    if (message !== undefined) {
      const dropped = this.droppedResults > 0 ? `; more than ${this.options.maxPendingResults} waited, so the oldest are being dropped` : '';
      message = `${message}; new results wait in memory and will be written when it can${dropped}`;
    } else if (this.droppedResults > 0 && this.writeProblem !== undefined) {
      console.error(`picket: history: ${this.droppedResults} results could not be kept while the disk refused writes`);
      this.droppedResults = 0;
    }
    if (message === this.writeProblem) return;
    this.writeProblem = message;
    for (const listener of this.problemListeners) listener(message);
  }

  /** Appends the ended buckets under a journal, then commits with the checkpoint (see checkpoint.ts). */
  private async writeCheckpoint(ended: OpenBucket[], open: Record<RollupResolution, unknown[]>, lastSeq: number, position: RawPosition): Promise<void> {
    const cycle = this.cycle + 1;
    const rowsByFile = new Map<string, string[]>();
    for (const bucket of ended) {
      const file = `rollups/${rollupSegmentName(bucket.resolution, bucket.acc.start)}`;
      const rows = rowsByFile.get(file) ?? [];
      rows.push(encodeRollupRow(bucket.monitorId, bucket.acc));
      rowsByFile.set(file, rows);
    }
    const sizes: Record<string, number> = {};
    try {
      if (rowsByFile.size > 0) {
        for (const file of rowsByFile.keys()) sizes[file] = await this.files.size(join(this.dir, file));
        await this.writeAtomic(this.statePath('journal.json'), JSON.stringify({ cycle, sizes }));
        for (const [file, rows] of rowsByFile) await this.files.append(join(this.dir, file), rows.join('\n') + '\n');
        await this.files.sync();
      }
      await this.writeAtomic(this.statePath('checkpoint.json'), JSON.stringify({ cycle, lastSeq, position, open }));
    } catch (error) {
      // Not committed: cut the appended rows off again and keep the buckets for the next attempt.
      await this.files.closeAll().catch(() => undefined);
      await this.rollBack(sizes).catch(() => undefined);
      for (const bucket of ended) this.addToOpenBucket(bucket.resolution, bucket.monitorId, bucket.acc);
      throw error;
    }
    this.cycle = cycle;
    this.checkpointSeq = lastSeq;
    this.checkpointPosition = position;
  }

  private takeEndedBuckets(now: number): OpenBucket[] {
    const ended: OpenBucket[] = [];
    let nextEnd = Number.POSITIVE_INFINITY;
    for (const [key, bucket] of this.openBuckets) {
      const end = bucketEnd(bucket.resolution, bucket.acc.start);
      if (end <= now) {
        ended.push(bucket);
        this.openBuckets.delete(key);
      } else {
        nextEnd = Math.min(nextEnd, end);
      }
    }
    this.nextBucketEnd = nextEnd;
    return ended;
  }

  /** Open buckets are stored as compact rows, like the rollup segments. */
  private openBucketRows(): Record<RollupResolution, unknown[]> {
    const open: Record<RollupResolution, unknown[]> = { minute: [], hour: [], day: [] };
    for (const bucket of this.openBuckets.values()) open[bucket.resolution].push(rollupRowValue(bucket.monitorId, bucket.acc));
    return open;
  }

  private recentLists(): Record<string, CheckResult[]> {
    const lists: Record<string, CheckResult[]> = {};
    for (const [monitorId, history] of this.monitors) lists[monitorId] = history.recent.list();
    return lists;
  }

  private async dailyUpkeep(today: string, rawPath: string): Promise<void> {
    this.lastPruneDay = today;
    // After a jump of the wall clock nothing is deleted by a reading nothing confirms; tomorrow tries again.
    const pruneAt = this.time.pruneTime();
    if (pruneAt !== undefined) await this.prune(pruneAt);
    // Yesterday's segments will not be appended to again (late rows reopen theirs).
    await this.files.closeExcept(new Set([rawPath, this.incidentsPath()]));
    await this.compressClosedSegments();
  }

  /** Gzips raw segments of days before today that the checkpoint covers; they are never appended to again. */
  private async compressClosedSegments(): Promise<void> {
    this.compressPending = true;
    const closedBefore = rawSegmentName(utcDayKey(this.time.writeTime()));
    const run = await compressClosedSegments(join(this.dir, 'results'), closedBefore, this.checkpointPosition);
    this.compressPending = run.waiting;
  }

  private async prune(now: number): Promise<void> {
    await pruneSegments([join(this.dir, 'results'), join(this.dir, 'rollups')], {
      raw: now - this.options.rawRetentionDays * DAY_MS,
      minute: now - this.options.minuteRetentionDays * DAY_MS,
      hour: now - this.options.rollupRetentionDays * DAY_MS,
      day: now - this.options.rollupRetentionDays * DAY_MS,
    });
  }

  private async writeAtomic(path: string, data: string): Promise<void> {
    this.atomicBytes += await writeFileAtomic(path, data);
    this.atomicWrites += 1;
  }

  private async rollBack(sizes: Record<string, number>): Promise<void> {
    for (const [file, size] of Object.entries(sizes)) {
      await truncate(join(this.dir, file), size).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  // ---- memory ----

  private monitor(monitorId: string): MonitorHistory {
    let history = this.monitors.get(monitorId);
    if (!history) {
      history = {
        recent: new RecentResults(this.options.recentPerMonitor),
        hours: new BucketSeries(HOUR_MS, HOUR_SERIES_CAPACITY),
        days: new BucketSeries(DAY_MS, Math.max(366, this.options.rollupRetentionDays) + 1),
      };
      this.monitors.set(monitorId, history);
    }
    return history;
  }

  /** writtenUpTo (a rebuild without checkpoint): buckets the rollup files already hold are skipped. */
  private apply(entry: RawEntry, toRollups: boolean, toRecent: boolean, writtenUpTo?: Map<string, number>): void {
    const { result, outcome } = entry;
    const history = this.monitor(result.monitorId);
    if (toRecent) history.recent.push(result);
    if (!toRollups) return;
    for (const resolution of RESOLUTIONS) {
      const start = bucketStart(resolution, result.at);
      if (writtenUpTo && start <= (writtenUpTo.get(`${resolution}\u0000${result.monitorId}`) ?? Number.NEGATIVE_INFINITY)) continue;
      const acc = emptyAccumulator(start);
      addOutcome(acc, outcome, result.latencyMs);
      this.addToOpenBucket(resolution, result.monitorId, acc);
      this.addToSeries(history, resolution, acc);
    }
  }

  private addToOpenBucket(resolution: RollupResolution, monitorId: string, delta: RollupAccumulator): void {
    const key = `${resolution}\u0000${monitorId}\u0000${delta.start}`;
    const bucket = this.openBuckets.get(key);
    if (bucket) {
      mergeAccumulator(bucket.acc, delta);
      return;
    }
    this.openBuckets.set(key, { resolution, monitorId, acc: { ...delta } });
    this.nextBucketEnd = Math.min(this.nextBucketEnd, bucketEnd(resolution, delta.start));
  }

  private addToSeries(history: MonitorHistory, resolution: RollupResolution, acc: OutcomeCounts & { start: number }): void {
    if (resolution === 'hour') history.hours.add(acc.start, acc);
    else if (resolution === 'day') history.days.add(acc.start, acc);
  }

  // ---- start-up ----

  private async load(): Promise<void> {
    // Owner-only, like picket.json: history says which services a user watches and when they failed.
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700).catch(() => undefined);
    for (const sub of ['results', 'rollups', 'incidents', 'state']) {
      await mkdir(join(this.dir, sub), { recursive: true, mode: 0o700 });
      await chmod(join(this.dir, sub), 0o700).catch(() => undefined);
    }
    const stateDir = join(this.dir, 'state');
    for (const name of ['checkpoint.json', 'journal.json', 'recent.json', 'fold.json']) await removeStaleTempFiles(stateDir, name);
    const now = this.options.now();
    let segments = await listRawSegments(join(this.dir, 'results'));
    this.time = new TrustedTime({
      wallNow: this.options.now,
      monotonicNow: this.options.monotonicNow,
      newestOnDisk: segments.length === 0 ? undefined : segmentSpan(segments.at(-1) as string)?.end,
    });
    const fold = await foldFutureSegments(this.dir, segments, utcDayKey(this.time.writeTime()), now);
    if (fold.folded.length > 0) {
      console.error(`picket: history: results filed under a future date (${fold.folded.join(', ')}) were moved to today's segment`);
      segments = await listRawSegments(join(this.dir, 'results'));
    }
    const newestSegment = segments.length === 0 ? null : segmentSpan(segments.at(-1) as string);

    const checkpointRead = await readStateFile(this.statePath('checkpoint.json'), decodeCheckpoint, 'the rollups of the last hour are rebuilt from the raw results', now);
    const checkpoint = checkpointRead.value;
    const journalRead = await readStateFile(this.statePath('journal.json'), decodeJournal, 'rollup rows of a write interrupted by a crash may be counted twice', now);
    // Rows appended by a cycle whose checkpoint never landed are also in the replayed raw results.
    if (journalRead.value && journalRead.value.cycle > (checkpoint?.cycle ?? 0)) await this.rollBack(journalRead.value.sizes);

    await this.loadSeries(now);
    if (checkpoint) {
      this.cycle = checkpoint.cycle;
      this.checkpointSeq = checkpoint.lastSeq;
      this.checkpointPosition = checkpoint.position;
      for (const resolution of RESOLUTIONS) {
        for (const row of checkpoint.open[resolution]) {
          this.addToOpenBucket(resolution, row.monitorId, row.acc);
          this.addToSeries(this.monitor(row.monitorId), resolution, row.acc);
        }
      }
    }
    // Without the checkpoint, the raw log rebuilds every bucket the rollup files do not hold yet.
    const writtenUpTo = checkpointRead.problem === undefined ? undefined : await this.newestWrittenBuckets(segments);

    const recentRead = await readStateFile(this.statePath('recent.json'), decodeRecentSnapshot, 'the recent results are rebuilt from the raw results', now);
    const snapshot = recentRead.value;
    if (snapshot) {
      this.recentSeq = snapshot.lastSeq;
      for (const [monitorId, list] of Object.entries(snapshot.recent)) {
        const history = this.monitor(monitorId);
        for (const result of list) history.recent.push(result);
      }
    }
    for (const read of [checkpointRead, journalRead, recentRead]) if (read.problem) this.openProblems.push(read.problem);

    // Without a snapshot, the last N results per monitor come from today's and yesterday's segments.
    const recentFrom: RawPosition = snapshot?.position ?? { segment: rawSegmentName(utcDayKey(now - DAY_MS)), offset: 0 };
    const rollupsFrom: RawPosition = checkpoint?.position ?? { segment: '', offset: 0 };
    this.seq = Math.max(this.checkpointSeq, this.recentSeq);
    let replayedRecent = 0;
    for (const entry of await readRawFrom(join(this.dir, 'results'), earlierPosition(recentFrom, rollupsFrom))) {
      const toRecent = entry.seq > this.recentSeq;
      if (toRecent) replayedRecent += 1;
      this.apply(entry, entry.seq > this.checkpointSeq, toRecent, writtenUpTo);
      this.seq = Math.max(this.seq, entry.seq);
    }
    // After a crash, snapshot at the first flush so that repeated crashes do not replay ever more raw results.
    this.lastRecentSnapshotAt = snapshot && replayedRecent === 0 ? this.options.monotonicNow() : Number.NEGATIVE_INFINITY;
    // A compressed segment is never appended to again, even if the clock has stepped back before its day.
    const newest = segments.at(-1);
    if (!newest || !newestSegment) this.rawSegmentDay = '';
    else this.rawSegmentDay = newest.endsWith(COMPRESSED_SUFFIX) ? utcDayKey(newestSegment.end) : newest.slice(0, 10);

    for (const value of await readNdjson(this.incidentsPath())) {
      const event = decodeIncidentEvent(value);
      if (event) this.incidentBook.apply(event);
    }
    this.lastPruneDay = utcDayKey(this.time.writeTime());
    const pruneAt = this.time.pruneTime();
    if (pruneAt !== undefined) await this.prune(pruneAt);
  }

  /** Per resolution and monitor, the newest bucket start the rollup files hold for the span the raw log covers. */
  private async newestWrittenBuckets(segments: string[]): Promise<Map<string, number>> {
    const newest = new Map<string, number>();
    const oldest = segments.length === 0 ? null : segmentSpan(segments[0] as string);
    if (!oldest) return newest;
    const to = this.options.now() + DAY_MS;
    for (const resolution of RESOLUTIONS) {
      for (const name of rollupSegmentsInRange(resolution, bucketStart(resolution, oldest.start), to)) {
        for (const value of await readNdjson(join(this.dir, 'rollups', name))) {
          const row = decodeRollupRow(value);
          if (!row) continue;
          const key = `${resolution}\u0000${row.monitorId}`;
          newest.set(key, Math.max(newest.get(key) ?? Number.NEGATIVE_INFINITY, row.acc.start));
        }
      }
    }
    return newest;
  }

  /** Day rows of the last year and hour rows of the last week: what uptime() sums. */
  private async loadSeries(now: number): Promise<void> {
    const dayCapacity = Math.max(366, this.options.rollupRetentionDays) + 1;
    const spans: Array<[RollupResolution, number]> = [
      ['day', now - dayCapacity * DAY_MS],
      ['hour', now - HOUR_SERIES_CAPACITY * HOUR_MS],
    ];
    for (const [resolution, from] of spans) {
      const first = bucketStart(resolution, from);
      for (const name of rollupSegmentsInRange(resolution, first, now)) {
        for (const value of await readNdjson(join(this.dir, 'rollups', name))) {
          const row = decodeRollupRow(value);
          if (row && row.acc.start >= first) this.addToSeries(this.monitor(row.monitorId), resolution, row.acc);
        }
      }
    }
  }

  private statePath(name: string): string {
    return join(this.dir, 'state', name);
  }

  private incidentsPath(): string {
    return join(this.dir, 'incidents', 'incidents.ndjson');
  }
}

function validateResult(result: CheckResult): void {
  if (typeof result !== 'object' || result === null) throw new Error('result: must be a CheckResult object');
  if (typeof result.monitorId !== 'string' || result.monitorId === '') throw new Error('result.monitorId: must be a non-empty string');
  if (typeof result.at !== 'number' || !Number.isFinite(result.at)) throw new Error('result.at: must be epoch milliseconds');
  if (!STATUSES.has(result.status)) throw new Error(`result.status: must be up, warning or down, got ${String(result.status)}`);
  if (result.latencyMs !== null && (typeof result.latencyMs !== 'number' || !Number.isFinite(result.latencyMs))) {
    throw new Error('result.latencyMs: must be a number of milliseconds or null');
  }
}

function requireRange(from: number, to: number): void {
  if (typeof from !== 'number' || Number.isNaN(from)) throw new Error('from: must be epoch milliseconds');
  if (typeof to !== 'number' || Number.isNaN(to)) throw new Error('to: must be epoch milliseconds');
}
