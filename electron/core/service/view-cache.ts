// The monitor views (what the list, the tray and the notifier show) kept between calls: a view is rebuilt
// only when something in it changed (its monitor, state, last result or mute) or its uptime is older than
// maxAgeMs. So views() costs little at 1,000 monitors, and nothing is computed while nobody asks.
import type { MonitorView } from '../../shared/contract.ts';
import type { MonitorSnapshot } from '../engine/engine.ts';

interface Entry {
  view: MonitorView;
  snapshot: MonitorSnapshot;
  builtAt: number;
}

export class ViewCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly build: (snapshot: MonitorSnapshot, muted: boolean, now: number) => MonitorView,
    /** Uptime windows slide with time: a view this old is rebuilt even if nothing else changed. */
    private readonly maxAgeMs: number,
  ) {}

  views(snapshots: MonitorSnapshot[], muted: ReadonlySet<string>, now: number): MonitorView[] {
    const views = snapshots.map((snapshot) => this.view(snapshot, muted.has(snapshot.monitor.id), now));
    // Removed monitors: forget their views.
    if (this.#entries.size > snapshots.length) {
      const live = new Set(snapshots.map((snapshot) => snapshot.monitor.id));
      for (const id of this.#entries.keys()) if (!live.has(id)) this.#entries.delete(id);
    }
    return views;
  }

  /** One monitor's view: the cached one while nothing it shows has changed. */
  view(snapshot: MonitorSnapshot, muted: boolean, now: number): MonitorView {
    const id = snapshot.monitor.id;
    const cached = this.#entries.get(id);
    if (cached !== undefined && !changed(cached, snapshot, muted, now, this.maxAgeMs)) return cached.view;
    const view = this.build(snapshot, muted, now);
    this.#entries.set(id, { view, snapshot, builtAt: now });
    return view;
  }
}

function changed(cached: Entry, snapshot: MonitorSnapshot, muted: boolean, now: number, maxAgeMs: number): boolean {
  return (
    cached.snapshot.monitor !== snapshot.monitor ||
    cached.snapshot.state !== snapshot.state ||
    cached.snapshot.lastResult !== snapshot.lastResult ||
    cached.view.muted !== muted ||
    now - cached.builtAt >= maxAgeMs ||
    now < cached.builtAt
  );
}
