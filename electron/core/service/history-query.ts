// getHistory: a range maps to the rollup resolution that gives a chart a few hundred points at most.
import type { HistoryRange, MonitorHistory } from '../../shared/contract.ts';
import type { UptimeSummary } from '../../shared/history-types.ts';
import type { RollupResolution } from '../../shared/history-types.ts';
import type { HistoryStore } from '../history/history-store.ts';
import { DAY_MS, HOUR_MS } from '../../shared/time.ts';


export const HISTORY_RANGES: Record<HistoryRange, { spanMs: number; resolution: RollupResolution }> = {
  '1h': { spanMs: HOUR_MS, resolution: 'minute' },
  '24h': { spanMs: DAY_MS, resolution: 'minute' },
  '7d': { spanMs: 7 * DAY_MS, resolution: 'hour' },
  '30d': { spanMs: 30 * DAY_MS, resolution: 'hour' },
  '1y': { spanMs: 365 * DAY_MS, resolution: 'day' },
};

/** The dashboard shows the last 100 results next to the chart. */
export const RECENT_LIMIT = 100;

/** uptime: the figures the monitor's view carries, so the list and the detail page never disagree. */
export async function queryHistory(history: HistoryStore, monitorId: string, range: HistoryRange, now: number, uptime: UptimeSummary): Promise<MonitorHistory> {
  const { spanMs, resolution } = HISTORY_RANGES[range];
  const buckets = await history.rollups(monitorId, resolution, now - spanMs, now);
  return {
    monitorId,
    range,
    resolution,
    buckets,
    uptime,
    incidents: history.incidents(monitorId),
    recent: history.recent(monitorId, RECENT_LIMIT),
  };
}
