// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REDACTED } from '../../../electron/shared/contract.ts';
import { SettingsView } from '../../../renderer/src/views/settings/SettingsView.tsx';
import { applyMonitorChanges, resetMonitorsStore } from '../../../renderer/src/store/monitors-store.ts';
import { changesOf, FakeClient, makeView, SETTINGS } from '../store/fixtures.ts';

afterEach(() => {
  cleanup();
  resetMonitorsStore();
});

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const refusal = (message: string, issues: Array<{ path: string; message: string }>) => Object.assign(new Error(message), { code: 'invalid-params', issues });

function describedText(label: string | RegExp): string {
  return (screen.getByLabelText(label).getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}

describe('SettingsView preferences', () => {
  it('sends only what changed to updateSettings and shows the saved settings', async () => {
    const client = new FakeClient({ updateSettings: ({ patch }) => ({ ...SETTINGS, ...patch }) });
    render(<SettingsView client={client} settings={SETTINGS} onClose={() => {}} />);
    expect(screen.getByLabelText<HTMLInputElement>('Keep raw results (days)').value).toBe('2');
    expect(screen.getByLabelText<HTMLInputElement>('Default reminder days').value).toBe('30, 14, 7, 3, 1');

    fireEvent.click(screen.getByLabelText('Play a sound'));
    fireEvent.click(screen.getByLabelText('Dark'));
    fireEvent.click(screen.getByLabelText('Start Picket at login'));
    type('Keep raw results (days)', '7');
    type('Default reminder days', '21, 7');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(client.requests).toEqual([
      {
        name: 'updateSettings',
        params: { patch: { notificationSound: false, startAtLogin: true, theme: 'dark', rawRetentionDays: 7, defaultExpiryWarningDays: [21, 7] } },
      },
    ]);
    expect(screen.getByLabelText<HTMLInputElement>('Dark').checked).toBe(true);

    // Saved is the new baseline: saving again sends nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Nothing changed.')).toBeTruthy();
    expect(client.requests).toHaveLength(1);
  });

  it('follows settings changed elsewhere, but not over the user\'s own edits', () => {
    const { rerender } = render(<SettingsView client={new FakeClient()} settings={SETTINGS} onClose={() => {}} />);
    rerender(<SettingsView client={new FakeClient()} settings={{ ...SETTINGS, rawRetentionDays: 5 }} onClose={() => {}} />);
    expect(screen.getByLabelText<HTMLInputElement>('Keep raw results (days)').value).toBe('5');
    type('Keep raw results (days)', '9');
    rerender(<SettingsView client={new FakeClient()} settings={{ ...SETTINGS, rawRetentionDays: 6 }} onClose={() => {}} />);
    expect(screen.getByLabelText<HTMLInputElement>('Keep raw results (days)').value).toBe('9');
  });

  it('turning notifications off disables the sound option', () => {
    render(<SettingsView client={new FakeClient()} settings={SETTINGS} onClose={() => {}} />);
    fireEvent.click(screen.getByLabelText('Show notifications'));
    expect(screen.getByLabelText<HTMLInputElement>('Play a sound').disabled).toBe(true);
  });

  it('shows the schema message under a bad field and sends nothing', async () => {
    const client = new FakeClient();
    render(<SettingsView client={client} settings={SETTINGS} onClose={() => {}} />);
    type('Keep raw results (days)', '0');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(describedText('Keep raw results (days)')).toContain('must be at least 1 (got 0)'));
    expect(screen.getByLabelText('Keep raw results (days)').getAttribute('aria-invalid')).toBe('true');
    expect(client.requests).toEqual([]);
  });

  it('shows the engine refusal under the field it names', async () => {
    const client = new FakeClient({ updateSettings: () => Promise.reject(refusal('invalid settings', [{ path: 'patch.rollupRetentionDays', message: 'must keep rollups longer than raw results' }])) });
    render(<SettingsView client={client} settings={SETTINGS} onClose={() => {}} />);
    type('Keep rollups (days)', '1');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(describedText('Keep rollups (days)')).toContain('must keep rollups longer than raw results'));
    expect(screen.getByRole('alert').textContent).toContain('Not saved');
  });
});

