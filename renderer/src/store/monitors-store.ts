// The dashboard's live state, fed by the contract's events. Updates are applied in batches (one set() per
// 'results' batch, state bursts coalesced to one set() per frame) and components select one monitor by
// id, so a result for one monitor re-renders one row. Long history is never held here: views fetch it.
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createStore } from 'zustand/vanilla';
import type { AppSettings, HomeserverGroup, MonitorView, PicketClient } from '../../../electron/shared/contract.ts';
import type { UptimeSummary } from '../../../electron/shared/history-types.ts';
import type { CheckResult, MonitorState, StateChange } from '../../../electron/shared/types.ts';
import type { ConnectionStatus, WebClient } from '../transport/web-client.ts';

/** Latencies kept per monitor for the list's sparkline; null marks a check without an answer (a gap). */
export const SPARKLINE_LENGTH = 30;

export type StoreConnection = 'loading' | 'ready' | 'reconnecting' | 'error';

export interface MonitorsState {
  views: Record<string, MonitorView>;
  /** Monitor ids in the engine's order. */
  ids: string[];
  sparklines: Record<string, Array<number | null>>;
  /** Matrix homeserver groups by group name (their diagnosis and last discovery). */
  homeservers: Record<string, HomeserverGroup>;
  settings: AppSettings | null;
  connection: StoreConnection;
  /** Why loading failed, in words, when connection is 'error'. */
  error: string | null;
  /** Picket's own problems (a full disk, a damaged file): shown in a banner until they clear. */
  problems: string[];
}

const initialState = (): MonitorsState => ({ views: {}, ids: [], sparklines: {}, homeservers: {}, settings: null, connection: 'loading', error: null, problems: [] });

export const monitorsStore = createStore<MonitorsState>()(initialState);

/** Tests start from a clean store. */
export function resetMonitorsStore(): void {
  monitorsStore.setState(initialState(), true);
}

function appendLatency(ring: Array<number | null> | undefined, latency: number | null): Array<number | null> {
  const next = ring ? ring.slice(ring.length >= SPARKLINE_LENGTH ? 1 : 0) : [];
  next.push(latency);
  return next;
}

/** One batch of results becomes one set(): lastResult and the sparkline of each monitor it names. */
export function applyResults(results: CheckResult[]): void {
  if (results.length === 0) return;
  monitorsStore.setState((state) => {
    const views = { ...state.views };
    const sparklines = { ...state.sparklines };
    let changed = false;
    for (const result of results) {
      const view = views[result.monitorId];
      if (!view) continue; // A result racing a removal: the monitor is gone.
      views[result.monitorId] = { ...view, lastResult: result };
      sparklines[result.monitorId] = appendLatency(sparklines[result.monitorId], result.latencyMs);
      changed = true;
    }
    return changed ? { views, sparklines } : state;
  });
}

export function applyStateChanges(changes: StateChange[]): void {
  if (changes.length === 0) return;
  monitorsStore.setState((state) => {
    const views = { ...state.views };
    let changed = false;
    for (const change of changes) {
      const view = views[change.monitorId];
      if (!view || view.state === change.to) continue;
      views[change.monitorId] = { ...view, state: change.to };
      changed = true;
    }
    return changed ? { views } : state;
  });
}

/** Replaces the monitor list, keeping the sparklines of monitors that are still there. */
export function applyMonitors(list: MonitorView[]): void {
  monitorsStore.setState((state) => {
    const views: Record<string, MonitorView> = {};
    const sparklines: Record<string, Array<number | null>> = {};
    for (const view of list) {
      const id = view.monitor.id;
      views[id] = view;
      const ring = state.sparklines[id];
      if (ring) sparklines[id] = ring;
    }
    return { views, sparklines, ids: list.map((view) => view.monitor.id) };
  });
}

