// @vitest-environment happy-dom
import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckResult, StateChange } from '../../../electron/shared/types.ts';
import {
  connectStore,
  monitorsStore,
  resetMonitorsStore,
  seedSparkline,
  SPARKLINE_LENGTH,
  loadMonitorDetail,
  loadSnapshot,
  useMonitorItem,
  useSparkline,
  type Scheduler,
} from '../../../renderer/src/store/monitors-store.ts';
import type { MonitorList } from '../../../electron/shared/monitor-list.ts';
import { changesOf, clientWith, listOf, makeView, SETTINGS } from './fixtures.ts';

const result = (monitorId: string, latencyMs: number | null, at = 1): CheckResult => ({ monitorId, status: latencyMs === null ? 'down' : 'up', at, latencyMs, message: 'm' });
const change = (monitorId: string, to: StateChange['to']): StateChange => ({ monitorId, from: 'up', to, at: 1, message: 'x' });

/** A scheduler the test fires by hand, standing in for requestAnimationFrame. */
function manualScheduler(): { schedule: Scheduler; flush: () => void; pending: () => number } {
  let queue: Array<() => void> = [];
  return {
    schedule: (fn) => void queue.push(fn),
    flush: () => {
      const run = queue;
      queue = [];
      for (const fn of run) fn();
    },
    pending: () => queue.length,
  };
}

async function connected(views = [makeView('a'), makeView('b'), makeView('c')]) {
  const client = clientWith(views);
  const scheduler = manualScheduler();
  const disconnect = connectStore(client, { schedule: scheduler.schedule });
  await vi.waitFor(() => expect(monitorsStore.getState().connection).toBe('ready'));
  return { client, scheduler, disconnect };
}

beforeEach(() => resetMonitorsStore());
afterEach(() => resetMonitorsStore());

describe('connectStore', () => {
  it('loads the monitors and settings', async () => {
    await connected();
    const state = monitorsStore.getState();
    expect(state.ids).toEqual(['a', 'b', 'c']);
    expect(state.settings).toEqual(SETTINGS);
  });

  it('records a load failure in words', async () => {
    const client = clientWith([]);
    client.handlers.listMonitors = () => Promise.reject(new Error('request refused: missing or wrong access token'));
    connectStore(client);
    await vi.waitFor(() => expect(monitorsStore.getState().connection).toBe('error'));
    expect(monitorsStore.getState().error).toMatch(/access token/);
  });

  it('applies a results batch in ONE set(), updating the row, an open view\'s lastResult and the sparkline ring', async () => {
    const { client } = await connected();
    await loadMonitorDetail(client, 'a');
    const sets = vi.fn();
    const unsubscribe = monitorsStore.subscribe(sets);
    client.emit('results', [result('a', 10, 5), result('b', 20, 5), result('a', 30, 6), result('gone', 1)]);
    unsubscribe();
    expect(sets).toHaveBeenCalledTimes(1);
    const state = monitorsStore.getState();
    expect(state.items.a?.latencyMs).toBe(30);
    expect(state.details.a?.lastResult?.latencyMs).toBe(30);
    expect(state.items.b?.latencyMs).toBe(20);
    expect(state.details.b).toBeUndefined();
    expect(state.sparklines.a).toEqual([10, 30]);
    expect(state.sparklines.b).toEqual([20]);
    expect(state.items.gone).toBeUndefined();
  });

  it('keeps only the last SPARKLINE_LENGTH latencies, nulls included as gaps', async () => {
    const { client } = await connected();
    for (let i = 0; i < SPARKLINE_LENGTH + 5; i += 1) client.emit('results', [result('a', i === 34 ? null : i)]);
    const ring = monitorsStore.getState().sparklines.a ?? [];
    expect(ring).toHaveLength(SPARKLINE_LENGTH);
    expect(ring[0]).toBe(5);
    expect(ring.at(-1)).toBeNull();
  });

  it('seeds a sparkline from fetched history only when that is longer than what events built', async () => {
    const { client } = await connected();
    client.emit('results', [result('a', 1), result('a', 2)]);
    seedSparkline('a', [9]);
    expect(monitorsStore.getState().sparklines.a).toEqual([1, 2]);
    seedSparkline('a', Array.from({ length: 100 }, (_, i) => i));
    expect(monitorsStore.getState().sparklines.a).toHaveLength(SPARKLINE_LENGTH);
    expect(monitorsStore.getState().sparklines.a?.at(-1)).toBe(99);
    seedSparkline('gone', [1, 2, 3]);
    expect(monitorsStore.getState().sparklines.gone).toBeUndefined();
  });

  it('coalesces a burst of state events into one set() at the next frame', async () => {
    const { client, scheduler } = await connected();
    const sets = vi.fn();
    const unsubscribe = monitorsStore.subscribe(sets);
    client.emit('state', change('a', 'down'));
    client.emit('state', change('b', 'pending'));
    client.emit('state', change('b', 'down'));
    expect(sets).not.toHaveBeenCalled();
    expect(scheduler.pending()).toBe(1);
    scheduler.flush();
    unsubscribe();
    expect(sets).toHaveBeenCalledTimes(1);
    expect(monitorsStore.getState().items.a?.state).toBe('down');
    expect(monitorsStore.getState().items.b?.state).toBe('down');
  });

  it("applies the changes a 'monitors' event names (keeping the rest) and settings on 'settings'", async () => {
    const { client } = await connected();
    client.emit('results', [result('a', 7), result('c', 9)]);
    client.emit('monitors', changesOf([makeView('a', { name: 'Renamed' }), makeView('d')], ['c']));
    const state = monitorsStore.getState();
    expect(state.ids).toEqual(['a', 'b', 'd']);
    expect(state.items.a?.name).toBe('Renamed');
    expect(state.sparklines).toEqual({ a: [7] });
    client.emit('settings', { ...SETTINGS, theme: 'dark' });
    expect(monitorsStore.getState().settings?.theme).toBe('dark');
  });

  it('disconnect unsubscribes every listener and drops pending state changes', async () => {
    const { client, scheduler, disconnect } = await connected();
    client.emit('state', change('a', 'down'));
    disconnect();
    scheduler.flush();
    expect(client.listenerCount()).toBe(0);
    expect(monitorsStore.getState().items.a?.state).toBe('up');
  });
});

