// Settings → Alert channels: every channel with how its deliveries are going (the last delivery, the last
// error), and the form to add or edit one. Follows the 'channels' event, so a failing channel shows up live.
import { useEffect, useState } from 'react';
import { CHANNEL_SPECS } from '../../../../electron/shared/channel-schema.ts';
import type { ChannelConfig, ChannelView } from '../../../../electron/shared/channel-types.ts';
import type { ChannelsOverview, PicketClient } from '../../../../electron/shared/contract.ts';
import { useStore } from 'zustand';
import { monitorsStore } from '../../store/monitors-store.ts';
import { readContractError } from '../form/contract-error.ts';
import { ChannelForm } from './ChannelForm.tsx';
import { ChannelPicker } from './ChannelPicker.tsx';
import './channels.css';

type Editing = { channel: ChannelConfig | null } | null;

function when(at: number | null): string {
  return at === null ? 'never' : new Date(at).toLocaleString();
}

/** Hosts of the monitors and homeservers Picket watches. */
function useMonitoredHosts(): Set<string> {
  const items = useStore(monitorsStore, (state) => state.items);
  const homeservers = useStore(monitorsStore, (state) => state.homeservers);
  const hosts = new Set<string>();
  for (const item of Object.values(items)) hosts.add(item.host.toLowerCase());
  for (const group of Object.values(homeservers)) {
    hosts.add(group.serverName.toLowerCase());
    const base = group.discovery?.client.baseUrl;
    if (base) {
      try {
        hosts.add(new URL(base).hostname.toLowerCase());
      } catch {
        // discovery found no usable client URL
      }
    }
  }
  return hosts;
}

export function ChannelsPanel({ client }: { client: PicketClient }) {
  const [overview, setOverview] = useState<ChannelsOverview | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const monitoredHosts = useMonitoredHosts();
  const groups = useStore(monitorsStore, (state) => state.homeservers);

  useEffect(() => {
    let active = true;
    client.request('listChannels', {}).then(
      (list) => active && setOverview(list),
      (reason: unknown) => active && setError(readContractError(reason).message),
    );
    const unsubscribe = client.on('channels', (list) => setOverview(list));
    return () => {
      active = false;
      unsubscribe();
    };
  }, [client]);

  const remove = async (view: ChannelView): Promise<void> => {
    try {
      setOverview(await client.request('removeChannel', { channelId: view.channel.id }));
    } catch (reason) {
      setError(readContractError(reason).message);
    }
  };

  const done = (): void => {
    setEditing(null);
    void client.request('listChannels', {}).then(setOverview, () => undefined);
  };

  return (
    <section className="settings-panel" aria-labelledby="settings-channels">
      <h2 id="settings-channels">Alert channels</h2>
      <p className="field-hint">Where alerts go besides this screen: a phone, mail, a chat room, your Alertmanager. Default channels get every monitor&apos;s alerts unless a monitor names its own.</p>
      {error && <p role="alert">{error}</p>}
      {overview === null && !error && <p role="status">Loading…</p>}
      {overview !== null && overview.channels.length === 0 && editing === null && <p>No channels yet: alerts only show here.</p>}
      {overview !== null && overview.channels.length > 0 && (
        <ul className="channel-list">
          {overview.channels.map((view) => (
            <li key={view.channel.id} className={`channel-item${view.status.failing ? ' channel-failing' : ''}`}>
              <div>
                <strong>{view.channel.name}</strong> <span className="field-hint">{CHANNEL_SPECS[view.channel.type].label}</span>
                {view.channel.default === true && <span className="channel-badge">default</span>}
                {view.status.failing && <span className="channel-badge channel-badge-failing">failing</span>}
              </div>
              <p className="field-hint">
                Last delivery: {when(view.status.lastSuccessAt)}
                {view.status.queued > 0 && ` · ${view.status.queued} waiting`}
              </p>
              {view.status.lastError !== null && (
                <p className="channel-error">
                  Last error ({when(view.status.lastAttemptAt)}): {view.status.lastError}
                </p>
              )}
              <div className="channel-actions">
                <button type="button" onClick={() => setEditing({ channel: view.channel })}>
                  Edit
                </button>
                <button type="button" onClick={() => void remove(view)} aria-label={`Remove ${view.channel.name}`}>
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing === null ? (
        <div className="settings-actions">
          <button type="button" onClick={() => setEditing({ channel: null })}>
            Add channel
          </button>
        </div>
      ) : (
        <ChannelForm key={editing.channel?.id ?? 'new'} client={client} initial={editing.channel} monitoredHosts={monitoredHosts} onDone={done} />
      )}
      {overview !== null &&
        overview.channels.length > 0 &&
        Object.values(groups).map((group) => (
          <ChannelPicker
            key={group.group}
            client={client}
            known={overview.channels}
            idPrefix={`group-channels-${group.group}`}
            legend={`Homeserver ${group.serverName}: its monitors alert`}
            value={overview.groupChannels[group.group] ?? null}
            onChange={(channelIds) =>
              void client.request('setGroupChannels', { group: group.group, channelIds }).then(setOverview, (reason: unknown) => setError(readContractError(reason).message))
            }
          />
        ))}
    </section>
  );
}
