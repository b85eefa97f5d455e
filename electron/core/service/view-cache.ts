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
    const views = snapshots.map((snapshot) => {
      const id = snapshot.monitor.id;
      const isMuted = muted.has(id);
      const cached = this.#entries.get(id);
      if (cached !== undefined && !changed(cached, snapshot, isMuted, now, this.maxAgeMs)) return cached.view;
      const view = this.build(snapshot, isMuted, now);
      this.#entries.set(id, { view, snapshot, builtAt: now });
      return view;
    });
    // Removed monitors: forget their views.
    if (this.#entries.size > snapshots.length) {
      const live = new Set(snapshots.map((snapshot) => snapshot.monitor.id));
      for (const id of this.#entries.keys()) if (!live.has(id)) this.#entries.delete(id);
    }
    return views;
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
