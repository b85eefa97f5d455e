// The persisted outbox: every message for a channel is written to <data>/alerts/outbox/ (fsynced, then renamed)
// before any attempt, so a kill -9 at any moment loses nothing; it is removed only once the channel accepted it.
// Attempts retry with exponential backoff and jitter for up to 24 hours, wait while Picket is offline, and say
// so when they arrive late. Per channel, messages that queued up while one was being sent or rate limited go
// out as one message.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { writeFileAtomicSync } from '../../storage/atomic-file.ts';
import { formatDuration } from '../../../shared/format-duration.ts';
import { mergeMessages, type AlertMessage, type Delivery } from '../alert-message.ts';
import { describeDeliveryError } from '../channels/channel-provider.ts';
import { backoffDelay, type BackoffOptions } from './backoff.ts';
import { DAY_MS, MINUTE_MS } from '../../../shared/time.ts';

export interface OutboxEntry {
  id: string;
  channelId: string;
  /** Epoch ms when the message was queued. */
  createdAt: number;
  /** Attempts started so far (counted before each one, so a crash mid-attempt counts too). */
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  /** Waited while Picket was offline: the message says so when it goes. */
  waitedForNetwork?: boolean;
  message: AlertMessage;
}

/** One attempt's outcome, for `run --json`, Settings and the failing-channel notice. */
export interface DeliveryReport {
  channelId: string;
  entryId: string;
  message: AlertMessage;
  ok: boolean;
  /** The provider's answer when ok, its error otherwise. */
  detail: string;
  attempt: number;
  at: number;
  /** The outbox gave up on this message (24 hours of failures, or its channel was removed). */
  gaveUp: boolean;
}

export interface OutboxOptions {
  dir: string;
  /** Sends one delivery; resolves with the provider's answer or throws. Undefined when the channel no longer exists. */
  send(channelId: string, delivery: Delivery, signal: AbortSignal): Promise<string> | undefined;
  isOffline(): boolean;
  onReport(report: DeliveryReport): void;
  now?: () => number;
  backoff?: Partial<BackoffOptions>;
  /** Least time between two messages to one channel. Default 3 s. */
  channelIntervalMs?: number;
  /** Give up on a message this old. Default 24 h. */
  maxAgeMs?: number;
  /** A message this late says so even when it never waited for the network. Default 60 s. */
  lateAfterMs?: number;
  /** How often to look again while offline. Default 5 s. */
  offlineRecheckMs?: number;
  /** One attempt's deadline. Default 60 s. */
  attemptTimeoutMs?: number;
}


export class Outbox {
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly busyChannels = new Set<string>();
  private readonly lastSentAt = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private closed = false;
  private diskProblem: string | undefined;
  private readonly now: () => number;

  private constructor(private readonly options: OutboxOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Reads what an earlier run left queued (a half-written temp file is ignored; an unreadable entry is moved aside). */
  static open(options: OutboxOptions): Outbox {
    fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const outbox = new Outbox(options);
    for (const name of fs.readdirSync(options.dir)) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const file = path.join(options.dir, name);
      try {
        const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as OutboxEntry;
        if (typeof entry.id !== 'string' || typeof entry.channelId !== 'string' || typeof entry.message !== 'object') throw new Error('not an outbox entry');
        outbox.entries.set(entry.id, entry);
      } catch {
        fs.renameSync(file, `${file}.unreadable`);
      }
    }
    // What an earlier run left is due now (or at its retry time).
    queueMicrotask(() => outbox.pump());
    return outbox;
  }

  /** Written to disk before this returns: from here on the message survives a crash. */
  enqueue(channelId: string, message: AlertMessage): OutboxEntry {
    const now = this.now();
    const entry: OutboxEntry = { id: randomUUID(), channelId, createdAt: now, attempts: 0, nextAttemptAt: now, message };
    this.persist(entry);
    this.pump();
    return entry;
  }

