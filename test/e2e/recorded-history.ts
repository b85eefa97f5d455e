// A plausible past written through the history store before `serve` starts, so the bars and charts show what
// a user sees after a few days: mostly up, latency with a daily rhythm, one outage where asked for.
import { HistoryStore } from '../../electron/core/history/history-store.ts';
import type { CheckResult } from '../../electron/shared/types.ts';

const HOUR = 3_600_000;

export interface PastMonitor {
  id: string;
  /** Typical latency, ms. */
  base: number;
  /** An outage of 1.5 h starting this many hours ago. */
  outageHoursAgo?: number;
}

export async function recordPast(historyDir: string, monitors: readonly PastMonitor[], hours = 72): Promise<void> {
  const end = Date.now() - 60_000;
  let now = end - hours * HOUR;
  const store = await HistoryStore.open(historyDir, { now: () => now, flushIntervalMs: 3_600_000 });
  for (; now < end; now += 5 * 60_000) {
    for (const { id, outageHoursAgo, base } of monitors) {
      const hoursAgo = (end - now) / HOUR;
      const down = outageHoursAgo !== undefined && hoursAgo <= outageHoursAgo && hoursAgo > outageHoursAgo - 1.5;
      const latency = Math.round(base + base * 0.4 * Math.sin(now / (4 * HOUR)) + Math.random() * base * 0.3);
      const result: CheckResult = down
        ? { monitorId: id, status: 'down', at: now, latencyMs: null, message: 'connection refused', failureKind: 'refused' }
        : { monitorId: id, status: 'up', at: now, latencyMs: latency, message: `200 OK in ${latency} ms`, statusCode: 200 };
      store.record(result, result.status);
    }
    if (Math.round((end - now) / 60_000) % 60 === 0) await store.flush();
  }
  await store.close();
}
