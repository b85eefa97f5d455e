// Fetches the buckets behind one row's uptime bar, on demand: rows exist only while visible (the list is
// virtualised), so only what is on screen is ever fetched. Answers are cached briefly and shared, so
// scrolling back and forth does not refetch, and in-flight requests are never duplicated.
import { useEffect, useState } from 'react';
import type { HistoryRange, MonitorHistory, PicketClient } from '../../../../electron/shared/contract.ts';
import type { RollupBucket } from '../../../../electron/shared/history-types.ts';
import { MINUTE_MS } from '../../../../electron/shared/time.ts';
import type { CheckResult } from '../../../../electron/shared/types.ts';
import type { BarUnit } from '../../components/UptimeBar.tsx';
import { applyUptime, seedSparkline } from '../../store/monitors-store.ts';

/** The smallest history range whose resolution matches the unit and covers 90 of them. */
const RANGE: Record<BarUnit, HistoryRange> = { hour: '7d', day: '1y' };
/** A new hour segment starts every hour; there is no point asking much more often than this. */
export const CACHE_MS = MINUTE_MS;
/** Rows that only flash past while scrolling are not worth a request. */
export const SETTLE_MS = 120;

interface CacheEntry {
  at: number;
  promise: Promise<MonitorHistory>;
}

const cache = new Map<string, CacheEntry>();

export function clearUptimeBarCache(): void {
  cache.clear();
}

export function fetchHistory(client: PicketClient, monitorId: string, unit: BarUnit, now = Date.now()): Promise<MonitorHistory> {
  const key = `${monitorId}:${unit}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit.promise;
  const promise = client.request('getHistory', { monitorId, range: RANGE[unit] });
  // A failure is not cached: the next visit asks again.
  promise.catch(() => cache.delete(key));
  cache.set(key, { at: now, promise });
  return promise;
}

export type BarData = { status: 'loading' } | { status: 'ready'; buckets: RollupBucket[]; recent: CheckResult[] } | { status: 'error'; message: string };

const LOADING: BarData = { status: 'loading' };

export function useUptimeBar(client: PicketClient, monitorId: string, unit: BarUnit): BarData {
  const key = `${monitorId}:${unit}`;
  // Tagged with its key, so switching hours/days never draws the old unit's buckets on the new scale.
  const [state, setState] = useState<{ key: string; data: BarData } | null>(null);
  useEffect(() => {
    const setData = (data: BarData): void => setState({ key, data });
    let live = true;
    const load = (): void => {
      fetchHistory(client, monitorId, unit).then(
        (history) => {
          // The same answer carries the last results: enough to draw the sparkline straight away.
          seedSparkline(monitorId, history.recent.map((result) => result.latencyMs));
          applyUptime(monitorId, history.uptime);
          if (live) setData({ status: 'ready', buckets: history.buckets, recent: history.recent });
        },
        (error: unknown) => live && setData({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    };
    const settle = setTimeout(load, SETTLE_MS);
    // A row that stays on screen keeps its bar current.
    const refresh = setInterval(load, CACHE_MS);
    return () => {
      live = false;
      clearTimeout(settle);
      clearInterval(refresh);
    };
  }, [client, monitorId, unit, key]);
  return state?.key === key ? state.data : LOADING;
}
