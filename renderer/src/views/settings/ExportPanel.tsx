// Exports the config as a JSON file to download. Secrets never leave the engine: they come back as the
// REDACTED placeholder, and the panel says how many, so nobody mistakes the file for a full backup.
import { useEffect, useState } from 'react';
import { REDACTED, type PicketClient } from '../../../../electron/shared/contract.ts';
import { readContractError } from '../form/contract-error.ts';

interface ExportFile {
  url: string;
  name: string;
  monitors: number;
  redacted: number;
}

function countMonitors(json: string): number {
  try {
    const parsed = JSON.parse(json) as { monitors?: unknown };
    return Array.isArray(parsed.monitors) ? parsed.monitors.length : 0;
  } catch {
    return 0;
  }
}

export function ExportPanel({ client }: { client: PicketClient }) {
  const [file, setFile] = useState<ExportFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // An object URL holds the file in memory until revoked: drop the old one when replaced or unmounted.
  useEffect(() => (file ? () => URL.revokeObjectURL(file.url) : undefined), [file]);

  const runExport = () => {
    setBusy(true);
    setError(null);
    client.request('exportConfig', {}).then(
      ({ json }) => {
        setBusy(false);
        const day = new Date().toISOString().slice(0, 10);
        setFile({
          url: URL.createObjectURL(new Blob([json], { type: 'application/json' })),
          name: `picket-config-${day}.json`,
          monitors: countMonitors(json),
          redacted: json.split(REDACTED).length - 1,
        });
      },
      (reason: unknown) => {
        setBusy(false);
        setError(readContractError(reason).message);
      },
    );
  };

  return (
    <section className="settings-panel" aria-labelledby="settings-export">
      <h2 id="settings-export">Export</h2>
      <p className="settings-hint">
        Every monitor and the engine settings, in the same JSON format Import reads. Passwords and tokens are not exported: they are written as{' '}
        <code>{REDACTED}</code>.
      </p>
      <button type="button" onClick={runExport} disabled={busy}>
        {busy ? 'Exporting…' : 'Export config'}
      </button>
      {error && (
        <p role="alert" className="settings-error">
          Could not export: {error}
        </p>
      )}
      {file && (
        <div role="status" className="settings-outcome">
          <a href={file.url} download={file.name}>
            Download {file.name}
          </a>{' '}
          ({file.monitors} {file.monitors === 1 ? 'monitor' : 'monitors'})
          <p className="settings-hint">
            {file.redacted > 0
              ? `${file.redacted} ${file.redacted === 1 ? 'secret is' : 'secrets are'} redacted. Importing the file here keeps the stored secrets; elsewhere, type them again.`
              : 'No secrets in this export.'}
          </p>
        </div>
      )}
    </section>
  );
}
