// How long something lasted, in the words every front uses: a notification, `picket run`, `picket matrix discover`
// and the dashboard say "59 min 59 s" for the same outage. Two rules:
// - floor, never round: an outage of 59 min 59.9 s has not lasted an hour, and a rounded "1 h" on screen would
//   contradict the "59 min 59 s" in the notification;
// - the two largest units, the second left out when it is zero: "4 min 12 s", "1 h", "3 d 2 h", never "0 d 0 h 4 min".
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './time.ts';

const UNITS: ReadonlyArray<readonly [unit: string, ms: number]> = [
  ['d', DAY_MS],
  ['h', HOUR_MS],
  ['min', MINUTE_MS],
  ['s', SECOND_MS],
];

export function formatDuration(ms: number): string {
  // NaN or Infinity is a bug upstream; an alert or a table cell still reads as a sentence rather than throwing.
  if (!Number.isFinite(ms)) return 'an unknown time';
  // A wall clock that jumped back between the start and the end makes a negative duration: nothing lasted.
  if (ms <= 0) return '0 s';
  if (ms < SECOND_MS) return '< 1 s';
  const index = UNITS.findIndex(([, size]) => ms >= size);
  const [unit, size] = UNITS[index]!;
  const major = Math.floor(ms / size);
  const next = UNITS[index + 1];
  if (next === undefined) return `${major} ${unit}`;
  const minor = Math.floor((ms - major * size) / next[1]);
  return minor === 0 ? `${major} ${unit}` : `${major} ${unit} ${minor} ${next[0]}`;
}

/** A count of whole days, as certificate expiry is counted: "1 day", "7 days" (never "7 d": it is a count, not a span). */
export function formatDays(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}
