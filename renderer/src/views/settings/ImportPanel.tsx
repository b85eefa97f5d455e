// Imports a config (a file or pasted JSON). "Replace" removes every monitor the file does not name, so it
// asks first. The outcome lists what changed; a refusal lists every issue with where it is.
import { useState, type ChangeEvent } from 'react';
import type { ImportOutcome, PicketClient } from '../../../../electron/shared/contract.ts';
import { readContractError, type FieldIssue } from '../form/contract-error.ts';

type Mode = 'merge' | 'replace';
type Result = { outcome: ImportOutcome } | { message: string; issues: FieldIssue[] } | null;

export function ImportPanel({ client }: { client: PicketClient }) {
  const [json, setJson] = useState('');
  const [mode, setMode] = useState<Mode>('merge');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);

  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    file.text().then(
      (text) => {
        setJson(text);
        setResult(null);
      },
      () => setResult({ message: `Could not read ${file.name}.`, issues: [] }),
    );
  };

  const runImport = () => {
    setConfirming(false);
    setBusy(true);
    client.request('importConfig', { json, mode }).then(
      (outcome) => {
        setBusy(false);
        setResult({ outcome });
      },
      (reason: unknown) => {
        setBusy(false);
        const error = readContractError(reason);
        setResult({ message: error.message, issues: error.issues });
      },
    );
  };

  const start = () => {
    if (json.trim() === '') {
      setResult({ message: 'Choose a file or paste a config first.', issues: [] });
      return;
    }
    if (mode === 'replace') setConfirming(true);
    else runImport();
  };

  return (
    <section className="settings-panel" aria-labelledby="settings-import">
      <h2 id="settings-import">Import</h2>
      <div className="settings-field">
        <label htmlFor="import-file">Config file</label>
        <input id="import-file" type="file" accept=".json,application/json" onChange={readFile} />
      </div>
      <div className="settings-field">
        <label htmlFor="import-json">Config JSON</label>
        <textarea
          id="import-json"
          rows={8}
          spellCheck={false}
          placeholder='{ "version": 1, "monitors": [ … ] }'
          value={json}
          onChange={(event) => {
            setJson(event.target.value);
            setResult(null);
          }}
        />
      </div>
      <fieldset className="settings-group">
        <legend>Mode</legend>
        <label className="settings-radio">
          <input type="radio" name="import-mode" value="merge" checked={mode === 'merge'} onChange={() => setMode('merge')} />
          Merge: add new monitors, update those with the same id, keep the rest
        </label>
        <label className="settings-radio">
          <input type="radio" name="import-mode" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} />
          Replace: the file becomes the whole list; monitors not in it are removed
        </label>
      </fieldset>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="import-confirm-text" className="settings-confirm">
          <p id="import-confirm-text">Replace removes every monitor that is not in this file, with its history. Continue?</p>
          <button type="button" className="danger" onClick={runImport}>
            Replace monitors
          </button>
          {/* Focus lands on the safe choice: the Import button it replaces is gone. */}
          <button type="button" autoFocus onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={start} disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      )}
      <ImportResult result={result} />
    </section>
  );
}

function IdList({ label, ids }: { label: string; ids: string[] }) {
  return (
    <li>
      <strong>
        {ids.length} {label}
      </strong>
      {ids.length > 0 && `: ${ids.join(', ')}`}
    </li>
  );
}

function ImportResult({ result }: { result: Result }) {
  if (!result) return null;
  if ('outcome' in result) {
    const { added, updated, removed } = result.outcome;
    return (
      <div role="status" className="settings-outcome">
        <p>
          <span aria-hidden="true">✓ </span>Imported.
        </p>
        <ul>
          <IdList label="added" ids={added} />
          <IdList label="updated" ids={updated} />
          <IdList label="removed" ids={removed} />
        </ul>
      </div>
    );
  }
  return (
    <div role="alert" className="settings-refusal">
      <p>
        <span aria-hidden="true">⚠ </span>
        {result.issues.length > 0 ? `Nothing was imported: ${result.issues.length} ${result.issues.length === 1 ? 'problem' : 'problems'}.` : result.message}
      </p>
      {result.issues.length > 0 && (
        <ul>
          {result.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path && <code>{issue.path}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