describe('a monitor opened', () => {
  it('is fetched once, then kept fresh: its state and results from events, its config refetched when an event names it', async () => {
    const views = [makeView('a'), makeView('b')];
    const { client, scheduler } = await connected(views);
    await loadMonitorDetail(client, 'a');
    expect(monitorsStore.getState().details.a?.monitor.name).toBe('a');
    client.emit('state', change('a', 'down'));
    scheduler.flush();
    expect(monitorsStore.getState().details.a?.state).toBe('down');
    // Edited elsewhere (another window, the CLI): the event carries the row, the store fetches the rest.
    views[0] = makeView('a', { name: 'Edited' });
    client.emit('monitors', changesOf([views[0]]));
    await vi.waitFor(() => expect(monitorsStore.getState().details.a?.monitor.name).toBe('Edited'));
    expect(client.requests.filter((r) => r.name === 'getMonitor')).toHaveLength(2);
    // A change to a monitor nobody opened fetches nothing.
    client.emit('monitors', changesOf([makeView('b', { name: 'B' })]));
    expect(client.requests.filter((r) => r.name === 'getMonitor')).toHaveLength(2);
    client.emit('monitors', changesOf([], ['a']));
    expect(monitorsStore.getState().details.a).toBeUndefined();
  });
});

describe('a view answered and a state event that overtake each other', () => {
  it('keeps the newer state the event told when an older view arrives after it', async () => {
    // Later than the fixtures' last result.
    const LATER = 1_800_000_000_000;
    const views = [makeView('a', { state: 'unknown' })];
    const { client, scheduler } = await connected(views);
    await loadMonitorDetail(client, 'a');
    // The first check's state event arrives before the answer to a request sent earlier (addMonitor, getMonitor).
    client.emit('state', { monitorId: 'a', from: 'unknown', to: 'up', at: LATER, message: 'up' });
    scheduler.flush();
    expect(monitorsStore.getState().details.a?.state).toBe('up');
    await loadMonitorDetail(client, 'a');
    expect(monitorsStore.getState().items.a?.state).toBe('up');
    expect(monitorsStore.getState().details.a?.state).toBe('up');
    // A view that saw that result (or a newer one) is taken whole: a pause answered after it, say.
    views[0] = { ...makeView('a', { state: 'paused' }), lastResult: result('a', 12, LATER) };
    await loadMonitorDetail(client, 'a');
    expect(monitorsStore.getState().items.a?.state).toBe('paused');
    expect(monitorsStore.getState().details.a?.state).toBe('paused');
  });
});

describe('a list and an event that overtake each other', () => {
  it('keeps a change whose event arrived before an older list, and lets a newer list win over an older event', async () => {
    const { client } = await connected([makeView('a')]);
    // The reload's list (version 5) was made before the monitor "b" was added (event 6), but arrives after it.
    let answer: (list: MonitorList) => void = () => undefined;
    client.handlers.listMonitors = () => new Promise<MonitorList>((resolve) => (answer = resolve));
    const reload = loadSnapshot(client);
    client.emit('monitors', changesOf([makeView('b')], [], 6));
    client.emit('monitors', changesOf([makeView('a', { name: 'Old name' })], [], 4));
    answer(listOf([makeView('a', { name: 'New name' })], 5));
    await reload;
    const state = monitorsStore.getState();
    expect(state.ids).toEqual(['a', 'b']);
    expect(state.items.a?.name).toBe('New name');
  });
});

describe('selectors', () => {
  it('re-render only the row whose monitor changed', async () => {
    const { client } = await connected();
    const renders: Record<string, number> = {};
    function Row({ id }: { id: string }) {
      const item = useMonitorItem(id);
      const ring = useSparkline(id);
      renders[id] = (renders[id] ?? 0) + 1;
      return (
        <p>
          {item?.name} {item?.latencyMs} {ring?.length}
        </p>
      );
    }
    const { container } = render(
      <>
        <Row id="a" />
        <Row id="b" />
        <Row id="c" />
      </>,
    );
    expect(renders).toEqual({ a: 1, b: 1, c: 1 });
    act(() => client.emit('results', [result('b', 99)]));
    expect(renders).toEqual({ a: 1, b: 2, c: 1 });
    expect(container.textContent).toContain('b 99 1');
  });
});
