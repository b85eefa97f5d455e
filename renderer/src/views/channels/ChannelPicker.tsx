// Which channels a monitor (or a homeserver group) alerts: the defaults, or a list of its own.
import { useEffect, useState } from 'react';
import type { ChannelView } from '../../../../electron/shared/channel-types.ts';
import type { PicketClient } from '../../../../electron/shared/contract.ts';

export interface ChannelPickerProps {
  client: PicketClient;
  /** null: the default channels (or, for a monitor of a homeserver, its group's). */
  value: string[] | null;
  onChange: (value: string[] | null) => void;
  idPrefix: string;
  defaultLabel?: string;
  /** Known already (the channels panel): not fetched again. */
  known?: ChannelView[];
  legend?: string;
}

export function ChannelPicker({ client, value, onChange, idPrefix, defaultLabel = 'The default channels', known, legend = 'Alert channels' }: ChannelPickerProps) {
  const [fetched, setChannels] = useState<ChannelView[] | null>(null);
  const channels = known ?? fetched;
  useEffect(() => {
    if (known) return;
    let active = true;
    client.request('listChannels', {}).then(
      (overview) => active && setChannels(overview.channels),
      () => active && setChannels([]),
    );
    return () => {
      active = false;
    };
  }, [client, known]);
  if (channels === null) return null;
  return (
    <fieldset className="form-section channel-picker">
      <legend>{legend}</legend>
      {channels.length === 0 ? (
        <p className="field-hint">No alert channels yet: add them in Settings → Alert channels. Alerts show on this screen meanwhile.</p>
      ) : (
        <>
          <div className="settings-check">
            <input id={`${idPrefix}-defaults`} type="checkbox" checked={value === null} onChange={(event) => onChange(event.target.checked ? null : [])} />
            <label htmlFor={`${idPrefix}-defaults`}>{defaultLabel}</label>
          </div>
          {value !== null &&
            channels.map(({ channel }) => (
              <div className="settings-check" key={channel.id}>
                <input
                  id={`${idPrefix}-${channel.id}`}
                  type="checkbox"
                  checked={value.includes(channel.id)}
                  onChange={(event) => onChange(event.target.checked ? [...value, channel.id] : value.filter((id) => id !== channel.id))}
                />
                <label htmlFor={`${idPrefix}-${channel.id}`}>{channel.name}</label>
              </div>
            ))}
        </>
      )}
    </fieldset>
  );
}
