// Settings: preferences, then import and export of the config format.
import type { AppSettings, PicketClient } from '../../../../electron/shared/contract.ts';
import { ChannelsPanel } from '../channels/ChannelsPanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { ForeignImportPanel } from './ForeignImportPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { PreferencesForm } from './PreferencesForm.tsx';
import './settings.css';

export interface SettingsViewProps {
  client: PicketClient;
  settings: AppSettings;
  onClose: () => void;
  /** The dashboard of `picket serve` in a browser: desktop-only settings (start at login, sound) are hidden. */
  inBrowser?: boolean;
}

export function SettingsView({ client, settings, onClose, inBrowser = false }: SettingsViewProps) {
  return (
    <article className="settings-view" aria-labelledby="settings-title">
      <header className="settings-header">
        <h1 id="settings-title">Settings</h1>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <PreferencesForm client={client} settings={settings} inBrowser={inBrowser} />
      <ChannelsPanel client={client} />
      <ImportPanel client={client} />
      <ForeignImportPanel client={client} />
      <ExportPanel client={client} />
    </article>
  );
}
