// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HomeserverGroup, MonitorView } from '../../../electron/shared/contract.ts';
import { connectStore, monitorsStore, resetMonitorsStore } from '../../../renderer/src/store/monitors-store.ts';
import { formatDateTime } from '../../../renderer/src/views/detail/format.ts';
import { MonitorList } from '../../../renderer/src/views/list/MonitorList.tsx';
import { clearUptimeBarCache } from '../../../renderer/src/views/list/use-uptime-bar.ts';
import { layoutOf } from '../../../renderer/src/views/list/VirtualList.tsx';
import { clientWith, makeView, type FakeClient } from '../store/fixtures.ts';
import { DISCOVERED_AT, DOWN, groupViews, HEALTHY, homeserver, WARNING } from './fixtures.ts';

let disconnect: (() => void) | null = null;

async function renderList(homeservers: HomeserverGroup[], views: MonitorView[] = [...groupViews(), makeView('blog', { name: 'Blog', group: 'web' })]) {
  const client = clientWith(views);
  client.handlers.listHomeservers = () => homeservers;
  disconnect = connectStore(client);
  await vi.waitFor(() => expect(monitorsStore.getState().connection).toBe('ready'));
  render(<MonitorList client={client} onOpen={() => {}} onAdd={() => {}} />);
  return client;
}

/** The list item holding a group's header. */
const groupItem = (group: string) => screen.getByRole('button', { name: new RegExp(`^${group.replace('.', '\\.')}`) }).closest('[role="listitem"]') as HTMLElement;

beforeEach(() => {
  resetMonitorsStore();
  clearUptimeBarCache();
});
afterEach(() => {
  cleanup();
  disconnect?.();
  disconnect = null;
});

describe('a homeserver group header', () => {
  it('shows a down diagnosis: icon and word, cause, advice and the last discovery', async () => {
    await renderList([homeserver(DOWN)]);
    const item = await vi.waitFor(() => groupItem('example.org'));
    const header = within(item).getByRole('button');
    expect(header.textContent).toContain('Down');
    expect(header.querySelector('svg.state-icon.state-down')).toBeTruthy();
    expect(item.textContent).toContain(DOWN.cause);
    expect(item.textContent).toContain(`What to do: ${DOWN.advice}`);
    expect(item.textContent).toContain(`Last discovery: ${formatDateTime(DISCOVERED_AT)}, via well-known delegation with a port`);
    // A screen reader hears the diagnosis with the header it belongs to.
    const described = document.getElementById(header.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toContain(DOWN.advice);
    expect(item.className).toContain('has-diagnosis');
  });

  it('shows a warning diagnosis the same way, and says when discovery has not run yet', async () => {
    await renderList([homeserver(WARNING, { discovery: null, discoveredAt: null })]);
    const item = await vi.waitFor(() => groupItem('example.org'));
    expect(within(item).getByRole('button').textContent).toContain('Warning');
    expect(item.textContent).toContain(WARNING.cause);
    expect(item.textContent).toContain('Last discovery: not run since Picket started');
  });

  it('keeps a healthy group quiet, says nothing before a diagnosis, and leaves plain groups alone', async () => {
    await renderList([homeserver(HEALTHY)]);
    const item = await vi.waitFor(() => groupItem('example.org'));
    expect(within(item).getByRole('button').textContent).toContain('Healthy');
    expect(item.textContent).not.toContain(HEALTHY.advice);
    expect(item.className).not.toContain('has-diagnosis');
    const plain = groupItem('web');
    expect(plain.textContent).not.toMatch(/Healthy|Down|Warning|diagnosis/);

    act(() => monitorsStore.setState({ homeservers: { 'example.org': homeserver(null) } }));
    expect(groupItem('example.org').textContent).toContain('No diagnosis yet');
  });

  it('follows the homeservers event', async () => {
    const client: FakeClient = await renderList([homeserver(HEALTHY)]);
    await vi.waitFor(() => expect(groupItem('example.org').textContent).toContain('Healthy'));
    act(() => client.emit('homeservers', [homeserver(DOWN)]));
    expect(groupItem('example.org').textContent).toContain(DOWN.cause);
  });
});

describe('layoutOf (the virtual list with a taller diagnosis row)', () => {
  it('places mixed-height rows and finds the row at an offset', () => {
    const layout = layoutOf(4, (index) => (index === 1 ? 144 : 52));
    expect([0, 1, 2, 3].map(layout.top)).toEqual([0, 52, 196, 248]);
    expect(layout.total).toBe(300);
    expect(layout.height(1)).toBe(144);
    expect([0, 51, 52, 195, 196, 299, 5000, -10].map(layout.indexAt)).toEqual([0, 0, 1, 1, 2, 3, 3, 0]);
  });

  it('keeps uniform rows arithmetic, and an empty list at zero', () => {
    const layout = layoutOf(10, 52);
    expect(layout.top(3)).toBe(156);
    expect(layout.indexAt(157)).toBe(3);
    expect(layout.total).toBe(520);
    expect(layoutOf(0, () => 52).indexAt(100)).toBe(0);
    expect(layoutOf(0, () => 52).total).toBe(0);
  });
});