describe('SettingsView import', () => {
  const json = '{"version":1,"monitors":[{"id":"a","type":"tcp","host":"db","port":5432}]}';

  it('merges a pasted config and shows what was added, updated and removed', async () => {
    const client = new FakeClient({ importConfig: () => ({ added: ['a'], updated: ['b', 'c'], removed: [] }) });
    render(<SettingsView client={client} settings={SETTINGS} onClose={() => {}} />);
    type('Config JSON', json);
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const outcome = await screen.findByText(/Imported/);
    const items = within(outcome.closest('[role="status"]') as HTMLElement).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['1 added: a', '2 updated: b, c', '0 removed']);
    expect(client.requests).toEqual([{ name: 'importConfig', params: { json, mode: 'merge' } }]);
  });

  it('asks before replacing, and replaces only once confirmed', async () => {
    const client = new FakeClient({ importConfig: () => ({ added: [], updated: ['a'], removed: ['old'] }) });
    render(<SettingsView client={client} settings={SETTINGS} onClose={() => {}} />);
    type('Config JSON', json);
    fireEvent.click(screen.getByLabelText(/^Replace/));
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('removes every monitor that is not in this file');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(client.requests).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replace monitors' }));
    expect(await screen.findByText('1 removed')).toBeTruthy();
    expect(client.requests).toEqual([{ name: 'importConfig', params: { json, mode: 'replace' } }]);
  });

  it('reads a chosen file into the text box', async () => {
    render(<SettingsView client={new FakeClient()} settings={SETTINGS} onClose={() => {}} />);
    const file = new File([json], 'picket.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Config file'), { target: { files: [file] } });
    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>('Config JSON').value).toBe(json));
  });

  it('lists every issue with its path when the engine refuses the file', async () => {
    const client = new FakeClient({
      importConfig: () =>
        Promise.reject(
          refusal('the config was not imported', [
            { path: 'monitors[0].port', message: 'must be <= 65535 (got 70000)' },
            { path: 'monitors[1].id', message: 'duplicate id "a" (also monitors[0])' },
          ]),
        ),
    });
    render(<SettingsView client={client} settings={SETTINGS} onClose={() => {}} />);
    type('Config JSON', '{"version":1}');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported: 2 problems.');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'monitors[0].port must be <= 65535 (got 70000)',
      'monitors[1].id duplicate id "a" (also monitors[0])',
    ]);
  });
});

describe('SettingsView export', () => {
  it('downloads the exported config in one click and says secrets are redacted', async () => {
    const json = JSON.stringify({ version: 1, monitors: [{ id: 'a', type: 'http', url: 'https://a.test', auth: { type: 'bearer', token: REDACTED } }] });
    const client = new FakeClient({ exportConfig: () => ({ json }) });
    const created: Blob[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:picket/export-1';
    });
    const revokeObjectURL = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const downloads: Array<{ href: string; download: string }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    render(<SettingsView client={client} settings={SETTINGS} onClose={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export config' }));
    const status = (await screen.findByText(/Downloaded picket-config/)).closest('[role="status"]') as HTMLElement;
    expect(downloads).toEqual([{ href: 'blob:picket/export-1', download: expect.stringMatching(/^picket-config-\d{4}-\d{2}-\d{2}\.json$/) }]);
    expect(await created[0]?.text()).toBe(json);
    expect(status.textContent).toContain('(1 monitor)');
    expect(status.textContent).toContain('1 secret is redacted');
    await vi.waitFor(() => expect(revokeObjectURL).toHaveBeenCalledWith('blob:picket/export-1'));
    click.mockRestore();
    createObjectURL.mockRestore();
    revokeObjectURL.mockRestore();
  });

  it('shows counts that are current after an import', async () => {
    const client = new FakeClient({ exportConfig: () => ({ json: '{"version":1,"monitors":[]}' }) });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    render(<SettingsView client={client} settings={SETTINGS} onClose={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export config' }));
    expect((await screen.findByText(/Downloaded picket-config/)).textContent).toContain('(0 monitors)');
    expect(screen.getByText(/Every monitor \(0\)/)).toBeTruthy();
    // An import lands as a 'monitors' event: the export's old count goes, the total follows.
    act(() => {
      applyMonitorChanges(changesOf([makeView('imported')]));
    });
    expect(screen.getByText(/Every monitor \(1\)/)).toBeTruthy();
    expect(screen.queryByText(/0 monitors/)).toBeNull();
    click.mockRestore();
  });

  it('closes', () => {
    const onClose = vi.fn();
    render(<SettingsView client={new FakeClient()} settings={SETTINGS} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
