// The dashboard's live state, fed by the contract's events. Updates are applied in batches (one set() per
// 'results' batch, state bursts coalesced to one set() per frame) and components select one monitor by
// id, so a result for one monitor re-renders one row. The list holds what its rows show (listMonitors);
// a monitor's full view (config, last result, uptime windows) is fetched when it is opened and kept fresh
// from the events. Long history is never held here: views fetch it.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createStore } from 'zustand/vanilla';
import type { AppSettings, HomeserverGroup, MonitorView, PicketClient } from '../../../electron/shared/contract.ts';
import type { UptimeSummary } from '../../../electron/shared/history-types.ts';
import { fromMonitorList, listItemOf, resultFigures, uptimeFigures, type MonitorList, type MonitorListChanges, type MonitorListItem } from '../../../electron/shared/monitor-list.ts';
import type { CheckResult, MonitorState, StateChange } from '../../../electron/shared/types.ts';
import type { ConnectionStatus, WebClient } from '../transport/web-client.ts';

/** Latencies kept per monitor for the list's sparkline; null marks a check without an answer (a gap). */
export const SPARKLINE_LENGTH = 30;

/** 'signed-out': serve wants its access token (no session, or the token was rotated). */
export type StoreConnection = 'loading' | 'ready' | 'reconnecting' | 'error' | 'signed-out';

