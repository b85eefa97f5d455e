// Uptime from outcome counts: unknown time (sleep, no network) is neither up nor down, and no data is null, not 0 %.
import type { UptimeReport } from '../../shared/history-types.ts';
import type { OutcomeCounts } from './bucket-series.ts';
import { DAY_MS } from '../../shared/time.ts';

export const UPTIME_WINDOWS = {
  h24: DAY_MS,
  d7: 7 * DAY_MS,
  d30: 30 * DAY_MS,
  d365: 365 * DAY_MS,
} as const;

export function uptimeReport(counts: OutcomeCounts): UptimeReport {
  const counted = counts.up + counts.warning + counts.down;
  return {
    ratio: counted === 0 ? null : (counts.up + counts.warning) / counted,
    up: counts.up,
    down: counts.down,
    warning: counts.warning,
    unknown: counts.unknown,
  };
}
