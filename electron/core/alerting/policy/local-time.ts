// Wall-clock words for the tray menu and notifications ("14:30", "tomorrow 08:00").
// Local time on purpose: "pause until tomorrow" means the user's morning, not UTC's.
import { DAY_MS } from '../../../shared/time.ts';

/** When "Pause alerts until tomorrow" ends: the next local 08:00, so the night stays quiet and the workday starts with alerts on. */
export const MORNING_HOUR = 8;

export function formatClock(at: number): string {
  requireTime('at', at);
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The next local MORNING_HOUR:00 strictly after `now` (today's if it is still ahead, else tomorrow's). */
export function nextMorning(now: number, hour: number = MORNING_HOUR): number {
  requireTime('now', now);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error(`hour must be an integer 0-23, got ${hour}`);
  const d = new Date(now);
  d.setHours(hour, 0, 0, 0);
  // setDate keeps the local hour across a DST change, unlike adding 24 h.
  if (d.getTime() <= now) d.setDate(d.getDate() + 1);
  return d.getTime();
}

/** "14:30" today, "tomorrow 08:00", else "2025-01-12 08:00": short when it can be, never ambiguous. */
export function describeUntil(at: number, now: number): string {
  requireTime('at', at);
  requireTime('now', now);
  const clock = formatClock(at);
  const days = localDayNumber(at) - localDayNumber(now);
  if (days === 0) return clock;
  if (days === 1) return `tomorrow ${clock}`;
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}`;
}

function localDayNumber(at: number): number {
  const d = new Date(at);
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function requireTime(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${field} must be epoch milliseconds, got ${String(value)}`);
  }
}
