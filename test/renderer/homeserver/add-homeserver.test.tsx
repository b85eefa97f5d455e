// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MatrixDiscovery } from '../../../electron/shared/matrix-types.ts';
import { App } from '../../../renderer/src/App.tsx';
import { monitorsStore, resetMonitorsStore } from '../../../renderer/src/store/monitors-store.ts';
import { PicketClientError } from '../../../renderer/src/transport/client-error.ts';
import { AddHomeserver } from '../../../renderer/src/views/homeserver/AddHomeserver.tsx';
import { clearUptimeBarCache } from '../../../renderer/src/views/list/use-uptime-bar.ts';
import { clientWith, FakeClient } from '../store/fixtures.ts';
import { DISCOVERY, groupViews, homeserver, HEALTHY } from './fixtures.ts';

beforeEach(() => {
  resetMonitorsStore();
  clearUptimeBarCache();
  window.history.replaceState(null, '', '/#/');
});
afterEach(cleanup);

const nameInput = () => screen.getByRole('textbox', { name: 'Server name' });

function discoverName(name: string) {
  fireEvent.change(nameInput(), { target: { value: name } });
  // Enter in the field submits the form, as the Discover button does.
  fireEvent.submit(nameInput().closest('form')!);
}

function renderView(client: FakeClient) {
  const onCreated = vi.fn();
  const onCancel = vi.fn();
  render(<AddHomeserver client={client} onCreated={onCreated} onCancel={onCancel} />);
  return { onCreated, onCancel };
}