/**
 * Fills a monitor's sparkline from fetched history (the list fetches it for visible rows anyway), so the
 * line is there at once instead of after 30 live checks. Only ever lengthens what the events built.
 */
export function seedSparkline(id: string, latencies: ReadonlyArray<number | null>): void {
  const current = monitorsStore.getState().sparklines[id];
  const seed = latencies.slice(-SPARKLINE_LENGTH);
  if (!monitorsStore.getState().views[id] || seed.length <= (current?.length ?? 0)) return;
  monitorsStore.setState((state) => ({ sparklines: { ...state.sparklines, [id]: seed } }));
}

/**
 * Uptime a getHistory answer carried (the detail page, a row's uptime bar). The service answers it from the
 * same view the list gets, so the list and the detail page both read it from here and always agree.
 */
export function applyUptime(id: string, uptime: UptimeSummary): void {
  monitorsStore.setState((state) => {
    const view = state.views[id];
    if (!view || sameUptime(view.uptime, uptime)) return state;
    return { views: { ...state.views, [id]: { ...view, uptime } } };
  });
}

function sameUptime(a: UptimeSummary, b: UptimeSummary): boolean {
  return a.h24 === b.h24 && a.d7 === b.d7 && a.d30 === b.d30 && a.d365 === b.d365;
}

/** A view a request returned (add, edit, pause): shown at once, before the 'monitors' event confirms it. */
export function upsertMonitor(view: MonitorView): void {
  monitorsStore.setState((state) => {
    const id = view.monitor.id;
    return { views: { ...state.views, [id]: view }, ids: state.ids.includes(id) ? state.ids : [...state.ids, id] };
  });
}

/** The 'homeservers' event and listHomeservers both carry every group: the list replaces the slice. */
export function applyHomeservers(list: HomeserverGroup[]): void {
  const homeservers: Record<string, HomeserverGroup> = {};
  for (const group of list) homeservers[group.group] = group;
  monitorsStore.setState({ homeservers });
}

/** A group addHomeserver returned: shown at once, before the 'homeservers' event confirms it. */
export function upsertHomeserver(group: HomeserverGroup): void {
  monitorsStore.setState((state) => ({ homeservers: { ...state.homeservers, [group.group]: group } }));
}

export function applySettings(settings: AppSettings): void {
  monitorsStore.setState({ settings });
}

export type Scheduler = (flush: () => void) => void;

/**
 * Next animation frame, with a timer as a fallback: a hidden window (the app lives in the tray) gets no
 * frames, and its state must not go stale until it is shown.
 */
export const nextFrame: Scheduler = (flush) => {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    flush();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
};

/** Collects state changes and applies them in one set() when the scheduler fires. */
export function createStateCoalescer(schedule: Scheduler = nextFrame): { push(change: StateChange): void; cancel(): void } {
  let pending: StateChange[] = [];
  let scheduled = false;
  let cancelled = false;
  return {
    push(change) {
      pending.push(change);
      if (scheduled) return;
      scheduled = true;
      schedule(() => {
        scheduled = false;
        const batch = pending;
        pending = [];
        if (!cancelled) applyStateChanges(batch);
      });
    },
    cancel() {
      cancelled = true;
      pending = [];
    },
  };
}

