import { describe, expect, it } from 'vitest';
import { MonitorListFeed } from '../../../electron/core/service/monitor-list-feed.ts';
import { fromMonitorList } from '../../../electron/shared/monitor-list.ts';
import type { MonitorView } from '../../../electron/shared/contract.ts';
import type { MonitorState } from '../../../electron/shared/types.ts';

function view(id: string, options: { state?: MonitorState; h24?: number | null; name?: string } = {}): MonitorView {
  return {
    monitor: { id, name: options.name ?? id, type: 'tcp', host: `${id}.example`, port: 5432, intervalSeconds: 60, timeoutSeconds: 10, failureThreshold: 1, reminderIntervalMinutes: 0, paused: false },
    state: options.state ?? 'up',
    lastResult: null,
    uptime: { h24: options.h24 ?? 1, d7: 1, d30: 1, d365: null },
    muted: false,
  };
}

const ids = (changes: ReturnType<MonitorListFeed['changes']>) => (changes ? { rows: fromMonitorList(changes).map((item) => item.id), removed: changes.removed } : null);

describe('MonitorListFeed', () => {
  it('tells only what a request touched until a UI loaded the list', () => {
    const feed = new MonitorListFeed();
    expect(feed.changes([view('a'), view('b')])).toBeNull();
    expect(ids(feed.changes([view('a', { name: 'A' }), view('b')], new Set(['a'])))).toEqual({ rows: ['a'], removed: [] });
    expect(ids(feed.changes([view('b')], new Set(['a'])))).toEqual({ rows: [], removed: ['a'] });
  });

  it('after the list, tells rows whose figures changed and monitors gone, not state or latency (their own events carry those)', () => {
    const feed = new MonitorListFeed();
    feed.list([view('a'), view('b'), view('c')]);
    expect(feed.changes([view('a', { state: 'down' }), view('b'), view('c')])).toBeNull();
    expect(ids(feed.changes([view('a'), view('b', { h24: 0.5 }), view('d')]))).toEqual({ rows: ['b', 'd'], removed: ['c'] });
    expect(feed.changes([view('a'), view('b', { h24: 0.5 }), view('d')])).toBeNull();
  });
});
