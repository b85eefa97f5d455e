// @vitest-environment happy-dom
// Settings → Alert channels: the list with each channel's status, the add form validated as you type, "Send
// test alert" showing the provider's answer or error, and the desktop-only settings hidden in a browser.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelsOverview } from '../../../electron/shared/contract.ts';
import { REDACTED } from '../../../electron/shared/contract.ts';
import { SettingsView } from '../../../renderer/src/views/settings/SettingsView.tsx';
import { FakeClient, SETTINGS } from '../store/fixtures.ts';

afterEach(cleanup);

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

const failing: ChannelsOverview = {
  channels: [
    {
      channel: { id: 'ops-slack', name: 'Ops Slack', type: 'webhook', format: 'slack', url: REDACTED, default: true },
      status: { lastSuccessAt: null, lastAttemptAt: 1_700_000_000_000, lastError: '401 Unauthorized', failing: true, queued: 2 },
    },
  ],
  groupChannels: {},
};

describe('Alert channels', () => {
  it('lists channels with their last error, and hides start at login and sound in a browser', async () => {
    const client = new FakeClient({ listChannels: () => failing });
    render(<SettingsView client={client} settings={SETTINGS} inBrowser onClose={() => {}} />);
    expect(await screen.findByText('Ops Slack')).toBeTruthy();
    expect(screen.getByText(/Last error .*: 401 Unauthorized/)).toBeTruthy();
    expect(screen.getByText('failing')).toBeTruthy();
    expect(screen.getByText(/2 waiting/)).toBeTruthy();
    expect(screen.queryByLabelText('Start Picket at login')).toBeNull();
    expect(screen.queryByLabelText('Play a sound')).toBeNull();
  });

  it('validates as you type, sends a test alert showing the answer, and saves', async () => {
    const saved: unknown[] = [];
    const client = new FakeClient({
      listChannels: () => ({ channels: [], groupChannels: {} }),
      testChannel: () => ({ ok: false, detail: '401 Unauthorized' }),
      saveChannel: ({ channel }) => {
        saved.push(channel);
        return { channels: [], groupChannels: {} };
      },
    });
    render(<SettingsView client={client} settings={SETTINGS} onClose={() => {}} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add channel' }));
    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: 'ntfy' } });
    type('Name', 'My phone');
    expect(screen.getByLabelText<HTMLInputElement>('Id').value).toBe('my-phone');
    type('Topic URL', 'ntfy.sh/alerts');
    expect(await screen.findByText('"ntfy.sh/alerts" has no scheme: write http://… or https://…')).toBeTruthy();
    type('Topic URL', 'https://ntfy.sh/alerts');
    await waitFor(() => expect(screen.queryByText(/has no scheme/)).toBeNull());
    type('Priority (optional)', '9');
    expect(await screen.findByText('must be from 1 to 5 (got 9)')).toBeTruthy();
    type('Priority (optional)', '4');

    fireEvent.click(screen.getByRole('button', { name: 'Send test alert' }));
    expect(await screen.findByText('Failed: 401 Unauthorized')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add channel' }));
    await waitFor(() => expect(saved).toEqual([{ id: 'my-phone', name: 'My phone', type: 'ntfy', default: true, url: 'https://ntfy.sh/alerts', priority: 4 }]));
  });
});

describe('channel pickers', () => {
  it('a monitor can name its own channels instead of the defaults', async () => {
    const { MonitorForm } = await import('../../../renderer/src/views/form/MonitorForm.tsx');
    const saved: unknown[] = [];
    const client = new FakeClient({
      listChannels: () => ({
        channels: [
          { channel: { id: 'phone', name: 'Phone', type: 'ntfy', url: 'https://ntfy.example/t', default: true }, status: failing.channels[0]!.status },
          { channel: { id: 'ops', name: 'Ops room', type: 'matrix', homeserverUrl: 'https://m.example', accessToken: REDACTED, roomId: '!a:b' }, status: failing.channels[0]!.status },
        ],
        groupChannels: {},
      }),
      addMonitor: ({ monitor }) => {
        saved.push(monitor);
        return { monitor: { ...monitor }, state: 'unknown', lastResult: null, uptime: { h24: null, d7: null, d30: null, d365: null }, muted: false } as never;
      },
    });
    render(<MonitorForm client={client} onSaved={() => {}} onCancel={() => {}} />);
    type('Name', 'Shop');
    type(/^URL/, 'https://shop.test');
    fireEvent.click(await screen.findByLabelText('The default channels'));
    fireEvent.click(screen.getByLabelText('Ops room'));
    fireEvent.click(screen.getByRole('button', { name: 'Add monitor' }));
    await waitFor(() => expect(saved).toEqual([{ id: 'shop', type: 'http', name: 'Shop', url: 'https://shop.test', channels: ['ops'] }]));
  });

  it('a homeserver group can name channels for all its monitors', async () => {
    const { applyHomeservers, resetMonitorsStore } = await import('../../../renderer/src/store/monitors-store.ts');
    resetMonitorsStore();
    applyHomeservers([{ group: 'example.org', serverName: 'example.org', diagnosis: null, discovery: null, discoveredAt: null }]);
    const calls: unknown[] = [];
    const client = new FakeClient({
      listChannels: () => failing,
      setGroupChannels: (params) => {
        calls.push(params);
        return { ...failing, groupChannels: { 'example.org': params.channelIds ?? [] } };
      },
    });
    render(<SettingsView client={client} settings={SETTINGS} onClose={() => {}} />);
    const legend = await screen.findByText('Homeserver example.org: its monitors alert');
    fireEvent.click(within(legend.parentElement as HTMLElement).getByLabelText('The default channels'));
    await waitFor(() => expect(calls).toEqual([{ group: 'example.org', channelIds: [] }]));
    fireEvent.click(within(legend.parentElement as HTMLElement).getByLabelText('Ops Slack'));
    await waitFor(() => expect(calls).toEqual([{ group: 'example.org', channelIds: [] }, { group: 'example.org', channelIds: ['ops-slack'] }]));
    resetMonitorsStore();
  });
});