describe('AddHomeserver', () => {
  it('discovers and shows every step and the outcome, each with an icon and a word', async () => {
    const client = new FakeClient({ discoverHomeserver: () => DISCOVERY });
    renderView(client);
    expect(screen.getByRole('heading', { level: 1, name: 'Add a Matrix homeserver' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Create/ })).toBeNull();

    fireEvent.change(nameInput(), { target: { value: ' example.org ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Discover' }));
    await screen.findByRole('heading', { name: 'What Picket found for example.org' });
    expect(client.requests).toEqual([{ name: 'discoverHomeserver', params: { serverName: 'example.org' } }]);

    const steps = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(steps).toHaveLength(3);
    expect(steps[0]!.textContent).toContain('OK');
    expect(steps[0]!.textContent).toContain('GET https://example.org/.well-known/matrix/server');
    expect(steps[0]!.textContent).toContain('m.server: matrix.example.net:443');
    expect(steps[1]!.textContent).toContain('Failed');
    expect(steps[1]!.textContent).toContain('HTTP 404');
    expect(steps[1]!.querySelector('svg.state-icon')).toBeTruthy();

    const facts = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent ?? '';
    expect(facts('Federation endpoint')).toContain('matrix.example.net:443');
    expect(facts('Federation endpoint')).toContain('Verified');
    expect(facts('Found by')).toBe('well-known delegation with a port');
    expect(facts('Host header')).toBe('matrix.example.net:443');
    expect(facts('Certificate name')).toBe('matrix.example.net');
    expect(facts('Client base URL')).toContain('https://matrix.example.net');
    expect(facts('Client base URL')).toContain('Not verified');
    expect(screen.getByRole('button', { name: 'Create 6 monitors' })).toBeTruthy();
  });

  it('plans five monitors when the client API is plain http (no client certificate to watch)', async () => {
    const discovery: MatrixDiscovery = { ...DISCOVERY, client: { baseUrl: 'http://127.0.0.1:8008', verified: true } };
    renderView(new FakeClient({ discoverHomeserver: () => discovery }));
    discoverName('example.org');
    expect(await screen.findByRole('button', { name: 'Create 5 monitors' })).toBeTruthy();
  });

  it('plans the delegation record monitor when discovery followed an SRV record, and shows the record', async () => {
    const srv = { query: '_matrix-fed._tcp.example.org', priority: 10, weight: 5, port: 443, target: 'matrix.example.net' };
    const discovery: MatrixDiscovery = { ...DISCOVERY, federation: { ...DISCOVERY.federation, hostHeader: 'example.org', via: 'srv', srv } };
    renderView(new FakeClient({ discoverHomeserver: () => discovery }));
    discoverName('example.org');
    expect(await screen.findByRole('button', { name: 'Create 7 monitors' })).toBeTruthy();
    expect(screen.getByText('SRV record', { selector: 'dt' }).nextElementSibling?.textContent).toContain('10 5 443 matrix.example.net');
    expect(screen.getByText(/will watch/).textContent).toContain('the signing keys and the delegation record (SRV _matrix-fed._tcp.example.org)');
  });

  it('creates the group from the name that was discovered', async () => {
    const created = { group: homeserver(null), monitors: groupViews() };
    const client = new FakeClient({ discoverHomeserver: () => DISCOVERY, addHomeserver: () => created });
    const { onCreated } = renderView(client);
    discoverName('example.org');
    fireEvent.click(await screen.findByRole('button', { name: 'Create 6 monitors' }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(client.requests.at(-1)).toEqual({ name: 'addHomeserver', params: { serverName: 'example.org' } });
  });

  it('shows a refused discovery with its message and issues, and asks for a name before asking the engine', async () => {
    const client = new FakeClient({
      discoverHomeserver: () => {
        throw new PicketClientError('invalid-params', 'the server name is not valid', [{ path: 'serverName', message: 'must be a host name with an optional port' }]);
      },
    });
    renderView(client);
    discoverName('   ');
    expect(screen.getByRole('alert').textContent).toContain('Type a server name');
    discoverName('exa mple');
    expect(screen.getByRole('alert').textContent).toContain('"exa mple" has spaces in it');
    expect(client.requests).toHaveLength(0);

    discoverName('example..org');
    const alert = await screen.findByText(/Discovery failed: the server name is not valid/);
    expect(alert.closest('[role="alert"]')?.textContent).toContain('Server name: must be a host name with an optional port');
    expect(screen.queryByRole('button', { name: /Create/ })).toBeNull();
  });

  it('shows a failed creation and stays on the view', async () => {
    const client = new FakeClient({
      discoverHomeserver: () => DISCOVERY,
      addHomeserver: () => Promise.reject(new PicketClientError('conflict', 'monitor example.org-client already exists outside the group')),
    });
    const { onCreated } = renderView(client);
    discoverName('example.org');
    fireEvent.click(await screen.findByRole('button', { name: 'Create 6 monitors' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('The monitors were not created: monitor example.org-client already exists outside the group');
    // Beside the button that was refused, not off-screen at the top.
    expect(refusal.nextElementSibling?.contains(screen.getByRole('button', { name: 'Create 6 monitors' }))).toBe(true);
    expect(onCreated).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Create 6 monitors' })).toHaveProperty('disabled', false);
  });

  it('takes a name as people paste it, and says which name it read', async () => {
    const client = new FakeClient({ discoverHomeserver: () => DISCOVERY });
    renderView(client);
    fireEvent.change(nameInput(), { target: { value: ' @alice:example.org ' } });
    expect(screen.getByText(/Picket will discover/).textContent).toBe('Picket will discover example.org, the server of @alice:example.org.');
    discoverName('https://example.org/');
    await screen.findByRole('heading', { name: 'What Picket found for example.org' });
    discoverName('example.org/');
    await screen.findByRole('heading', { name: 'What Picket found for example.org' });
    expect(client.requests.map((request) => request.params)).toEqual([{ serverName: 'example.org' }, { serverName: 'example.org' }]);
  });

  it('says up front that a name does not resolve, and offers no monitors to create', async () => {
    const unresolved: MatrixDiscovery = {
      ...DISCOVERY,
      serverName: 'made-up.test',
      federation: { ...DISCOVERY.federation, host: 'made-up.test', port: 8448, verified: false },
      client: { baseUrl: 'https://made-up.test', verified: false },
      steps: [
        { step: 'well-known', tried: 'GET https://made-up.test/.well-known/matrix/server', error: 'cannot resolve made-up.test (no such name)' },
        { step: 'federation version', tried: 'GET https://made-up.test:8448/_matrix/federation/v1/version', error: 'cannot resolve made-up.test (no such name)' },
      ],
    };
    renderView(new FakeClient({ discoverHomeserver: () => unresolved }));
    discoverName('made-up.test');
    await screen.findByRole('heading', { name: 'What Picket found for made-up.test' });
    expect(screen.getByRole('alert').textContent).toContain('made-up.test does not resolve');
    expect(screen.queryByRole('button', { name: /Create/ })).toBeNull();
  });

  it('forgets a discovery when the name changes, and ignores an answer that arrives after a newer request', async () => {
    let answerFirst: (discovery: MatrixDiscovery) => void = () => {};
    const client = new FakeClient({
      discoverHomeserver: ({ serverName }) =>
        serverName === 'slow.example' ? new Promise<MatrixDiscovery>((resolve) => (answerFirst = resolve)) : DISCOVERY,
    });
    renderView(client);
    discoverName('slow.example');
    discoverName('example.org');
    await screen.findByRole('heading', { name: 'What Picket found for example.org' });
    await act(async () => answerFirst({ ...DISCOVERY, serverName: 'slow.example' }));
    expect(screen.queryByRole('heading', { name: /slow\.example/ })).toBeNull();

    fireEvent.change(nameInput(), { target: { value: 'other.example' } });
    expect(screen.queryByRole('button', { name: /Create/ })).toBeNull();
  });
});

describe('Add a Matrix homeserver in the app', () => {
  function appClient() {
    const client = clientWith([]);
    client.handlers.listHomeservers = () => [];
    client.handlers.discoverHomeserver = () => DISCOVERY;
    client.handlers.addHomeserver = () => ({ group: homeserver(HEALTHY), monitors: groupViews() });
    return client;
  }

  it('is offered by the empty list, creates the group and returns to the list showing it', async () => {
    const client = appClient();
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a Matrix homeserver' }));
    expect(window.location.hash).toBe('#/add-homeserver');
    discoverName('example.org');
    fireEvent.click(await screen.findByRole('button', { name: 'Create 6 monitors' }));

    await vi.waitFor(() => expect(window.location.hash).toBe('#/'));
    const header = await screen.findByRole('button', { name: /example\.org.*6 monitors/ });
    expect(header.textContent).toContain('Healthy');
    expect(Object.keys(monitorsStore.getState().homeservers)).toEqual(['example.org']);
  });

  it('is a secondary header action beside the existing ones, and Cancel goes back', async () => {
    render(<App client={appClient()} />);
    await screen.findByText('No monitors yet');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('button').map((button) => button.textContent)).toEqual(['Add monitor', 'Add homeserver', 'Settings']);
    fireEvent.click(within(nav).getByRole('button', { name: 'Add homeserver' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Add a Matrix homeserver' })).toBeTruthy();
    expect(within(nav).getByRole('button', { name: 'Add homeserver' }).getAttribute('aria-current')).toBe('page');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByText('No monitors yet');
  });
});
