// What the engine needs from storage, as narrow interfaces: the history store and the conf store
// satisfy them, and tests can pass something simpler.
import type { CheckResult, Incident } from '../../shared/types.ts';

export interface HistorySink {
  record(result: CheckResult, outcome: 'up' | 'warning' | 'down' | 'unknown'): void;
  openIncident(incident: Incident): void;
  closeIncident(monitorId: string, end: number): void;
  removeMonitor(monitorId: string): void;
  flush(): Promise<void>;
}

/** Per-monitor alert bookkeeping (open outages, certificate reminders sent) that must survive a restart. */
export interface RuntimeStateStore {
  load(): Record<string, unknown>;
  save(state: Record<string, unknown>): void;
}
