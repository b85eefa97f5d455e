// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MonitorConfig } from '../../../electron/shared/config-validation.ts';
import { REDACTED } from '../../../electron/shared/contract.ts';
import type { AppSettings } from '../../../electron/shared/contract.ts';
import { DEFAULT_SETTINGS } from '../../../electron/shared/defaults.ts';
import { applySettings, resetMonitorsStore } from '../../../renderer/src/store/monitors-store.ts';
import { MonitorForm } from '../../../renderer/src/views/form/MonitorForm.tsx';
import { FakeClient, makeView } from '../store/fixtures.ts';

afterEach(cleanup);

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

/** The message a field's aria-describedby points at, as a screen reader would read it. */
function describedText(label: string | RegExp): string {
  const input = screen.getByLabelText(label);
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}

function savingClient() {
  return new FakeClient({
    addMonitor: ({ monitor }) => makeView(monitor.id),
    editMonitor: ({ monitor }) => makeView(monitor.id),
    testMonitor: ({ monitor }) => ({
      monitorId: monitor.id,
      status: 'up',
      at: 1,
      latencyMs: 43,
      message: '200 OK in 43 ms',
      statusCode: 200,
      certificate: {
        validFrom: '2025-01-01T00:00:00Z',
        validTo: '2026-01-01T00:00:00Z',
        daysLeft: 40,
        issuer: 'Test CA',
        subject: 'CN=api.test',
        names: ['api.test'],
        fingerprint256: 'AA',
        trusted: true,
        nameMatches: true,
      },
    }),
  });
}

