import { describe, expect, it } from 'vitest';
import type { MonitorSnapshot } from '../../../electron/core/engine/engine.ts';
import { ViewCache } from '../../../electron/core/service/view-cache.ts';
import type { MonitorView } from '../../../electron/shared/contract.ts';
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import type { CheckResult } from '../../../electron/shared/types.ts';

const monitor = parseMonitor({ id: 'web', type: 'tcp', host: '127.0.0.1', port: 8080 });
const other = parseMonitor({ id: 'db', type: 'tcp', host: '127.0.0.1', port: 5432 });
const result: CheckResult = { monitorId: 'web', at: 1, status: 'up', latencyMs: 3, message: 'ok', timings: { totalMs: 3 } };

function cache() {
  const built: string[] = [];
  const views = new ViewCache((snapshot, muted, now): MonitorView => {
    built.push(snapshot.monitor.id);
    return { monitor: snapshot.monitor, state: snapshot.state, lastResult: snapshot.lastResult ?? null, uptime: { h24: now, d7: null, d30: null, d365: null }, muted };
  }, 1000);
  return { views, built };
}

describe('ViewCache', () => {
  it('builds a view once, and again only when its monitor, state, last result or mute changed, or it aged', () => {
    const { views, built } = cache();
    const snapshots: MonitorSnapshot[] = [{ monitor, state: 'unknown' }, { monitor: other, state: 'unknown' }];
    const first = views.views(snapshots, new Set(), 0);
    expect(views.views(snapshots, new Set(), 500)).toEqual(first);
    expect(built).toEqual(['web', 'db']);

    views.views([{ monitor, state: 'up', lastResult: result }, snapshots[1] as MonitorSnapshot], new Set(), 600);
    expect(built).toEqual(['web', 'db', 'web']);
    views.views([{ monitor, state: 'up', lastResult: result }, snapshots[1] as MonitorSnapshot], new Set(['db']), 700);
    expect(built).toEqual(['web', 'db', 'web', 'db']);
    const aged = views.views([{ monitor, state: 'up', lastResult: result }, snapshots[1] as MonitorSnapshot], new Set(['db']), 1600);
    expect(built).toEqual(['web', 'db', 'web', 'db', 'web']);
    expect(aged[0]?.uptime.h24).toBe(1600);
  });

  it('forgets removed monitors, so one added back with the same id is built afresh', () => {
    const { views, built } = cache();
    views.views([{ monitor, state: 'unknown' }], new Set(), 0);
    views.views([], new Set(), 1);
    views.views([{ monitor, state: 'unknown' }], new Set(), 2);
    expect(built).toEqual(['web', 'web']);
  });
});
