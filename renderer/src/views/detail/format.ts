// Date, duration and certificate formatters for the detail view and the form's test result. Latency and
// uptime use the list's formatters (components/format.ts) so both views write numbers the same way.
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

/** "3 d 4 h", "2 h 5 min", "45 s": the two largest units are enough to judge an outage. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const days = Math.floor(hours / 24);
  return `${days} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

export function formatDaysLeft(daysLeft: number): string {
  if (daysLeft < 0) return `expired ${-daysLeft} ${-daysLeft === 1 ? 'day' : 'days'} ago`;
  if (daysLeft === 0) return 'expires today';
  return `${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left`;
}
