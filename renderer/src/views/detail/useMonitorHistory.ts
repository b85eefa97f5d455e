// Fetches one monitor's history for the range on screen, and fetches it again (at most every
// REFRESH_THROTTLE_MS) when a new result for that monitor arrives. Only its uptime goes into the store
// (the list shows the same figures); long history is only held while it is shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryRange, MonitorHistory, PicketClient } from '../../../../electron/shared/contract.ts';
import { applyUptime } from '../../store/monitors-store.ts';
import { readContractError } from '../form/contract-error.ts';

export const REFRESH_THROTTLE_MS = 5_000;

export interface HistoryState {
  history: MonitorHistory | null;
  /** When that history was answered (Date.now()): where its time window ends. */
  answeredAt: number;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

export function useMonitorHistory(client: PicketClient, monitorId: string, range: HistoryRange): HistoryState {
  const [history, setHistory] = useState<MonitorHistory | null>(null);
  const [answeredAt, setAnsweredAt] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // Only the newest request may land: a slow 1 y answer must not overwrite the 1 h the user switched to.
  const sequence = useRef(0);
  const lastFetchAt = useRef(0);

  const load = useCallback(() => {
    const ticket = ++sequence.current;
    lastFetchAt.current = Date.now();
    setLoading(true);
    client.request('getHistory', { monitorId, range }).then(
      (result) => {
        applyUptime(result.monitorId, result.uptime);
        if (ticket !== sequence.current) return;
        setHistory(result);
        setAnsweredAt(Date.now());
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (ticket !== sequence.current) return;
        setError(readContractError(reason).message);
        setLoading(false);
      },
    );
  }, [client, monitorId, range]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a fetch: load() marks it loading, the answer lands later
    load();
  }, [load]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = client.on('results', (results) => {
      if (timer !== undefined || !results.some((result) => result.monitorId === monitorId)) return;
      const wait = Math.max(0, lastFetchAt.current + REFRESH_THROTTLE_MS - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        load();
      }, wait);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, monitorId, load]);

  // Another monitor's history (the one shown before) is never shown as this one's.
  return { history: history?.monitorId === monitorId ? history : null, answeredAt, loading, error, reload: load };
}
