// The list as the dashboard shows it (shared/monitor-list.ts), and what changed in it since a UI was last
// told. So listMonitors sends slim rows and a 'monitors' event sends only the monitors that changed, never
// the whole list for one edit. State and latency are not compared: the 'state' and 'results' events keep
// them current on their own.
import type { MonitorView } from '../../shared/contract.ts';
import { listItemChanged, listItemOf, toMonitorList, type MonitorList, type MonitorListChanges, type MonitorListItem } from '../../shared/monitor-list.ts';

export class MonitorListFeed {
  /** The view cache hands back the same object while a view is unchanged, so its row is made once. */
  readonly #items = new WeakMap<MonitorView, MonitorListItem>();
  /** What the UIs were last told of each monitor; undefined until they were told anything. */
  #told: Map<string, MonitorListItem> | undefined;
  /** 'monitors' events sent so far. */
  #version = 0;

  /**
   * listMonitors' answer. The first one starts what changes are told against; later ones leave that as the
   * events left it, so a UI that loaded earlier still hears of every change since (a second UI may hear of
   * one it already has, which is harmless).
   */
  list(views: readonly MonitorView[]): MonitorList {
    const items = views.map((view) => this.itemOf(view));
    this.#told ??= new Map(items.map((item) => [item.id, item]));
    return toMonitorList(items, this.#version);
  }

  /**
   * The rows of monitors that changed since the UIs were last told, plus those named in `touched` (a request
   * changed them: their full view may differ where the row does not), and the ids of monitors gone. Null when
   * there is nothing to tell.
   */
  changes(views: readonly MonitorView[], touched: ReadonlySet<string> = new Set()): MonitorListChanges | null {
    const told = this.#told;
    const next = new Map<string, MonitorListItem>();
    const changed: MonitorListItem[] = [];
    for (const view of views) {
      const item = this.itemOf(view);
      next.set(item.id, item);
      const before = told?.get(item.id);
      // Before anyone was told anything, only what a request touched is news.
      if (touched.has(item.id) || (told !== undefined && (before === undefined || listItemChanged(before, item)))) changed.push(item);
    }
    const removed = [...(told?.keys() ?? touched)].filter((id) => !next.has(id));
    this.#told = next;
    if (changed.length === 0 && removed.length === 0) return null;
    this.#version += 1;
    return { ...toMonitorList(changed, this.#version), removed };
  }

  private itemOf(view: MonitorView): MonitorListItem {
    let item = this.#items.get(view);
    if (item === undefined) {
      item = listItemOf(view);
      this.#items.set(view, item);
    }
    return item;
  }
}
