// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppSettings, MonitorView } from '../../../electron/shared/contract.ts';
import type { MonitorConfig } from '../../../electron/shared/config-validation.ts';
import { App } from '../../../renderer/src/App.tsx';
import { resetMonitorsStore } from '../../../renderer/src/store/monitors-store.ts';
import { PicketClientError } from '../../../renderer/src/transport/client-error.ts';
import { clientWith, listOf, makeView, SETTINGS } from '../store/fixtures.ts';

// The three views another engineer writes: stand-ins that show their props and expose their callbacks.
vi.mock('../../../renderer/src/views/detail/MonitorDetail.tsx', () => ({
  MonitorDetail: ({ view, onEdit, onBack }: { view: MonitorView; onEdit: () => void; onBack: () => void }) => (
    <div>
      <h2>Detail of {view.monitor.name}</h2>
      <button onClick={onEdit}>Edit</button>
      <button onClick={onBack}>Back</button>
    </div>
  ),
}));
vi.mock('../../../renderer/src/views/form/MonitorForm.tsx', () => ({
  MonitorForm: ({ initial, onSaved, onCancel }: { initial?: MonitorConfig; onSaved: (view: MonitorView) => void; onCancel: () => void }) => (
    <div>
      <h2>{initial ? `Edit form for ${initial.name}` : 'Add form'}</h2>
      <button onClick={() => onSaved({ ...makeView('new', { name: 'New one' }) })}>Save</button>
      <button onClick={onCancel}>Cancel</button>
    </div>
  ),
}));
vi.mock('../../../renderer/src/views/settings/SettingsView.tsx', () => ({
  SettingsView: ({ settings, onClose }: { settings: AppSettings; onClose: () => void }) => (
    <div>
      <h2>Settings form, theme {settings.theme}</h2>
      <button onClick={onClose}>Close</button>
    </div>
  ),
}));

const VIEWS = [makeView('a', { name: 'Alpha' }), makeView('b', { name: 'Beta', state: 'down' }), makeView('c', { name: 'Gamma' })];

async function start(settings: AppSettings = SETTINGS) {
  const client = clientWith(VIEWS, settings);
  render(<App client={client} />);
  await screen.findByText('Beta');
  return client;
}

beforeEach(() => {
  resetMonitorsStore();
  window.history.replaceState(null, '', '/#/');
  document.documentElement.className = '';
});
afterEach(() => cleanup());

describe('App', () => {
  it('shows the product name and an overall summary', async () => {
    await start();
    expect(screen.getByRole('heading', { level: 1, name: 'Picket' })).toBeTruthy();
    expect(screen.getByText(/2 up/).parentElement?.textContent).toBe('2 up · 1 down');
    expect(document.title).toBe('Picket — 1 down');
  });

  it('navigates by hash: list -> detail -> edit -> back, with browser history', async () => {
    await start();
    // The link itself: happy-dom follows an href when a click lands on a child, even after preventDefault.
    fireEvent.click(screen.getByRole('link', { name: /Alpha/ }));
    expect(window.location.hash).toBe('#/monitor/a');
    expect(await screen.findByRole('heading', { name: 'Detail of Alpha' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    expect(await screen.findByRole('heading', { name: 'Edit form for Alpha' })).toBeTruthy();
    expect(window.location.hash).toBe('#/edit/a');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByRole('heading', { name: 'Detail of Alpha' });
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByText('Gamma')).toBeTruthy();
  });

  it('opens a deep link and, with no in-app history, Back goes to the list', async () => {
    window.history.replaceState(null, '', '/#/monitor/b');
    render(<App client={clientWith(VIEWS)} />);
    expect(await screen.findByRole('heading', { name: 'Detail of Beta' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByText('Gamma')).toBeTruthy();
    expect(window.location.hash).toBe('#/');
  });

  it('"Add monitor" opens the add form and saving opens the new monitor', async () => {
    await start();
    fireEvent.click(screen.getByRole('button', { name: 'Add monitor' }));
    expect(await screen.findByRole('heading', { name: 'Add form' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { name: 'Detail of New one' })).toBeTruthy();
    expect(window.location.hash).toBe('#/monitor/new');
  });

  it('opens settings with the loaded settings and reacts to a hashchange (back/forward)', async () => {
    await start();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { name: 'Settings form, theme system' })).toBeTruthy();
    act(() => {
      window.history.replaceState(null, '', '/#/');
      window.dispatchEvent(new Event('hashchange'));
    });
    expect(await screen.findByText('Gamma')).toBeTruthy();
  });

  it('says when a linked monitor does not exist', async () => {
    window.history.replaceState(null, '', '/#/monitor/nope');
    render(<App client={clientWith(VIEWS)} />);
    expect(await screen.findByText('This monitor does not exist any more.')).toBeTruthy();
  });

  it('applies the theme class from settings and follows a settings change', async () => {
    const client = await start({ ...SETTINGS, theme: 'dark' });
    expect(document.documentElement.classList.contains('theme-dark')).toBe(true);
    act(() => client.emit('settings', { ...SETTINGS, theme: 'light' }));
    expect(document.documentElement.classList.contains('theme-light')).toBe(true);
    expect(document.documentElement.classList.contains('theme-dark')).toBe(false);
  });

  it('shows a load failure with a working "Try again"', async () => {
    const client = clientWith(VIEWS);
    let fail = true;
    client.handlers.listMonitors = () => (fail ? Promise.reject(new PicketClientError('internal', 'the history folder is not writable')) : listOf(VIEWS));
    render(<App client={client} />);
    expect((await screen.findByRole('alert')).textContent).toContain('the history folder is not writable');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Beta')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('without serve\'s token or a session, says how to get the link again and offers no "Try again"', async () => {
    const client = clientWith(VIEWS);
    client.handlers.listMonitors = () => Promise.reject(new PicketClientError('unauthorized', 'request refused: missing or wrong access token'));
    render(<App client={client} />);
    const page = await screen.findByRole('region', { name: 'Open Picket with its access link' });
    expect(page.textContent).toContain('picket token show --data DIR');
    expect(page.textContent).toContain('picket serve --data');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.queryByText('Beta')).toBeNull();
  });
});
