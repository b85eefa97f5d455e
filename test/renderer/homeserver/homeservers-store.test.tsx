// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectStore, monitorsStore, resetMonitorsStore, upsertHomeserver, useHomeserver } from '../../../renderer/src/store/monitors-store.ts';
import { clientWith, makeView } from '../store/fixtures.ts';
import { DOWN, HEALTHY, homeserver } from './fixtures.ts';

let disconnect: (() => void) | null = null;

beforeEach(resetMonitorsStore);
afterEach(() => {
  cleanup();
  disconnect?.();
  disconnect = null;
});

function Probe({ group }: { group: string }) {
  const found = useHomeserver(group);
  return <p>{found ? `${found.serverName}: ${found.diagnosis?.severity ?? 'none'}` : 'not a homeserver'}</p>;
}

describe('the homeservers slice', () => {
  it('loads with listHomeservers at connect and is replaced on the homeservers event', async () => {
    const client = clientWith([makeView('a')]);
    client.handlers.listHomeservers = () => [homeserver(HEALTHY), homeserver(null, { group: 'other.org', serverName: 'other.org' })];
    disconnect = connectStore(client);
    render(<Probe group="example.org" />);
    await screen.findByText('example.org: ok');
    expect(Object.keys(monitorsStore.getState().homeservers).sort()).toEqual(['example.org', 'other.org']);

    act(() => client.emit('homeservers', [homeserver(DOWN)]));
    expect(screen.getByText('example.org: down')).toBeTruthy();
    // Replaced, not merged: a group the engine no longer has is gone.
    expect(Object.keys(monitorsStore.getState().homeservers)).toEqual(['example.org']);

    act(() => client.emit('homeservers', []));
    expect(screen.getByText('not a homeserver')).toBeTruthy();
  });

  it('does not let an engine without Matrix support stop the monitors from loading', async () => {
    const client = clientWith([makeView('a')]); // no listHomeservers handler: the request is refused
    disconnect = connectStore(client);
    await vi.waitFor(() => expect(monitorsStore.getState().connection).toBe('ready'));
    expect(monitorsStore.getState().homeservers).toEqual({});
    expect(client.requests.map((request) => request.name)).toContain('listHomeservers');
  });

  it('ignores a list that arrives after disconnecting', async () => {
    let answer: (list: ReturnType<typeof homeserver>[]) => void = () => {};
    const client = clientWith([]);
    client.handlers.listHomeservers = () => new Promise((resolve) => (answer = resolve));
    connectStore(client)();
    await act(async () => answer([homeserver(DOWN)]));
    expect(monitorsStore.getState().homeservers).toEqual({});
  });

  it('upserts a group addHomeserver returned', () => {
    upsertHomeserver(homeserver(DOWN));
    render(<Probe group="example.org" />);
    expect(screen.getByText('example.org: down')).toBeTruthy();
  });
});
