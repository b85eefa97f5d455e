// Date and certificate formatters for the detail view and the form's test result. Latency and uptime use the
// list's formatters (components/format.ts) so both views write numbers the same way; durations use the one
// formatter the notifications use too (shared/format-duration.ts).
import { formatDays } from '../../../../electron/shared/format-duration.ts';
import { formatUptime } from '../../components/format.ts';

export { formatLatency } from '../../components/format.ts';

/** Uptime as the list writes it, but "no data" in words: the detail view has room to say it. */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? 'no data' : formatUptime(ratio);
}

export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatDaysLeft(daysLeft: number): string {
  if (daysLeft < 0) return `expired ${formatDays(-daysLeft)} ago`;
  if (daysLeft === 0) return 'expires today';
  return `${formatDays(daysLeft)} left`;
}
