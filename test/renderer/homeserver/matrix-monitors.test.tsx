// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MonitorConfig } from '../../../electron/shared/config-validation.ts';
import { connectStore, monitorsStore, resetMonitorsStore } from '../../../renderer/src/store/monitors-store.ts';
import { MonitorDetail } from '../../../renderer/src/views/detail/MonitorDetail.tsx';
import { MonitorForm } from '../../../renderer/src/views/form/MonitorForm.tsx';
import { MonitorList } from '../../../renderer/src/views/list/MonitorList.tsx';
import { clearUptimeBarCache } from '../../../renderer/src/views/list/use-uptime-bar.ts';
import { clientWith, FakeClient } from '../store/fixtures.ts';
import { matrixView } from './fixtures.ts';

let disconnect: (() => void) | null = null;
beforeEach(() => {
  resetMonitorsStore();
  clearUptimeBarCache();
});
afterEach(() => {
  cleanup();
  disconnect?.();
  disconnect = null;
});

const FEDERATION = matrixView('matrix-federation', { serverName: 'Synapse', serverVersion: '1.95.1' });
const KEYS = matrixView('matrix-keys', { keyIds: 'ed25519:a_abcd, ed25519:b_efgh', keyFingerprint: 'AB:CD:EF' });

const historyClient = () => clientWith([FEDERATION, KEYS]);

describe('Matrix monitors in the list', () => {
  it('are labelled by what they check and show the address with the Host header', async () => {
    const client = historyClient();
    disconnect = connectStore(client);
    await vi.waitFor(() => expect(monitorsStore.getState().connection).toBe('ready'));
    render(<MonitorList client={client} onOpen={() => {}} onAdd={() => {}} />);
    const row = (name: string) => screen.getByText(name, { selector: '.monitor-name' }).closest('[role="listitem"]') as HTMLElement;
    expect(row('example.org federation').querySelector('.monitor-target')?.textContent).toBe('Federation matrix.example.net:443 (Host: example.org)');
    expect(row('example.org signing keys').querySelector('.monitor-type')?.textContent).toBe('Signing keys');
    // The Host header is searchable like any target.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'Host: example.org' } });
    expect(screen.getAllByText(/example\.org (federation|signing keys)/, { selector: '.monitor-name' })).toHaveLength(2);
  });
});

describe('Matrix monitors in the detail view', () => {
  it('show the federation server software and the endpoint names', () => {
    render(<MonitorDetail client={historyClient()} view={FEDERATION} onEdit={() => {}} onBack={() => {}} />);
    expect(screen.getByText('Federation', { selector: '.detail-type' })).toBeTruthy();
    expect(screen.getByText('matrix.example.net:443 (Host: example.org)')).toBeTruthy();
    const panel = screen.getByRole('heading', { name: 'Matrix' }).closest('section') as HTMLElement;
    const fact = (term: string) => within(panel).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(fact('Server')).toBe('Synapse 1.95.1');
    expect(fact('Host header')).toBe('example.org');
    expect(fact('Certificate name')).toBe('matrix.example.net');
    expect(within(panel).queryByText('Key ids')).toBeNull();
  });

  it('show the signing key ids, and say when nothing has been read yet', () => {
    const { unmount } = render(<MonitorDetail client={historyClient()} view={KEYS} onEdit={() => {}} onBack={() => {}} />);
    const panel = () => screen.getByRole('heading', { name: 'Matrix' }).closest('section') as HTMLElement;
    expect(within(panel()).getByText('Key ids', { selector: 'dt' }).nextElementSibling?.textContent).toBe('ed25519:a_abcd, ed25519:b_efgh');
    expect(within(panel()).getByText('AB:CD:EF')).toBeTruthy();
    unmount();
    render(<MonitorDetail client={historyClient()} view={{ ...FEDERATION, lastResult: null }} onEdit={() => {}} onBack={() => {}} />);
    expect(within(panel()).getByText('Server', { selector: 'dt' }).nextElementSibling?.textContent).toBe('not read yet');
  });
});

describe('Matrix monitors in the form', () => {
  it('are not offered when adding', () => {
    render(<MonitorForm client={new FakeClient()} onSaved={() => {}} onCancel={() => {}} />);
    const picker = screen.getByRole('group', { name: 'What to watch' });
    // Every type the user may add is offered (the list grows with the registry), and no Matrix one.
    const offered = within(picker).getAllByRole('radio').map((radio) => (radio as HTMLInputElement).value);
    expect(offered).toEqual(expect.arrayContaining(['http', 'tcp', 'tls']));
    expect(offered.filter((type) => type.startsWith('matrix'))).toEqual([]);
    expect(picker.textContent).not.toMatch(/Federation|Signing keys/);
  });

  it('edit the common fields only, keeping the endpoint discovery set', async () => {
    const saved: MonitorConfig[] = [];
    const client = new FakeClient({
      editMonitor: ({ monitor }) => {
        saved.push(monitor);
        return FEDERATION;
      },
    });
    const onSaved = vi.fn();
    render(<MonitorForm client={client} initial={{ ...FEDERATION.monitor }} onSaved={onSaved} onCancel={() => {}} />);
    expect(screen.getByText('Federation', { selector: 'strong' })).toBeTruthy();
    expect(screen.getByText(/The homeserver group example\.org manages this endpoint/)).toBeTruthy();
    expect(screen.queryByLabelText('Host')).toBeNull();
    expect(screen.queryByLabelText('Port')).toBeNull();

    fireEvent.change(screen.getByLabelText('Name', { exact: true }), { target: { value: 'Federation of example.org' } });
    fireEvent.change(screen.getByLabelText('Interval (seconds)'), { target: { value: '120' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(saved[0]).toMatchObject({
      id: 'example.org-federation',
      type: 'matrix-federation',
      name: 'Federation of example.org',
      intervalSeconds: 120,
      group: 'example.org',
      serverName: 'example.org',
      host: 'matrix.example.net',
      port: 443,
      hostHeader: 'example.org',
      tlsServerName: 'matrix.example.net',
    });
  });
});