export interface MonitorsState {
  /** Every monitor as its list row shows it. */
  items: Record<string, MonitorListItem>;
  /** Monitor ids in the engine's order. */
  ids: string[];
  /** The full views of monitors opened (detail, edit) since the dashboard loaded. */
  details: Record<string, MonitorView>;
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

const initialState = (): MonitorsState => ({ items: {}, ids: [], details: {}, sparklines: {}, homeservers: {}, settings: null, connection: 'loading', error: null, problems: [] });

export const monitorsStore = createStore<MonitorsState>()(initialState);

/** Tests start from a clean store. */
export function resetMonitorsStore(): void {
  monitorsStore.setState(initialState(), true);
  latestEventAt.clear();
}

/**
 * The newest result or state change each monitor's events told, by the engine's clock. A view a request
 * answered (HTTP) can be overtaken by a 'state' event (the WebSocket): a view whose last result is older than
 * what the events told must not take the row and the open view back to an older state.
 */
const latestEventAt = new Map<string, number>();
const noteEvent = (monitorId: string, at: number): void => {
  if (at > (latestEventAt.get(monitorId) ?? Number.NEGATIVE_INFINITY)) latestEventAt.set(monitorId, at);
};

function appendLatency(ring: Array<number | null> | undefined, latency: number | null): Array<number | null> {
  const next = ring ? ring.slice(ring.length >= SPARKLINE_LENGTH ? 1 : 0) : [];
  next.push(latency);
  return next;
}

/** One batch of results becomes one set(): the row's latency and problem, an open view's last result, the sparkline. */
export function applyResults(results: CheckResult[]): void {
  if (results.length === 0) return;
  monitorsStore.setState((state) => {
    const items = { ...state.items };
    const sparklines = { ...state.sparklines };
    let details = state.details;
    let changed = false;
    for (const result of results) {
      const item = items[result.monitorId];
      if (!item) continue; // A result racing a removal: the monitor is gone.
      noteEvent(result.monitorId, result.at);
      const detail = details[result.monitorId];
      items[result.monitorId] = { ...item, ...resultFigures(result) };
      if (detail) details = { ...details, [result.monitorId]: { ...detail, lastResult: result } };
      sparklines[result.monitorId] = appendLatency(sparklines[result.monitorId], result.latencyMs);
      changed = true;
    }
    return changed ? { items, details, sparklines } : state;
  });
}


export function applyStateChanges(changes: StateChange[]): void {
  if (changes.length === 0) return;
  monitorsStore.setState((state) => {
    const items = { ...state.items };
    let details = state.details;
    let changed = false;
    for (const change of changes) {
      const item = items[change.monitorId];
      if (!item) continue;
      noteEvent(change.monitorId, change.at);
      if (item.state !== change.to) {
        items[change.monitorId] = { ...item, state: change.to };
        changed = true;
      }
      // Apart from the row: an open view fetched in between may hold an older state than the row.
      const detail = details[change.monitorId];
      if (detail && detail.state !== change.to) {
        details = { ...details, [change.monitorId]: { ...detail, state: change.to } };
        changed = true;
      }
    }
    return changed ? { items, details } : state;
  });
}

/** Replaces the monitor list (listMonitors), keeping the sparklines and open views of monitors still there. */
export function applyMonitors(list: MonitorList): void {
  const rows = fromMonitorList(list);
  monitorsStore.setState((state) => {
    const items: Record<string, MonitorListItem> = {};
    const sparklines: Record<string, Array<number | null>> = {};
    const details: Record<string, MonitorView> = {};
    for (const item of rows) {
      items[item.id] = item;
      const ring = state.sparklines[item.id];
      if (ring) sparklines[item.id] = ring;
      const detail = state.details[item.id];
      if (detail) details[item.id] = detail;
    }
    return { items, sparklines, details, ids: rows.map((item) => item.id) };
  });
}

/**
 * A 'monitors' event: the rows of monitors added or changed, the ids of those removed. Returns the ids of
 * changed monitors whose full view is held: it may be stale now (a new config), so the caller fetches it.
 */
export function applyMonitorChanges(changes: MonitorListChanges): string[] {
  const rows = fromMonitorList(changes);
  const gone = new Set(changes.removed);
  const stale: string[] = [];
  monitorsStore.setState((state) => {
    const items = { ...state.items };
    const details = { ...state.details };
    const sparklines = { ...state.sparklines };
    const added: string[] = [];
    for (const item of rows) {
      if (!items[item.id]) added.push(item.id);
      items[item.id] = item;
      if (details[item.id]) stale.push(item.id);
    }
    for (const id of gone) {
      delete items[id];
      delete details[id];
      delete sparklines[id];
    }
    const ids = [...state.ids.filter((id) => !gone.has(id)), ...added.filter((id) => !gone.has(id))];
    return { items, details, sparklines, ids };
  });
  return stale;
}

/** A full view getMonitor answered (or a request returned): the detail shows it, the row follows it. */
export function applyMonitorDetail(answered: MonitorView): void {
  monitorsStore.setState((state) => {
    const id = answered.monitor.id;
    const known = state.items[id];
    const overtaken = known !== undefined && (answered.lastResult?.at ?? Number.NEGATIVE_INFINITY) < (latestEventAt.get(id) ?? Number.NEGATIVE_INFINITY);
    // Overtaken: its definition and uptime are news, its state and last result are not.
    const view = overtaken ? { ...answered, state: known.state, lastResult: state.details[id]?.lastResult ?? answered.lastResult } : answered;
    const item = listItemOf(view);
    return {
      details: { ...state.details, [id]: view },
      items: { ...state.items, [id]: overtaken ? { ...item, latencyMs: known.latencyMs, problem: known.problem } : item },
      ids: state.ids.includes(id) ? state.ids : [...state.ids, id],
    };
  });
}

/**
 * 'monitors' events that arrived while a list was on its way. The list comes over HTTP and the events over a
 * WebSocket, so an event newer than the list can arrive first; the list would then undo it.
 */
const duringLoad: { loads: number; changes: MonitorListChanges[] } = { loads: 0, changes: [] };

/** A 'monitors' event as it arrives: applied now, and again after a list that was already on its way. */
export function receiveMonitorChanges(changes: MonitorListChanges): string[] {
  if (duringLoad.loads > 0) duringLoad.changes.push(changes);
  return applyMonitorChanges(changes);
}

/** Fetches a monitor's full view into the store (when it is opened, or when an event says it changed). */
export async function loadMonitorDetail(client: PicketClient, id: string): Promise<void> {
  try {
    const view = await client.request('getMonitor', { monitorId: id });
    // Removed while the answer was on its way: do not bring it back.
    if (monitorsStore.getState().items[id]) applyMonitorDetail(view);
  } catch {
    // Not found (removed meanwhile) or unreachable: the list and the connection banner say so.
  }
}

/**
 * Fills a monitor's sparkline from fetched history (the list fetches it for visible rows anyway), so the
 * line is there at once instead of after 30 live checks. Only ever lengthens what the events built.
 */
export function seedSparkline(id: string, latencies: ReadonlyArray<number | null>): void {
  const current = monitorsStore.getState().sparklines[id];
  const seed = latencies.slice(-SPARKLINE_LENGTH);
  if (!monitorsStore.getState().items[id] || seed.length <= (current?.length ?? 0)) return;
  monitorsStore.setState((state) => ({ sparklines: { ...state.sparklines, [id]: seed } }));
}

/**
 * Uptime a getHistory answer carried (the detail page, a row's uptime bar). The service answers it from the
 * same view the list gets, so the list and the detail page both read it from here and always agree.
 */
export function applyUptime(id: string, uptime: UptimeSummary): void {
  monitorsStore.setState((state) => {
    const item = state.items[id];
    if (!item) return state;
    const detail = state.details[id];
    const row = uptimeFigures(uptime);
    const rowChanged = row.uptime24h !== item.uptime24h || row.uptime30d !== item.uptime30d;
    const detailChanged = detail !== undefined && !sameUptime(detail.uptime, uptime);
    if (!rowChanged && !detailChanged) return state;
    return {
      items: rowChanged ? { ...state.items, [id]: { ...item, uptime24h: row.uptime24h, uptime30d: row.uptime30d } } : state.items,
      details: detail && detailChanged ? { ...state.details, [id]: { ...detail, uptime } } : state.details,
    };
  });
}

function sameUptime(a: UptimeSummary, b: UptimeSummary): boolean {
  return a.h24 === b.h24 && a.d7 === b.d7 && a.d30 === b.d30 && a.d365 === b.d365;
}

/** A view a request returned (add, edit, pause): shown at once, before the 'monitors' event confirms it. */
export const upsertMonitor = applyMonitorDetail;

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
  const refetch = (ids: readonly string[]): void => {
    for (const id of ids) void loadMonitorDetail(client, id);
  };
  // Subscribe before loading so nothing that happens during the load is missed.
  const unsubscribers = [
    client.on('results', (results) => applyResults(results)),
    client.on('state', (change) => coalescer.push(change)),
    client.on('monitors', (changes) => refetch(receiveMonitorChanges(changes))),
    client.on('settings', (settings) => applySettings(settings)),
    client.on('homeservers', (list) => applyHomeservers(list)),
    client.on('problems', (problems) => monitorsStore.setState({ problems })),
  ];
  if (isWebClient(client)) {
    // Until the event stream is open, events are lost: the stream opens after the sign-in, often after the
    // first load, so its first open reloads too.
    let missedEvents = true;
    unsubscribers.push(
      client.onConnectionChange((status: ConnectionStatus) => {
        if (status === 'signed-out') {
          monitorsStore.setState({ connection: 'signed-out', error: null });
        } else if (status === 'reconnecting') {
          missedEvents = true;
          // A refused load (a wrong access token, say) says more than "reconnecting": keep it on screen.
          if (!['error', 'signed-out'].includes(monitorsStore.getState().connection)) monitorsStore.setState({ connection: 'reconnecting' });
        } else if (status === 'open' && missedEvents) {
          // Events sent while the socket was down are lost: reload rather than show stale states.
          missedEvents = false;
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
  duringLoad.loads += 1;
  try {
    const [list, settings] = await Promise.all([client.request('listMonitors', {}), client.request('getSettings', {})]);
    if (!isActive()) return;
    applyMonitors(list);
    for (const changes of duringLoad.changes) if (changes.version > list.version) applyMonitorChanges(changes);
    applySettings(settings);
    monitorsStore.setState({ connection: 'ready', error: null });
    // After a lost connection the open views may be stale too.
    for (const id of Object.keys(monitorsStore.getState().details)) void loadMonitorDetail(client, id);
  } catch (error) {
    if (!isActive()) return;
    const signedOut = (error as { code?: unknown } | null)?.code === 'unauthorized';
    monitorsStore.setState(signedOut ? { connection: 'signed-out', error: null } : { connection: 'error', error: message(error) });
  } finally {
    duringLoad.loads -= 1;
    if (duringLoad.loads === 0) duringLoad.changes = [];
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
export const useMonitorItem = (id: string): MonitorListItem | undefined => useStore(monitorsStore, (state) => state.items[id]);
/** A monitor's full view; undefined until getMonitor has answered (see useMonitorDetail). */
export const useMonitorView = (id: string): MonitorView | undefined => useStore(monitorsStore, (state) => state.details[id]);
export const useMonitorIds = (): string[] => useStore(monitorsStore, (state) => state.ids);
/** A monitor's full view, fetched the first time it is asked for; undefined until getMonitor answers. */
export function useMonitorDetail(client: PicketClient, id: string): MonitorView | undefined {
  const view = useMonitorView(id);
  const listed = useStore(monitorsStore, (state) => state.items[id] !== undefined);
  useEffect(() => {
    if (listed && !monitorsStore.getState().details[id]) void loadMonitorDetail(client, id);
  }, [client, id, listed]);
  return view;
}
export const useSettings = (): AppSettings | null => useStore(monitorsStore, (state) => state.settings);
export const useProblems = (): string[] => useStore(monitorsStore, (state) => state.problems);
export const useSparkline = (id: string): Array<number | null> | undefined => useStore(monitorsStore, (state) => state.sparklines[id]);
/** The homeserver whose monitors form `group`; undefined for a plain group. */
export const useHomeserver = (group: string): HomeserverGroup | undefined => useStore(monitorsStore, (state) => state.homeservers[group]);
export const useConnection = (): { connection: StoreConnection; error: string | null } =>
  useStore(monitorsStore, useShallow((state) => ({ connection: state.connection, error: state.error })));

export type StateCounts = Record<MonitorState, number>;

export function countStates(items: Record<string, Pick<MonitorListItem, 'state'>>): StateCounts {
  const counts: StateCounts = { up: 0, warning: 0, down: 0, pending: 0, paused: 0, unknown: 0 };
  for (const item of Object.values(items)) counts[item.state] += 1;
  return counts;
}

/**
 * Derived from the items once per items object. Selectors run several times per store update and in several
 * components; at 10,000 monitors, counting again each time took a quarter of the dashboard's CPU.
 */
export function memoByItems<T>(derive: (items: MonitorsState['items']) => T): (items: MonitorsState['items']) => T {
  let seen: MonitorsState['items'] | undefined;
  let derived: T | undefined;
  return (items) => {
    if (items !== seen) {
      derived = derive(items);
      seen = items;
    }
    return derived as T;
  };
}

const stateCountsOf = memoByItems(countStates);

/** Re-renders only when a count changes, not on every result. */
export const useStateCounts = (): StateCounts => useStore(monitorsStore, useShallow((state) => stateCountsOf(state.items)));

export interface GroupTotals {
  count: number;
  down: number;
}

const NO_MEMBERS: GroupTotals = { count: 0, down: 0 };

/** Members and members down of every group, in one pass over the items (ungrouped monitors under ''). */
const groupTotalsOf = memoByItems((items) => {
  const totals = new Map<string, GroupTotals>();
  for (const item of Object.values(items)) {
    const group = item.group || ''; // the list's UNGROUPED
    const entry = totals.get(group) ?? { count: 0, down: 0 };
    entry.count += 1;
    if (item.state === 'down') entry.down += 1;
    totals.set(group, entry);
  }
  return totals;
});

/** A group header's figures; re-renders only when they change. */
export const useGroupTotals = (group: string): GroupTotals => useStore(monitorsStore, useShallow((state) => groupTotalsOf(state.items).get(group) ?? NO_MEMBERS));
