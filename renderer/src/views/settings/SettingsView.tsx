// Settings: preferences, then import and export of the config format.
import type { AppSettings, PicketClient } from '../../../../electron/shared/contract.ts';
import { ExportPanel } from './ExportPanel.tsx';
import { ForeignImportPanel } from './ForeignImportPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { PreferencesForm } from './PreferencesForm.tsx';
import './settings.css';

export interface SettingsViewProps {
  client: PicketClient;
  settings: AppSettings;
  onClose: () => void;
}

export function SettingsView({ client, settings, onClose }: SettingsViewProps) {
  return (
    <article className="settings-view" aria-labelledby="settings-title">
      <header className="settings-header">
        <h1 id="settings-title">Settings</h1>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <PreferencesForm client={client} settings={settings} />
      <ImportPanel client={client} />
      <ForeignImportPanel client={client} />
      <ExportPanel client={client} />
    </article>
  );
}
