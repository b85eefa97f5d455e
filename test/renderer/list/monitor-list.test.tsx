// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MonitorView } from '../../../electron/shared/contract.ts';
import { applyMonitorDetail, connectStore, monitorsStore, resetMonitorsStore } from '../../../renderer/src/store/monitors-store.ts';
import { MonitorDetail } from '../../../renderer/src/views/detail/MonitorDetail.tsx';
import { MonitorList } from '../../../renderer/src/views/list/MonitorList.tsx';
import { clearUptimeBarCache, SETTLE_MS } from '../../../renderer/src/views/list/use-uptime-bar.ts';
import { changesOf, clientWith, makeView } from '../store/fixtures.ts';

let disconnect: (() => void) | null = null;

async function renderList(views: MonitorView[]) {
  const client = clientWith(views);
  disconnect = connectStore(client);
  await vi.waitFor(() => expect(monitorsStore.getState().connection).toBe('ready'));
  const onOpen = vi.fn();
  const onAdd = vi.fn();
  const utils = render(<MonitorList client={client} onOpen={onOpen} onAdd={onAdd} />);
  return { ...utils, client, onOpen, onAdd };
}

const rowNames = () => screen.queryAllByRole('listitem').map((item) => item.querySelector('.monitor-name, .group-name')?.textContent ?? '');

beforeEach(() => {
  resetMonitorsStore();
  clearUptimeBarCache();
});
afterEach(() => {
  cleanup();
  disconnect?.();
  disconnect = null;
});

const SAMPLE = [
  makeView('api', { name: 'API', state: 'up', latency: 120 }),
  makeView('db', { name: 'Database', state: 'down', type: 'tcp', latency: null }),
  makeView('web', { name: 'Website', state: 'warning', latency: 800 }),
];

