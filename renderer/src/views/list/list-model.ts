// The list's pure logic: search, filter, sort and grouping, kept out of the components so it is tested
// directly and runs inside a store selector (which must be cheap: it runs on every batch).
import type { MonitorListItem } from '../../../../electron/shared/monitor-list.ts';
import type { MonitorState } from '../../../../electron/shared/types.ts';
import { STATE_SEVERITY } from '../../components/state-meta.ts';

export type SortKey = 'state' | 'name' | 'latency' | 'uptime';
export type StateFilter = MonitorState | 'all';

export interface ListQuery {
  search: string;
  state: StateFilter;
  sort: SortKey;
}

export const DEFAULT_QUERY: ListQuery = { search: '', state: 'all', sort: 'state' };

export function matchesSearch(item: MonitorListItem, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return item.name.toLowerCase().includes(needle) || item.target.toLowerCase().includes(needle);
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: MonitorListItem, b: MonitorListItem): number => collator.compare(a.name, b.name) || a.id.localeCompare(b.id);

/** Missing numbers sort last whichever way the numbers go: "no data" is never the best or the worst. */
function byNumber(get: (item: MonitorListItem) => number | null | undefined, direction: 1 | -1) {
  return (a: MonitorListItem, b: MonitorListItem): number => {
    const x = get(a);
    const y = get(b);
    if (x == null || y == null) return x == null && y == null ? byName(a, b) : x == null ? 1 : -1;
    return (x - y) * direction || byName(a, b);
  };
}

const COMPARATORS: Record<SortKey, (a: MonitorListItem, b: MonitorListItem) => number> = {
  state: (a, b) => STATE_SEVERITY[a.state] - STATE_SEVERITY[b.state] || byName(a, b),
  name: byName,
  // Slowest first and least available first: the sort is for finding trouble.
  latency: byNumber((item) => item.latencyMs, -1),
  uptime: byNumber((item) => item.uptime24h, 1),
};

export function filterAndSort(items: readonly MonitorListItem[], query: ListQuery): MonitorListItem[] {
  return items.filter((item) => (query.state === 'all' || item.state === query.state) && matchesSearch(item, query.search)).sort(COMPARATORS[query.sort]);
}

/** One line of the virtual list: a group header or a monitor row (same height, so the list stays simple). */
export type ListEntry = { kind: 'group'; group: string } | { kind: 'monitor'; id: string };

/** The group name of monitors without one; real group names cannot be empty in the config format. */
export const UNGROUPED = '';

/**
 * "Down first" ranks whole groups worst first: by their worst member's state, then by how many members share
 * it (3 down before 1 down), then by name. Other sorts keep groups in order of their first member.
 */
function rankGroupsWorstFirst(names: string[], groups: ReadonlyMap<string, readonly MonitorListItem[]>): string[] {
  const rank = new Map(
    names.map((name) => {
      const severities = (groups.get(name) ?? []).map((item) => STATE_SEVERITY[item.state]);
      const worst = Math.min(...severities);
      return [name, { worst, count: severities.filter((s) => s === worst).length }];
    }),
  );
  const of = (name: string) => rank.get(name) as { worst: number; count: number };
  return [...names].sort((a, b) => of(a).worst - of(b).worst || of(b).count - of(a).count || collator.compare(a, b));
}

/**
 * Groups in order of their first (best-sorted) member, or worst first for "Down first"; ungrouped monitors
 * always come last. No headers at all when nothing is grouped.
 */
export function buildEntries(sorted: readonly MonitorListItem[], collapsed: ReadonlySet<string>, sort: SortKey = 'state'): ListEntry[] {
  if (!sorted.some((item) => item.group)) return sorted.map((item) => ({ kind: 'monitor', id: item.id }));
  const groups = new Map<string, MonitorListItem[]>();
  for (const item of sorted) {
    const group = item.group || UNGROUPED;
    const members = groups.get(group) ?? [];
    members.push(item);
    groups.set(group, members);
  }
  const grouped = [...groups.keys()].filter((g) => g !== UNGROUPED);
  const names = sort === 'state' ? rankGroupsWorstFirst(grouped, groups) : grouped;
  if (groups.has(UNGROUPED)) names.push(UNGROUPED);
  const entries: ListEntry[] = [];
  for (const group of names) {
    entries.push({ kind: 'group', group });
    if (collapsed.has(group)) continue;
    for (const item of groups.get(group) ?? []) entries.push({ kind: 'monitor', id: item.id });
  }
  return entries;
}

/**
 * The list's entry keys for one query, from the store's items: worked out again only when the items object
 * changes, and the very same array while the keys are equal, so the list does not re-render and no store
 * update compares 10,000 keys twice.
 */
export function entryKeysSelector(query: ListQuery, collapsed: ReadonlySet<string>): (items: Record<string, MonitorListItem>) => string[] {
  let seen: Record<string, MonitorListItem> | undefined;
  let keys: string[] = [];
  return (items) => {
    if (items === seen) return keys;
    seen = items;
    const next = buildEntries(filterAndSort(Object.values(items), query), collapsed, query.sort).map(entryKey);
    if (next.length !== keys.length || next.some((key, index) => key !== keys[index])) keys = next;
    return keys;
  };
}

/** Entries as strings, so a store selector can compare them cheaply and skip re-rendering the list. */
export function entryKey(entry: ListEntry): string {
  return entry.kind === 'group' ? `g:${entry.group}` : `m:${entry.id}`;
}

export function parseEntryKey(key: string): ListEntry {
  return key.startsWith('g:') ? { kind: 'group', group: key.slice(2) } : { kind: 'monitor', id: key.slice(2) };
}
