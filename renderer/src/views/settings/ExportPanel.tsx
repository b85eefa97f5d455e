// Exports the config as a JSON file, downloaded in one click. Secrets never leave the engine: they come back
// as the REDACTED placeholder, and the panel says how many, so nobody mistakes the file for a full backup.
import { useState } from 'react';
import type { PicketClient } from '../../../../electron/shared/contract.ts';
import { REDACTED } from '../../../../electron/shared/redaction.ts';
import { downloadConfig, type DownloadedConfig } from '../../components/download-config.ts';
import { useMonitorIds } from '../../store/monitors-store.ts';
import { readContractError } from '../form/contract-error.ts';

export function ExportPanel({ client }: { client: PicketClient }) {
  const [done, setDone] = useState<(DownloadedConfig & { total: number }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The monitors there are now: after an import, an earlier export's count is no longer what Export would write.
  const total = useMonitorIds().length;

  const runExport = () => {
    setBusy(true);
    setError(null);
    downloadConfig(client).then(
      (file) => {
        setBusy(false);
        setDone({ ...file, total });
      },
      (reason: unknown) => {
        setBusy(false);
        setError(readContractError(reason).message);
      },
    );
  };

  const current = done !== null && done.total === total;
  return (
    <section className="settings-panel" aria-labelledby="settings-export">
      <h2 id="settings-export">Export</h2>
      <p className="settings-hint">
        Every monitor ({total}) and the engine settings, in the same JSON format Import reads. Passwords and tokens are not exported: they are written
        as <code>{REDACTED}</code>.
      </p>
      <button type="button" onClick={runExport} disabled={busy}>
        {busy ? 'Exporting…' : 'Export config'}
      </button>
      {error && (
        <p role="alert" className="settings-error">
          Could not export: {error}
        </p>
      )}
      {done && current && (
        <div role="status" className="settings-outcome">
          <p>
            <span aria-hidden="true">✓ </span>Downloaded {done.name} ({done.monitors} {done.monitors === 1 ? 'monitor' : 'monitors'}).
          </p>
          <p className="settings-hint">
            {done.redacted > 0
              ? `${done.redacted} ${done.redacted === 1 ? 'secret is' : 'secrets are'} redacted. Importing the file here keeps the stored secrets; elsewhere, type them again.`
              : 'No secrets in this export.'}
          </p>
        </div>
      )}
    </section>
  );
}