  /** Messages waiting, by channel. */
  queuedByChannel(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.entries.values()) counts.set(entry.channelId, (counts.get(entry.channelId) ?? 0) + 1);
    return counts;
  }

  pending(): OutboxEntry[] {
    return [...this.entries.values()];
  }

  /** Look again now (the network came back, a channel was edited). */
  wake(): void {
    this.pump();
  }

  /** Stops sending; attempts in flight are aborted and stay queued for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Our own disk trouble (full, read-only) must not cost the alert: it is still kept in memory and sent, and
   * the problem is said once on stderr, never reported as a channel (or a monitor) failing.
   */
  private persist(entry: OutboxEntry): void {
    this.entries.set(entry.id, entry);
    try {
      writeFileAtomicSync(this.fileOf(entry.id), JSON.stringify(entry));
      this.diskProblem = undefined;
    } catch (error) {
      this.sayDiskProblem(error);
    }
  }

  private remove(entry: OutboxEntry): void {
    this.entries.delete(entry.id);
    try {
      fs.rmSync(this.fileOf(entry.id), { force: true });
    } catch (error) {
      this.sayDiskProblem(error);
    }
  }

  private sayDiskProblem(error: unknown): void {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (this.diskProblem === code) return;
    this.diskProblem = code;
    console.error(`picket: the alert outbox in ${this.options.dir} cannot be written (${code}); alerts are still sent, but would not survive a crash`);
  }

  private fileOf(id: string): string {
    return path.join(this.options.dir, `${id}.json`);
  }

  private pump(): void {
    if (this.closed) return;
    const now = this.now();
    const offline = this.options.isOffline();
    let wakeAt = Infinity;
    const byChannel = new Map<string, OutboxEntry[]>();
    for (const entry of this.entries.values()) byChannel.set(entry.channelId, [...(byChannel.get(entry.channelId) ?? []), entry]);
    for (const [channelId, queued] of byChannel) {
      if (this.busyChannels.has(channelId)) continue;
      const due = queued.filter((entry) => entry.nextAttemptAt <= now).sort((a, b) => a.createdAt - b.createdAt);
      if (due.length === 0) {
        wakeAt = Math.min(wakeAt, ...queued.map((entry) => entry.nextAttemptAt));
        continue;
      }
      if (offline) {
        for (const entry of due.filter((entry) => !entry.waitedForNetwork)) this.persist({ ...entry, waitedForNetwork: true });
        wakeAt = Math.min(wakeAt, now + (this.options.offlineRecheckMs ?? 5_000));
        continue;
      }
      const allowedAt = (this.lastSentAt.get(channelId) ?? -Infinity) + (this.options.channelIntervalMs ?? 3_000);
      if (allowedAt > now) {
        wakeAt = Math.min(wakeAt, allowedAt);
        continue;
      }
      this.attempt(this.coalesce(due));
    }
    this.schedule(wakeAt);
  }

  /**
   * Messages never attempted yet become one: the first entry is rewritten with the merged message before the
   * others are removed, so a crash in between can repeat a message but never lose one. Messages already tried
   * go alone, unchanged, so a retry is the same message (and the same Matrix transaction).
   */
  private coalesce(due: OutboxEntry[]): OutboxEntry {
    const first = due[0]!;
    if (first.attempts > 0) return first;
    const fresh = due.filter((entry) => entry.attempts === 0);
    if (fresh.length === 1) return first;
    const merged: OutboxEntry = {
      ...first,
      message: mergeMessages(fresh.map((entry) => entry.message)),
      waitedForNetwork: fresh.some((entry) => entry.waitedForNetwork === true) || undefined,
    };
    if (merged.waitedForNetwork === undefined) delete merged.waitedForNetwork;
    this.persist(merged);
    for (const entry of fresh.slice(1)) this.remove(entry);
    return merged;
  }

  private attempt(entry: OutboxEntry): void {
    const started = this.now();
    const counted: OutboxEntry = { ...entry, attempts: entry.attempts + 1 };
    this.persist(counted);
    this.busyChannels.add(entry.channelId);
    this.lastSentAt.set(entry.channelId, started);
    const delivery: Delivery = { id: entry.id, attempt: counted.attempts, message: entry.message };
    const late = started - entry.createdAt;
    if (entry.waitedForNetwork || late >= (this.options.lateAfterMs ?? MINUTE_MS)) {
      delivery.lateNote = `(sent ${formatDuration(late)} late: ${entry.waitedForNetwork ? 'no network' : `${entry.attempts} failed attempts`})`;
    }
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.attemptTimeoutMs ?? MINUTE_MS)]);
    const run = (async () => {
      try {
        const sending = this.options.send(entry.channelId, delivery, signal);
        if (sending === undefined) {
          this.remove(counted);
          this.report(counted, false, 'the channel no longer exists', true);
          return;
        }
        const answer = await sending;
        this.remove(counted);
        this.report(counted, true, answer, false);
      } catch (error) {
        if (this.closed) return; // aborted by close(): stays queued, and is not the channel's fault
        const detail = describeDeliveryError(error);
        const now = this.now();
        if (now - entry.createdAt >= (this.options.maxAgeMs ?? DAY_MS)) {
          this.remove(counted);
          this.report(counted, false, `${detail}; gave up after ${formatDuration(now - entry.createdAt)}`, true);
          return;
        }
        this.persist({ ...counted, lastError: detail, nextAttemptAt: now + backoffDelay(counted.attempts, this.options.backoff) });
        this.report(counted, false, detail, false);
      } finally {
        this.busyChannels.delete(entry.channelId);
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      this.pump();
    });
  }

  private report(entry: OutboxEntry, ok: boolean, detail: string, gaveUp: boolean): void {
    this.options.onReport({ channelId: entry.channelId, entryId: entry.id, message: entry.message, ok, detail, attempt: entry.attempts, at: this.now(), gaveUp });
  }

  private schedule(at: number): void {
    if (this.closed || at === Infinity) return;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, at - this.now()));
    // The outbox alone must not keep a process alive that is otherwise done.
    this.timer.unref();
  }
}
