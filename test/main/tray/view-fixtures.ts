// Monitor views and a fake service event source shared by the tray and notification tests.
import type { EventMap, EventName, MonitorView } from '../../../electron/shared/contract.ts';
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import type { Monitor, MonitorState } from '../../../electron/shared/types.ts';

export const MONITOR_STATES: readonly MonitorState[] = ['up', 'warning', 'down', 'pending', 'paused', 'unknown'];

export function tcpView(id: string, state: MonitorState, name: string = id.toUpperCase()): MonitorView {
  return viewOf({ ...common(id, name, state), type: 'tcp', host: `${id}.example.test`, port: 443 }, state);
}

export function httpView(id: string, state: MonitorState, name: string, url: string): MonitorView {
  // The config format's own defaults for everything the tray does not look at.
  return viewOf({ ...parseMonitor({ id, name, type: 'http', url }), ...common(id, name, state) }, state);
}

export function tlsView(id: string, state: MonitorState, name: string, host: string, serverName?: string): MonitorView {
  const tls = serverName === undefined ? {} : { serverName };
  return viewOf({ ...common(id, name, state), type: 'tls', host, port: 443, expiryWarningDays: [30, 7], tls }, state);
}

function common(id: string, name: string, state: MonitorState) {
  return { id, name, intervalSeconds: 60, timeoutSeconds: 10, failureThreshold: 2, reminderIntervalMinutes: 0, paused: state === 'paused' };
}

function viewOf(monitor: Monitor, state: MonitorState): MonitorView {
  return { monitor, state, lastResult: null, uptime: { h24: null, d7: null, d30: null, d365: null }, muted: false };
}

/** Stands in for the PicketService: views() plus the contract's typed events. */
export class FakeSource {
  current: MonitorView[] = [];
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  views(): MonitorView[] {
    return this.current;
  }

  on<Name extends EventName>(name: Name, listener: (payload: EventMap[Name]) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    this.listeners.set(name, set);
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  emit<Name extends EventName>(name: Name, payload: EventMap[Name]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(payload);
  }

  listenerCount(name: EventName): number {
    return this.listeners.get(name)?.size ?? 0;
  }
}

/** Timers run by hand: tests say when time passes, nothing waits for real. */
export class ManualTimers {
  now = 0;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; callback: () => void }>();

  readonly setTimer = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.due.set(id, { at: this.now + ms, callback });
    return id;
  };

  readonly clearTimer = (handle: unknown): void => {
    this.due.delete(handle as number);
  };

  readonly clock = (): number => this.now;

  get pending(): number {
    return this.due.size;
  }

  /** Moves the clock forward, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.due.delete(next[0]);
      this.now = Math.max(this.now, next[1].at);
      next[1].callback();
    }
    this.now = end;
  }
}