function isWebClient(client: PicketClient): client is WebClient {
  return typeof (client as Partial<WebClient>).onConnectionChange === 'function';
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface ConnectOptions {
  schedule?: Scheduler;
}

/** Loads the monitors and settings, then follows the events. Returns a function that stops following. */
export function connectStore(client: PicketClient, options: ConnectOptions = {}): () => void {
  let active = true;
  const coalescer = createStateCoalescer(options.schedule);
  const load = (): Promise<void> => loadSnapshot(client, () => active);
  // Subscribe before loading so nothing that happens during the load is missed.
  const unsubscribers = [
    client.on('results', (results) => applyResults(results)),
    client.on('state', (change) => coalescer.push(change)),
    client.on('monitors', (list) => applyMonitors(list)),
    client.on('settings', (settings) => applySettings(settings)),
    client.on('homeservers', (list) => applyHomeservers(list)),
    client.on('problems', (problems) => monitorsStore.setState({ problems })),
  ];
  if (isWebClient(client)) {
    let wasDown = false;
    unsubscribers.push(
      client.onConnectionChange((status: ConnectionStatus) => {
        if (status === 'reconnecting') {
          wasDown = true;
          // A refused load (a wrong access token, say) says more than "reconnecting": keep it on screen.
          if (monitorsStore.getState().connection !== 'error') monitorsStore.setState({ connection: 'reconnecting' });
        } else if (status === 'open' && wasDown) {
          // Events sent while the socket was down are lost: reload rather than show stale states.
          wasDown = false;
          void load();
        }
      }),
    );
  }
  void load();
  return () => {
    active = false;
    coalescer.cancel();
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

/** Loads (or reloads, for "Try again") the monitor list and settings; a failure is shown, not thrown. */
export async function loadSnapshot(client: PicketClient, isActive: () => boolean = () => true): Promise<void> {
  void loadHomeservers(client, isActive);
  void loadProblems(client, isActive);
  try {
    const [list, settings] = await Promise.all([client.request('listMonitors', {}), client.request('getSettings', {})]);
    if (!isActive()) return;
    applyMonitors(list);
    applySettings(settings);
    monitorsStore.setState({ connection: 'ready', error: null });
  } catch (error) {
    if (isActive()) monitorsStore.setState({ connection: 'error', error: message(error) });
  }
}

/**
 * Homeserver groups load beside the monitors, never in the way of them: an engine without Matrix support
 * refuses the request, and its groups then simply show as plain groups (nothing is claimed about them).
 */
async function loadHomeservers(client: PicketClient, isActive: () => boolean): Promise<void> {
  try {
    const list = await client.request('listHomeservers', {});
    if (isActive()) applyHomeservers(list);
  } catch {
    // Deliberately quiet: see above. The monitors' own load reports a lost connection.
  }
}

/** Quiet on failure, like the homeservers: an engine that predates the request simply has no banner. */
async function loadProblems(client: PicketClient, isActive: () => boolean): Promise<void> {
  try {
    const problems = await client.request('getProblems', {});
    if (isActive()) monitorsStore.setState({ problems });
  } catch {
    // See above.
  }
}

// Selectors: each returns a stable reference unless its own slice changed, so rows re-render alone.
export const useMonitorView = (id: string): MonitorView | undefined => useStore(monitorsStore, (state) => state.views[id]);
export const useMonitorIds = (): string[] => useStore(monitorsStore, (state) => state.ids);
export const useSettings = (): AppSettings | null => useStore(monitorsStore, (state) => state.settings);
export const useProblems = (): string[] => useStore(monitorsStore, (state) => state.problems);
export const useSparkline = (id: string): Array<number | null> | undefined => useStore(monitorsStore, (state) => state.sparklines[id]);
/** The homeserver whose monitors form `group`; undefined for a plain group. */
export const useHomeserver = (group: string): HomeserverGroup | undefined => useStore(monitorsStore, (state) => state.homeservers[group]);
export const useConnection = (): { connection: StoreConnection; error: string | null } =>
  useStore(monitorsStore, useShallow((state) => ({ connection: state.connection, error: state.error })));

export type StateCounts = Record<MonitorState, number>;

export function countStates(views: Record<string, MonitorView>): StateCounts {
  const counts: StateCounts = { up: 0, warning: 0, down: 0, pending: 0, paused: 0, unknown: 0 };
  for (const view of Object.values(views)) counts[view.state] += 1;
  return counts;
}

/** Re-renders only when a count changes, not on every result. */
export const useStateCounts = (): StateCounts => useStore(monitorsStore, useShallow((state) => countStates(state.views)));
