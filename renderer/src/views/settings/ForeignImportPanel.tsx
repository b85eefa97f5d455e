// Import from Uptime Kuma (kuma.db) or Gatus (config.yaml): the file is converted and previewed first, with
// everything that cannot come along and why; nothing is saved until the user confirms.
import { useState, type ChangeEvent } from 'react';
import type { ImportOutcome, PicketClient } from '../../../../electron/shared/contract.ts';
import { IMPORT_SOURCE_NAMES, IMPORT_SOURCES, previewText, type ImportPreview, type ImportSource } from '../../../../electron/shared/import-types.ts';
import { readContractError } from '../form/contract-error.ts';
import { fileToBase64 } from './file-base64.ts';

const ACCEPT: Record<ImportSource, string> = { 'uptime-kuma': '.db,.sqlite,application/vnd.sqlite3,application/x-sqlite3', gatus: '.yaml,.yml,application/yaml,text/yaml' };
const FILE_LABEL: Record<ImportSource, string> = { 'uptime-kuma': 'kuma.db', gatus: 'config.yaml' };

type Stage = { kind: 'idle' } | { kind: 'busy'; what: string } | { kind: 'preview'; preview: ImportPreview } | { kind: 'done'; outcome: ImportOutcome } | { kind: 'error'; message: string };

export function ForeignImportPanel({ client }: { client: PicketClient }) {
  const [source, setSource] = useState<ImportSource>('uptime-kuma');
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });

  const fail = (reason: unknown) => setStage({ kind: 'error', message: readContractError(reason).message });

  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file picked again must preview again.
    event.target.value = '';
    if (!file) return;
    setStage({ kind: 'busy', what: `Reading ${file.name}…` });
    fileToBase64(file)
      .then((base64) => client.request('previewImport', { source, file: base64 }))
      .then((preview) => setStage({ kind: 'preview', preview }), fail);
  };

  const confirm = (preview: ImportPreview) => {
    setStage({ kind: 'busy', what: 'Importing…' });
    client.request('importConfig', { json: JSON.stringify({ version: 1, monitors: preview.monitors }), mode: 'merge' }).then((outcome) => setStage({ kind: 'done', outcome }), fail);
  };

  return (
    <section className="settings-panel" aria-labelledby="settings-foreign-import">
      <h2 id="settings-foreign-import">Import from Uptime Kuma or Gatus</h2>
      <fieldset className="settings-group">
        <legend>From</legend>
        {IMPORT_SOURCES.map((value) => (
          <label key={value} className="settings-radio">
            <input
              type="radio"
              name="foreign-import-source"
              value={value}
              checked={source === value}
              onChange={() => {
                setSource(value);
                setStage({ kind: 'idle' });
              }}
            />
            {IMPORT_SOURCE_NAMES[value]} ({FILE_LABEL[value]})
          </label>
        ))}
      </fieldset>
      <div className="settings-field">
        <label htmlFor="foreign-import-file">{IMPORT_SOURCE_NAMES[source]} file</label>
        <input id="foreign-import-file" type="file" accept={ACCEPT[source]} onChange={readFile} disabled={stage.kind === 'busy'} />
      </div>
      <ForeignImportStage stage={stage} onConfirm={confirm} onCancel={() => setStage({ kind: 'idle' })} />
    </section>
  );
}

function ForeignImportStage({ stage, onConfirm, onCancel }: { stage: Stage; onConfirm: (preview: ImportPreview) => void; onCancel: () => void }) {
  if (stage.kind === 'idle') return null;
  if (stage.kind === 'busy') return <p role="status">{stage.what}</p>;
  if (stage.kind === 'error') {
    return (
      <div role="alert" className="settings-refusal">
        <p>
          <span aria-hidden="true">⚠ </span>
          {stage.message}
        </p>
      </div>
    );
  }
  if (stage.kind === 'done') {
    const { added, updated } = stage.outcome;
    return (
      <div role="status" className="settings-outcome">
        <p>
          <span aria-hidden="true">✓ </span>Imported: {added.length} added, {updated.length} updated.
        </p>
      </div>
    );
  }
  const { preview } = stage;
  const [head] = previewText(preview).split('\n');
  const count = preview.monitors.length;
  return (
    <div role="region" aria-label="Import preview" className="import-preview">
      <p>{head}</p>
      {preview.skipped.length > 0 && (
        <>
          <h3 id="import-preview-skipped">Cannot be imported</h3>
          <ul aria-labelledby="import-preview-skipped">
            {preview.skipped.map((thing, index) => (
              <li key={`${thing.name}:${index}`}>
                <strong>{thing.name}</strong>: {thing.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {count > 0 && (
        <>
          <h3 id="import-preview-monitors">Will be imported</h3>
          <ul aria-labelledby="import-preview-monitors">
            {preview.monitors.map((monitor) => (
              <li key={monitor.id}>
                {monitor.name ?? monitor.id} <code>{monitor.type}</code>
                {preview.replacing.includes(monitor.id) && ' (replaces the one imported before)'}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="import-preview-actions">
        {count > 0 && (
          <button type="button" className="primary" onClick={() => onConfirm(preview)}>
            Import {count} monitor{count === 1 ? '' : 's'}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {count > 0 ? 'Cancel' : 'Close'}
        </button>
      </div>
    </div>
  );
}
