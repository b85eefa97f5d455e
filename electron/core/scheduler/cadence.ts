// How often a monitor is checked, and when its next check is due.
import { MIN_INTERVAL_SECONDS } from '../../shared/defaults.ts';
import type { Monitor } from '../../shared/types.ts';

export const MIN_INTERVAL_MS = MIN_INTERVAL_SECONDS * 1000;

/** The monitor's interval in ms. Config validation enforces the minimum; clamp anyway so a bad edit cannot spin. */
export function intervalMsOf(monitor: Monitor, minIntervalMs = MIN_INTERVAL_MS): number {
  const seconds: unknown = monitor.intervalSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    throw new Error(`monitor "${monitor.id}": intervalSeconds must be a finite number, got ${String(seconds)}`);
  }
  return Math.max(minIntervalMs, seconds * 1000);
}

/**
 * What the next due time counts from, given when a check was due and when it actually started.
 * Started a whole interval or more late (a blocked event loop, a long queue): that one check covers
 * every tick it missed, so the cadence restarts from its start instead of firing again at once.
 */
export function cadenceAnchor(dueAt: number, startedAt: number, intervalMs: number): number {
  return startedAt - dueAt >= intervalMs ? startedAt : dueAt;
}
