// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MonitorHistory, MonitorView } from '../../../electron/shared/contract.ts';
import type { RollupBucket } from '../../../electron/shared/history-types.ts';
import { HOUR_MS, MINUTE_MS } from '../../../electron/shared/time.ts';
import type { CheckResult, TlsMonitor } from '../../../electron/shared/types.ts';
import { REFRESH_THROTTLE_MS } from '../../../renderer/src/views/detail/useMonitorHistory.ts';
import { MonitorDetail } from '../../../renderer/src/views/detail/MonitorDetail.tsx';
import { applyMonitors, resetMonitorsStore } from '../../../renderer/src/store/monitors-store.ts';
import { FakeClient } from '../store/fixtures.ts';

const MINUTE = MINUTE_MS;
const OUTAGE_MS = HOUR_MS - 400;

function bucket(start: number, mean: number | null): RollupBucket {
  return { start, up: mean === null ? 0 : 1, warning: 0, down: mean === null ? 1 : 0, unknown: 0, latencyMin: mean === null ? null : mean - 5, latencyMean: mean, latencyMax: mean === null ? null : mean + 5 };
}

function tlsView(overrides: Partial<CheckResult> = {}): MonitorView {
  const monitor: TlsMonitor = {
    id: 'cert',
    name: 'Example certificate',
    type: 'tls',
    host: 'example.com',
    port: 443,
    intervalSeconds: 60,
    timeoutSeconds: 10,
    failureThreshold: 1,
    reminderIntervalMinutes: 0,
    paused: false,
    expiryWarningDays: [30, 14, 7, 3, 1],
    tls: {},
  };
  return {
    monitor,
    state: 'warning',
    lastResult: {
      monitorId: 'cert',
      status: 'warning',
      at: Date.now(),
      latencyMs: 70,
      message: 'certificate expires in 10 days',
      timings: { dnsMs: 5, connectMs: 10, tlsMs: 20, firstByteMs: 30, totalMs: 70 },
      certificate: {
        validFrom: '2024-01-01T00:00:00.000Z',
        validTo: '2030-01-11T00:00:00.000Z',
        daysLeft: 10,
        issuer: 'Example Issuing CA',
        subject: 'CN=example.com',
        names: ['example.com', 'www.example.com'],
        fingerprint256: 'AA:BB',
        trusted: false,
        nameMatches: true,
        trustError: 'self-signed certificate in certificate chain',
      },
      ...overrides,
    },
    uptime: { h24: 1, d7: 1, d30: 1, d365: null },
    muted: false,
  };
}

function historyFor(range: MonitorHistory['range'], now: number, young = false): MonitorHistory {
  const base = Math.floor(now / MINUTE) * MINUTE - 30 * MINUTE;
  // Three hours old unless young: a monitor whose history fits in the last hour opens on 1 h.
  const older = young ? [] : [bucket(base - 150 * MINUTE, 45)];
  return {
    monitorId: 'cert',
    range,
    resolution: range === '1h' || range === '24h' ? 'minute' : 'hour',
    // Two runs of buckets: minutes 3 and 4 are missing, and minute 7 answered nothing (only failures).
    buckets: [...older, bucket(base, 40), bucket(base + MINUTE, 42), bucket(base + 2 * MINUTE, 44), bucket(base + 5 * MINUTE, 50), bucket(base + 6 * MINUTE, 52), bucket(base + 7 * MINUTE, null), bucket(base + 8 * MINUTE, 60), bucket(base + 9 * MINUTE, 61)],
    uptime: { h24: 0.9995, d7: 0.98, d30: 0.97, d365: null },
    incidents: [
      // Just short of an hour: the notification said "after 59 min 59 s", and so must the screen.
      { monitorId: 'cert', start: now - 3 * HOUR_MS, end: now - 3 * HOUR_MS + OUTAGE_MS, durationMs: OUTAGE_MS, firstError: 'connection refused' },
      { monitorId: 'cert', start: now - 10 * MINUTE, firstError: 'certificate has expired' },
    ],
    recent: [
      { monitorId: 'cert', status: 'up', at: now - 2 * MINUTE, latencyMs: 41, message: 'handshake in 41 ms' },
      { monitorId: 'cert', status: 'down', at: now - MINUTE, latencyMs: null, message: 'connect ECONNREFUSED' },
    ],
  };
}

function makeClient() {
  return new FakeClient({
    getHistory: ({ range }) => historyFor(range, Date.now()),
    checkNow: () => ({ checked: 1 }),
    setPaused: () => tlsView(),
  });
}