describe('MonitorForm', () => {
  it('shows each type its own fields and defaults', () => {
    render(<MonitorForm client={new FakeClient()} onSaved={() => {}} onCancel={() => {}} />);
    expect(screen.getByLabelText(/^URL/)).toBeTruthy();
    expect(screen.getByLabelText('Failure threshold').getAttribute('placeholder')).toBe('2');
    expect(describedText('Failure threshold')).toContain('Default: 2');
    expect(screen.getByLabelText('Interval (seconds)').getAttribute('placeholder')).toBe('60');

    fireEvent.click(screen.getByRole('radio', { name: /TCP port/ }));
    expect(screen.queryByLabelText(/^URL/)).toBeNull();
    expect(screen.getByLabelText(/^Port/)).toBeTruthy();
    expect(screen.getByLabelText('Failure threshold').getAttribute('placeholder')).toBe('1');

    fireEvent.click(screen.getByRole('radio', { name: /TLS certificate/ }));
    expect(screen.getByLabelText('Reminder days').getAttribute('placeholder')).toBe('30, 14, 7, 3, 1');
    expect(screen.getByLabelText('Allow an untrusted chain')).toBeTruthy();
    expect(screen.getByLabelText('Failure threshold').getAttribute('placeholder')).toBe('1');
  });

  it("offers Settings' default reminder days for a new TLS monitor", () => {
    applySettings({ ...DEFAULT_SETTINGS, defaultExpiryWarningDays: [21, 5] } as AppSettings);
    try {
      render(<MonitorForm client={new FakeClient()} onSaved={() => {}} onCancel={() => {}} />);
      fireEvent.click(screen.getByRole('radio', { name: /TLS certificate/ }));
      expect(screen.getByLabelText('Reminder days').getAttribute('placeholder')).toBe('21, 5');
      expect(describedText('Reminder days')).toContain('Default (from Settings): 21, 5');
    } finally {
      resetMonitorsStore();
    }
  });

  it('validates as the user types, with the engine schema, under the field', async () => {
    render(<MonitorForm client={new FakeClient()} onSaved={() => {}} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('radio', { name: /TCP port/ }));
    type(/^Port/, '70000');
    await waitFor(() => expect(screen.getByLabelText(/^Port/).getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(/^Port/)).toContain('must be at most 65535 (got 70000)');
    // Untouched fields stay quiet until the user submits.
    expect(screen.getByLabelText(/^Host/).getAttribute('aria-invalid')).toBeNull();

    type(/^Port/, '5432');
    await waitFor(() => expect(screen.getByLabelText(/^Port/).getAttribute('aria-invalid')).toBeNull());
  });

  it('shows every problem on submit and saves nothing', async () => {
    const client = savingClient();
    render(<MonitorForm client={client} onSaved={() => {}} onCancel={() => {}} />);
    type('Timeout (seconds)', 'soon');
    fireEvent.click(screen.getByRole('button', { name: 'Add monitor' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(describedText(/^URL/)).toContain('⚠ Required');
    expect(describedText(/^Id/)).toContain('must start with a letter or digit');
    expect(describedText('Timeout (seconds)')).toContain('must be a number');
    expect(client.requests).toEqual([]);
  });

  it('words problems for people and keeps the banner in step with what is left to fix', async () => {
    render(<MonitorForm client={savingClient()} onSaved={() => {}} onCancel={() => {}} />);
    type('Interval (seconds)', '5');
    type('Timeout (seconds)', '30');
    fireEvent.click(screen.getByRole('button', { name: 'Add monitor' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Please fix the 3 fields marked below.');
    expect(describedText('Timeout (seconds)')).toContain('Timeout (30 s) must be shorter than the interval (5 s)');
    expect(document.body.textContent).not.toMatch(/intervalSeconds|must not exceed|is required for/);

    type(/^URL/, 'https://api.test/health');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Please fix the 2 fields marked below.'));
    type('Name', 'API');
    type('Timeout (seconds)', '3');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('runs "Test now" on the draft and shows the result before saving', async () => {
    const client = savingClient();
    render(<MonitorForm client={client} onSaved={() => {}} onCancel={() => {}} />);
    type('Name', 'My API (prod)');
    expect(screen.getByLabelText<HTMLInputElement>(/^Id/).value).toBe('my-api-prod');
    type(/^URL/, 'https://api.test/health');
    fireEvent.click(screen.getByRole('button', { name: 'Test now' }));
    expect(await screen.findByText('200 OK in 43 ms')).toBeTruthy();
    expect(client.requests).toEqual([{ name: 'testMonitor', params: { monitor: { id: 'my-api-prod', type: 'http', name: 'My API (prod)', url: 'https://api.test/health' } } }]);
    const result = screen.getByRole('region', { name: 'Test result' });
    expect(result.textContent).toContain('Up');
    expect(result.textContent).toContain('43 ms');
    expect(result.textContent).toContain('200');
    expect(result.textContent).toContain('40 days left, issued by Test CA; chain trusted');
  });

  it('adds a monitor with only the fields the user set', async () => {
    const client = savingClient();
    const onSaved = vi.fn();
    render(<MonitorForm client={client} onSaved={onSaved} onCancel={() => {}} />);
    type('Name', 'Shop');
    type(/^URL/, 'https://shop.test');
    type('Keyword', 'Welcome');
    fireEvent.click(screen.getByLabelText('Ignore case'));
    fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    type('Header 1 name', 'X-Probe');
    type('Header 1 value', 'picket');
    fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    type('Expected status', '200, 301-308');
    type('Failure threshold', '3');
    fireEvent.click(screen.getByRole('button', { name: 'Add monitor' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(client.requests).toEqual([
      {
        name: 'addMonitor',
        params: {
          monitor: {
            id: 'shop',
            type: 'http',
            name: 'Shop',
            url: 'https://shop.test',
            failureThreshold: 3,
            headers: { 'X-Probe': 'picket' },
            expectedStatus: [200, '301-308'],
            keyword: 'Welcome',
            keywordCaseInsensitive: true,
          },
        },
      },
    ]);
    expect((onSaved.mock.calls[0]?.[0] as { monitor: { id: string } } | undefined)?.monitor.id).toBe('shop');
  });

  it('adds a dns monitor from the fields its spec lists, with no form code of its own', async () => {
    const client = savingClient();
    const onSaved = vi.fn();
    render(<MonitorForm client={client} onSaved={onSaved} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('radio', { name: /DNS record/ }));
    expect(screen.queryByLabelText(/^URL/)).toBeNull();
    type('Name', 'Shop mail');
    type(/^Name to resolve/, 'shop.test');
    type(/^Record type/, 'MX');
    type(/^Expected values/, '10 mail.shop.test, 20 backup.shop.test');
    fireEvent.click(screen.getByLabelText(/^Nothing but these/));
    type(/^DNS server/, '127.0.0.1:5353');
    fireEvent.click(screen.getByRole('button', { name: 'Add monitor' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(client.requests).toEqual([
      {
        name: 'addMonitor',
        params: {
          monitor: {
            id: 'shop-mail',
            type: 'dns',
            name: 'Shop mail',
            query: 'shop.test',
            recordType: 'MX',
            expect: ['10 mail.shop.test', '20 backup.shop.test'],
            expectExact: true,
            dnsServer: '127.0.0.1:5353',
          },
        },
      },
    ]);
  });

  it("shows a dns monitor's problems under its own fields", async () => {
    render(<MonitorForm client={new FakeClient()} onSaved={() => {}} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('radio', { name: /DNS record/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add monitor' }));
    await waitFor(() => expect(describedText(/^Name to resolve/)).toContain('Required'));
    type(/^Name to resolve/, 'shop.test');
    type(/^DNS server/, 'not an address');
    await waitFor(() => expect(describedText(/^DNS server/)).toMatch(/must be an IP address/));
    expect(screen.getByLabelText(/^Name to resolve/).getAttribute('aria-invalid')).toBeNull();
  });

  it('edits a monitor and keeps a stored secret that was not retyped', async () => {
    const initial: MonitorConfig = {
      id: 'admin',
      type: 'http',
      name: 'Admin',
      url: 'https://admin.test',
      auth: { type: 'basic', username: 'ops', password: REDACTED },
      paused: true,
    };
    const client = savingClient();
    render(<MonitorForm client={client} initial={initial} onSaved={() => {}} onCancel={() => {}} />);
    expect(screen.queryByRole('radio', { name: /TCP port/ })).toBeNull();
    expect(screen.getByLabelText(/^Id/).hasAttribute('readonly')).toBe(true);
    // Fixed, so not "(required)": nothing to fill in.
    expect(screen.getByText('Id', { selector: 'label' }).textContent).toBe('Id');
    expect(describedText(/^Id/)).toContain('Fixed: history is kept under the id');
    expect(describedText('Password')).toContain('is stored and kept');
    type('Name', 'Admin panel');
    // The id is fixed while editing: a new name does not change it.
    expect(screen.getByLabelText<HTMLInputElement>(/^Id/).value).toBe('admin');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(client.requests).toHaveLength(1));
    expect(client.requests[0]).toEqual({
      name: 'editMonitor',
      params: { monitor: { ...initial, name: 'Admin panel' } },
    });
  });

  it('shows the engine refusal under the fields it names', async () => {
    const refusal = Object.assign(new Error('a monitor with id "shop" already exists'), {
      code: 'conflict',
      issues: [
        { path: 'monitor.id', message: 'already exists' },
        { path: 'monitor.maxBodyBytes', message: 'is too large' },
      ],
    });
    const client = new FakeClient({ addMonitor: () => Promise.reject(refusal) });
    const onSaved = vi.fn();
    render(<MonitorForm client={client} onSaved={onSaved} onCancel={() => {}} />);
    type('Name', 'Shop');
    type(/^URL/, 'https://shop.test');
    fireEvent.click(screen.getByRole('button', { name: 'Add monitor' }));
    await waitFor(() => expect(describedText(/^Id/)).toContain('already exists'));
    expect(screen.getByLabelText(/^Id/).getAttribute('aria-invalid')).toBe('true');
    // An issue for a field the form does not show is listed, not dropped.
    expect(screen.getByRole('alert').textContent).toContain('monitor.maxBodyBytes: is too large');
    expect(onSaved).not.toHaveBeenCalled();

    type(/^Id/, 'shop-2');
    expect(describedText(/^Id/)).not.toContain('already exists');
  });
});