describe('MonitorList', () => {
  it('renders a row per monitor with state word, target, latency and uptime; down first', async () => {
    await renderList(SAMPLE);
    expect(rowNames()).toEqual(['Database', 'Website', 'API']);
    const db = screen.getAllByRole('listitem')[0]!;
    expect(within(db).getByText('Down')).toBeTruthy();
    expect(db.textContent).toContain('db.example:5432');
    expect(db.textContent).toContain('TCP');
    const api = screen.getAllByRole('listitem')[2]!;
    expect(api.textContent).toContain('120 ms');
    expect(api.textContent).toContain('100%');
    expect(api.textContent).toContain('99.90%');
    expect(within(api).getByRole('img', { name: /Last 90 hours: loading/ })).toBeTruthy();
  });

  it('searches, filters by state and sorts', async () => {
    await renderList(SAMPLE);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'web' } });
    expect(rowNames()).toEqual(['Website']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'State' }), { target: { value: 'up' } });
    expect(rowNames()).toEqual(['API']);
    fireEvent.change(screen.getByRole('combobox', { name: 'State' }), { target: { value: 'all' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort' }), { target: { value: 'name' } });
    expect(rowNames()).toEqual(['API', 'Database', 'Website']);
  });

  it('says when nothing matches and clears the filter', async () => {
    await renderList(SAMPLE);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'zzz' } });
    expect(screen.getByText('No monitors match')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear search and filter' }));
    expect(rowNames()).toHaveLength(3);
  });

  it('re-sorts live when a state changes', async () => {
    const { client } = await renderList(SAMPLE);
    act(() => client.emit('monitors', changesOf([makeView('api', { name: 'API', state: 'down' })])));
    expect(rowNames()).toEqual(['API', 'Database', 'Website']);
  });

  it('groups monitors under collapsible headers, ungrouped last', async () => {
    await renderList([makeView('a', { name: 'Alpha' }), makeView('s', { name: 'Synapse', group: 'matrix.example', state: 'down' }), makeView('f', { name: 'Federation', group: 'matrix.example' })]);
    expect(rowNames()).toEqual(['matrix.example', 'Synapse', 'Federation', 'Ungrouped', 'Alpha']);
    const header = screen.getByRole('button', { name: /matrix\.example/ });
    expect(header.getAttribute('aria-expanded')).toBe('true');
    expect(header.textContent).toContain('2 monitors');
    expect(header.textContent).toContain('1 down');
    fireEvent.click(header);
    expect(rowNames()).toEqual(['matrix.example', 'Ungrouped', 'Alpha']);
    expect(screen.getByRole('button', { name: /matrix\.example/ }).getAttribute('aria-expanded')).toBe('false');
  });

  it('opens the detail on click and on Enter', async () => {
    const { onOpen } = await renderList(SAMPLE);
    const links = screen.getAllByRole('link');
    fireEvent.click(links[0]!);
    expect(onOpen).toHaveBeenLastCalledWith('db');
    fireEvent.keyDown(links[2]!, { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith('api');
    expect(links[2]!.getAttribute('href')).toBe('#/monitor/api');
  });

  it('moves focus between rows with the arrow keys', async () => {
    await renderList(SAMPLE);
    const links = screen.getAllByRole('link');
    links[0]!.focus();
    fireEvent.keyDown(links[0]!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('Website');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.textContent).toContain('API');
  });

  it('shows the empty state with an Add monitor button', async () => {
    const { onAdd } = await renderList([]);
    expect(screen.getByRole('heading', { name: 'No monitors yet' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add monitor' }));
    expect(onAdd).toHaveBeenCalledOnce();
  });

  it('virtualises: 1,000 monitors render far fewer than 1,000 rows, and scrolling shows later ones', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => makeView(`m${String(i).padStart(4, '0')}`));
    const { container } = await renderList(many);
    const rendered = container.querySelectorAll('.monitor-row').length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(60);
    const scroller = container.querySelector<HTMLElement>('.virtual-list')!;
    scroller.scrollTop = 52 * 900;
    fireEvent.scroll(scroller);
    expect(screen.getByText('m0900')).toBeTruthy();
    expect(screen.queryByText('m0000')).toBeNull();
    expect(screen.getAllByRole('listitem')[0]!.getAttribute('aria-setsize')).toBe('1000');
  });

  it('fetches uptime history only for visible rows, once, and draws gaps as gaps', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const many = Array.from({ length: 200 }, (_, i) => makeView(`m${i}`));
      const { client } = await renderList(many);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(SETTLE_MS + 10);
      });
      const asked = client.requests.filter((r) => r.name === 'getHistory');
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.length).toBeLessThan(60);
      expect(asked[0]?.params).toMatchObject({ range: '7d' });
      expect(screen.getAllByRole('img', { name: 'Last 90 hours: 90 no data' }).length).toBe(asked.length);
      fireEvent.click(screen.getByRole('button', { name: '90 days' }));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(SETTLE_MS + 10);
      });
      expect(client.requests.filter((r) => r.name === 'getHistory' && (r.params as { range: string }).range === '1y')).toHaveLength(asked.length);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('uptime: one source for the list and the detail page', () => {
  it('shows in the list the uptime the detail page fetched, and in the detail page what the list holds', async () => {
    const views = [makeView('fed', { name: 'Federation', state: 'down', latency: null })];
    const { client } = await renderList(views);
    expect(screen.getAllByRole('listitem')[0]?.textContent).toContain('100%');
    // The service answers getHistory with the same figures as the monitor's view; here they moved on since the list loaded.
    const fresher = { h24: 0.6, d7: 5 / 7, d30: 5 / 7, d365: null };
    client.handlers.getHistory = ({ monitorId, range }) => ({ monitorId, range, resolution: 'minute', buckets: [], uptime: fresher, incidents: [], recent: [] });
    // The detail route shows a monitor once its full view is in the store.
    act(() => applyMonitorDetail(views[0] as MonitorView));
    render(<MonitorDetail client={client} view={views[0] as MonitorView} onEdit={() => {}} onBack={() => {}} />);
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')[0]?.textContent).toContain('60.00%'));
    expect(screen.getAllByRole('listitem')[0]?.textContent).toContain('71.42%');
    const tiles = within(screen.getByRole('region', { name: 'Uptime' }));
    expect(tiles.getByText('24 hours').nextElementSibling?.textContent).toBe('60.00%');
    expect(tiles.getByText('30 days').nextElementSibling?.textContent).toBe('71.42%');
  });
});
