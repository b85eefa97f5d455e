// The history store's options, with defaults and checks: a bad value fails at open, naming the field.
import { DEFAULT_SETTINGS } from '../../shared/defaults.ts';
import { HOUR_MS } from '../../shared/time.ts';

export interface HistoryStoreOptions {
  /** The wall clock; tests pass a fake one. */
  now?: () => number;
  /** A monotonic clock (ms): what the wall clock is checked against before anything is deleted (trusted-time.ts). */
  monotonicNow?: () => number;
  /** Results kept in memory while the disk refuses them (full, read-only); beyond this the oldest are dropped. */
  maxPendingResults?: number;
  /** How often buffered results are appended to disk; a hard kill loses at most about this much. */
  flushIntervalMs?: number;
  /** Days of raw results kept on disk (Settings.rawRetentionDays). */
  rawRetentionDays?: number;
  /** Days of hour and day rollups kept on disk (Settings.rollupRetentionDays). */
  rollupRetentionDays?: number;
  /** Days of minute rollups kept on disk; a year of minutes for 1,000 monitors would be tens of gigabytes. */
  minuteRetentionDays?: number;
  /** Results per monitor kept in memory for recent(); at least 100 is what the dashboard expects. */
  recentPerMonitor?: number;
  /** How often the recent results are snapshotted, which bounds the raw log read at start-up after a crash. */
  recentSnapshotIntervalMs?: number;
}

export type ResolvedHistoryOptions = Required<HistoryStoreOptions>;

export const DEFAULT_RECENT_PER_MONITOR = 100;

export function resolveHistoryOptions(options: HistoryStoreOptions): ResolvedHistoryOptions {
  const resolved: ResolvedHistoryOptions = {
    now: options.now ?? Date.now,
    monotonicNow: options.monotonicNow ?? (() => performance.now()),
    maxPendingResults: options.maxPendingResults ?? 50_000,
    flushIntervalMs: options.flushIntervalMs ?? 1000,
    rawRetentionDays: options.rawRetentionDays ?? DEFAULT_SETTINGS.rawRetentionDays,
    rollupRetentionDays: options.rollupRetentionDays ?? DEFAULT_SETTINGS.rollupRetentionDays,
    minuteRetentionDays: options.minuteRetentionDays ?? 7,
    recentPerMonitor: options.recentPerMonitor ?? DEFAULT_RECENT_PER_MONITOR,
    recentSnapshotIntervalMs: options.recentSnapshotIntervalMs ?? HOUR_MS,
  };
  if (typeof resolved.now !== 'function') throw new Error('now: must be a function returning epoch milliseconds');
  if (typeof resolved.monotonicNow !== 'function') throw new Error('monotonicNow: must be a function returning milliseconds');
  requirePositive('flushIntervalMs', resolved.flushIntervalMs);
  requirePositive('recentSnapshotIntervalMs', resolved.recentSnapshotIntervalMs);
  for (const field of ['rawRetentionDays', 'rollupRetentionDays', 'minuteRetentionDays', 'recentPerMonitor', 'maxPendingResults'] as const) {
    const value = resolved[field];
    if (!Number.isInteger(value) || value < 1) throw new Error(`${field}: must be a whole number of at least 1, got ${String(value)}`);
  }
  return resolved;
}

function requirePositive(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${field}: must be a positive number of milliseconds, got ${String(value)}`);
  }
}
