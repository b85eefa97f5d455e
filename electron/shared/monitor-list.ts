// What the dashboard's list shows of each monitor, and nothing more. The list is sent whole when the
// dashboard opens, so it must stay small at thousands of monitors; a monitor's config and full view are
// fetched when it is opened (getMonitor). It travels as a table, one row of values per monitor under one
// header of field names: in one object per monitor, the names alone were a third of the bytes.
// Typed, not validated (the engine makes it), like every result; and plain, so the dashboard's bundle
// carries no schema library for it.
import type { MonitorView } from './contract.ts';
import { targetOf } from './monitor-target.ts';
import { monitorTypeSpec } from './monitor-types/registry.ts';
import type { UptimeSummary } from './history-types.ts';
import type { CheckResult, MonitorState, MonitorType } from './types.ts';

export interface MonitorListItem {
  id: string;
  name: string;
  type: MonitorType;
  /** Where it connects, in one line (targetOf). */
  target: string;
  group: string | null;
  state: MonitorState;
  /** The last check's latency in whole milliseconds; null before the first answer or without one. */
  latencyMs: number | null;
  /** The last check's message when it was not up: the row says what went wrong. */
  problem: string | null;
  /** Uptime ratios, floored to 6 decimals (the row shows 4). */
  uptime24h: number | null;
  uptime30d: number | null;
  paused: boolean;
  muted: boolean;
  /** The host its alerts would travel through if a channel pointed there (the channels panel warns of it). */
  host: string;
}

/** The table's columns, in order. New fields go at the end: a reader maps columns by the header it got. */
export const MONITOR_LIST_FIELDS = ['id', 'name', 'type', 'target', 'group', 'state', 'latencyMs', 'problem', 'uptime24h', 'uptime30d', 'paused', 'muted', 'host'] as const;
type Fields = typeof MONITOR_LIST_FIELDS;
type Assert<T extends true> = T;
/** Fails to compile when the item gains a field the table does not carry. */
export type FieldsCoverItem = Assert<Exclude<keyof MonitorListItem, Fields[number]> extends never ? true : false>;

export type MonitorListRow = { -readonly [Index in keyof Fields]: Fields[Index] extends keyof MonitorListItem ? MonitorListItem[Fields[Index]] : never };

/** listMonitors' answer. */
export interface MonitorList {
  fields: Array<Fields[number]>;
  rows: MonitorListRow[];
  /**
   * How many 'monitors' events were sent before it. A list and an event travel apart (HTTP and a WebSocket),
   * so one may overtake the other: an event with a higher version is newer than the list, the others older.
   */
  version: number;
}

/** The 'monitors' event: the rows of monitors added or changed, and the ids of those removed; version counts the events. */
export interface MonitorListChanges extends MonitorList {
  removed: string[];
}

const floorTo6 = (ratio: number | null): number | null => (ratio === null ? null : Math.floor(ratio * 1e6) / 1e6);

/** What a row shows of the last result; the dashboard applies each 'results' batch with it too. */
export function resultFigures(lastResult: CheckResult | null): Pick<MonitorListItem, 'latencyMs' | 'problem'> {
  return {
    latencyMs: lastResult?.latencyMs == null ? null : Math.round(lastResult.latencyMs),
    problem: lastResult && lastResult.status !== 'up' ? lastResult.message : null,
  };
}

/** What a row shows of the uptime windows. */
export function uptimeFigures(uptime: UptimeSummary): Pick<MonitorListItem, 'uptime24h' | 'uptime30d'> {
  return { uptime24h: floorTo6(uptime.h24), uptime30d: floorTo6(uptime.d30) };
}

/** A full view as its list row shows it: the engine builds the list this way, the dashboard a view it just saved. */
export function listItemOf(view: MonitorView): MonitorListItem {
  const { monitor } = view;
  return {
    id: monitor.id,
    name: monitor.name,
    type: monitor.type,
    target: targetOf(monitor),
    group: monitor.group ?? null,
    state: view.state,
    ...resultFigures(view.lastResult),
    ...uptimeFigures(view.uptime),
    paused: monitor.paused,
    muted: view.muted,
    host: monitorTypeSpec(monitor.type).alertHost(monitor),
  };
}

export function toListRow(item: MonitorListItem): MonitorListRow {
  return MONITOR_LIST_FIELDS.map((field) => item[field]) as unknown as MonitorListRow;
}

export function toMonitorList(items: readonly MonitorListItem[], version: number): MonitorList {
  return { fields: [...MONITOR_LIST_FIELDS], rows: items.map(toListRow), version };
}

/** The items of a table, read by the header it came with (so a newer engine's extra columns are ignored). */
export function fromMonitorList(list: MonitorList): MonitorListItem[] {
  const column = new Map<string, number>(list.fields.map((field, index) => [field, index]));
  return list.rows.map((row) => {
    const values = row as readonly unknown[];
    return Object.fromEntries(MONITOR_LIST_FIELDS.map((field) => [field, values[column.get(field) ?? -1] ?? null])) as unknown as MonitorListItem;
  });
}

/** Whether two items differ in what state and results events do not carry (they keep state and latency current). */
export function listItemChanged(before: MonitorListItem, after: MonitorListItem): boolean {
  return (
    before.name !== after.name ||
    before.type !== after.type ||
    before.target !== after.target ||
    before.group !== after.group ||
    before.uptime24h !== after.uptime24h ||
    before.uptime30d !== after.uptime30d ||
    before.paused !== after.paused ||
    before.muted !== after.muted
  );
}