const historyRequests = (client: FakeClient) => client.requests.filter((r) => r.name === 'getHistory').map((r) => r.params);

afterEach(() => {
  cleanup();
  resetMonitorsStore();
  vi.useRealTimers();
});

describe('MonitorDetail', () => {
  it('fetches the history for the chosen range and draws gaps as breaks in the line', async () => {
    const client = makeClient();
    const { container } = render(<MonitorDetail client={client} view={tlsView()} onEdit={() => {}} onBack={() => {}} />);
    await screen.findByRole('img', { name: /Latency over the last 24 hours/ });
    expect(historyRequests(client)).toEqual([{ monitorId: 'cert', range: '24h' }]);

    const plot = container.querySelector('.latency-chart-plot');
    // Eight buckets with a latency in four runs (a missing period and a bucket without latency both break
    // the line): eight points and three gaps, never a line across one.
    expect(plot?.getAttribute('data-points')).toBe('8');
    expect(plot?.getAttribute('data-gaps')).toBe('3');
    expect(screen.getByRole('img', { name: /3 gaps without data/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '7 d' }));
    await screen.findByRole('img', { name: /Latency over the last 7 days/ });
    expect(historyRequests(client)).toEqual([
      { monitorId: 'cert', range: '24h' },
      { monitorId: 'cert', range: '7d' },
    ]);
    expect(screen.getByRole('button', { name: '7 d' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('opens a young monitor on the last hour, until the user picks a range', async () => {
    const client = new FakeClient({ getHistory: ({ range }) => historyFor(range, Date.now(), true) });
    render(<MonitorDetail client={client} view={tlsView()} onEdit={() => {}} onBack={() => {}} />);
    await screen.findByRole('img', { name: /Latency over the last hour/ });
    expect(historyRequests(client)).toEqual([
      { monitorId: 'cert', range: '24h' },
      { monitorId: 'cert', range: '1h' },
    ]);
    expect(screen.getByRole('button', { name: '1 h' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '24 h' }));
    await screen.findByRole('img', { name: /Latency over the last 24 hours/ });
  });

  it('shows the header, phases, uptime with "no data", incidents and the last results', async () => {
    const client = makeClient();
    applyMonitors([tlsView()]);
    render(<MonitorDetail client={client} view={tlsView()} onEdit={() => {}} onBack={() => {}} />);
    await screen.findByRole('img', { name: /Latency over/ });

    expect(screen.getByRole('heading', { level: 1, name: 'Example certificate' })).toBeTruthy();
    expect(screen.getByText('example.com:443')).toBeTruthy();
    expect(screen.getAllByText('Warning').length).toBeGreaterThan(0);
    expect(screen.getByText('DNS').parentElement?.textContent).toContain('5 ms');
    expect(screen.getByText('First byte').parentElement?.textContent).toContain('30 ms');

    const uptime = within(screen.getByRole('region', { name: 'Uptime' }));
    expect(uptime.getByText('24 hours').nextElementSibling?.textContent).toBe('99.95%');
    expect(uptime.getByText('365 days').nextElementSibling?.textContent).toBe('no data');

    const incidents = within(screen.getByRole('region', { name: 'Incidents' }));
    const rows = incidents.getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toContain('ongoing');
    expect(rows[0]?.textContent).toContain('certificate has expired');
    expect(rows[1]?.textContent).toContain('59 min 59 s');
    expect(rows[1]?.textContent).toContain('connection refused');

    const results = within(screen.getByRole('region', { name: 'Recent results' }));
    const resultRows = results.getAllByRole('row').slice(1);
    // Newest first, with the state as a word and no latency shown as a dash.
    expect(resultRows[0]?.textContent).toContain('Down');
    expect(resultRows[0]?.textContent).toContain('—');
    expect(resultRows[1]?.textContent).toContain('41 ms');
  });

  it('shows the certificate panel with days left, trust and the reminders already sent', async () => {
    render(<MonitorDetail client={makeClient()} view={tlsView()} onEdit={() => {}} onBack={() => {}} />);
    const panel = within(await screen.findByRole('region', { name: 'Certificate' }));
    expect(panel.getByText('10 days left')).toBeTruthy();
    expect(panel.getByText('Example Issuing CA')).toBeTruthy();
    expect(panel.getByText('example.com, www.example.com')).toBeTruthy();
    expect(panel.getByText('Chain trusted').nextElementSibling?.textContent).toContain('No: certificate is not trusted (self-signed certificate in certificate chain)');
  });

  it('words an OpenSSL code for people, with the code beside it', async () => {
    const view = tlsView();
    view.lastResult!.certificate!.trustError = 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
    render(<MonitorDetail client={makeClient()} view={view} onEdit={() => {}} onBack={() => {}} />);
    const panel = within(await screen.findByRole('region', { name: 'Certificate' }));
    expect(panel.getByText('Chain trusted').nextElementSibling?.textContent).toBe('✕ No: certificate is not trusted (its issuer is unknown) UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(panel.getByText('Name matches').nextElementSibling?.textContent).toContain('Yes');
    const reminders = panel.getAllByRole('listitem').map((li) => li.textContent);
    expect(reminders).toEqual(['30 days: ✓ sent', '14 days: ✓ sent', '7 days: ○ not yet', '3 days: ○ not yet', '1 day: ○ not yet']);
  });

  it('says so when a TLS monitor has no certificate yet', async () => {
    render(<MonitorDetail client={makeClient()} view={tlsView({ certificate: undefined })} onEdit={() => {}} onBack={() => {}} />);
    expect(within(await screen.findByRole('region', { name: 'Certificate' })).getByText('No certificate read yet.')).toBeTruthy();
  });

  it('runs the header actions', async () => {
    const client = makeClient();
    const onEdit = vi.fn();
    const onBack = vi.fn();
    render(<MonitorDetail client={client} view={tlsView()} onEdit={onEdit} onBack={onBack} />);
    await screen.findByRole('img', { name: /Latency over/ });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.click(screen.getByRole('button', { name: /Back/ }));
    expect(client.requests.find((r) => r.name === 'setPaused')?.params).toEqual({ monitorId: 'cert', paused: true });
    expect(onEdit).toHaveBeenCalledOnce();
    expect(onBack).toHaveBeenCalledOnce();
    await screen.findByRole('button', { name: 'Check now' });
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(client.requests.find((r) => r.name === 'checkNow')?.params).toEqual({ monitorId: 'cert' });
    // A finished check fetches the history again at once, so the new result shows.
    await vi.waitFor(() => expect(historyRequests(client)).toHaveLength(2));
  });

  it('confirms a delete by saying what happens to the history, and offers an export first', async () => {
    const client = makeClient();
    client.handlers.exportConfig = () => ({ json: '{"version":1,"monitors":[{"id":"cert"}]}' });
    client.handlers.removeMonitor = () => ({ removed: true });
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const onBack = vi.fn();
    render(<MonitorDetail client={client} view={tlsView()} onEdit={() => {}} onBack={onBack} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Delete Example certificate? Its checks stop, and its history (uptime, incidents and results) leaves the dashboard');
    expect(dialog.textContent).not.toContain('its place here');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Export config first' }));
    expect(await within(dialog).findByRole('status')).toBeTruthy();
    expect(clicked).toEqual([expect.stringMatching(/^picket-config-\d{4}-\d{2}-\d{2}\.json$/)]);
    expect(client.requests.some((r) => r.name === 'removeMonitor')).toBe(false);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete Example certificate' }));
    await vi.waitFor(() => expect(onBack).toHaveBeenCalledOnce());
    expect(client.requests.find((r) => r.name === 'removeMonitor')?.params).toEqual({ monitorId: 'cert' });
    click.mockRestore();
  });

  it('fetches the history again, throttled, when a result for this monitor arrives', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const client = makeClient();
    render(<MonitorDetail client={client} view={tlsView()} onEdit={() => {}} onBack={() => {}} />);
    await act(async () => {});
    expect(historyRequests(client)).toHaveLength(1);

    const result = (monitorId: string): CheckResult => ({ monitorId, status: 'up', at: Date.now(), latencyMs: 40, message: 'ok' });
    act(() => client.emit('results', [result('someone-else')]));
    await act(async () => vi.advanceTimersByTime(REFRESH_THROTTLE_MS));
    expect(historyRequests(client)).toHaveLength(1);

    act(() => {
      client.emit('results', [result('cert')]);
      client.emit('results', [result('cert')]);
      client.emit('results', [result('cert')]);
    });
    await act(async () => vi.advanceTimersByTime(1));
    expect(historyRequests(client)).toHaveLength(2);

    // A burst within the throttle window costs one more fetch, at the end of the window.
    act(() => {
      client.emit('results', [result('cert')]);
      client.emit('results', [result('cert')]);
    });
    await act(async () => vi.advanceTimersByTime(REFRESH_THROTTLE_MS - 10));
    expect(historyRequests(client)).toHaveLength(2);
    await act(async () => vi.advanceTimersByTime(20));
    expect(historyRequests(client)).toHaveLength(3);
  });
});
