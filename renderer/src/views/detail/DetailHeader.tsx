// The detail view's header: who, what state, where, and what the user can do about it.
import { useState } from 'react';
import type { MonitorView, PicketClient } from '../../../../electron/shared/contract.ts';
import type { Monitor } from '../../../../electron/shared/types.ts';
import { targetOf, TYPE_LABEL } from '../../components/monitor-type.ts';
import { downloadConfig, type DownloadedConfig } from '../../components/download-config.ts';
import { readContractError } from '../form/contract-error.ts';
import { StateBadge } from '../../components/StateBadge.tsx';

export function monitorTarget(monitor: Monitor): string {
  return monitor.type === 'http' ? `${monitor.method} ${monitor.url}` : targetOf(monitor);
}

type Action = 'check' | 'pause' | 'mute' | 'delete' | 'export';

interface DetailHeaderProps {
  client: PicketClient;
  view: MonitorView;
  onEdit: () => void;
  onBack: () => void;
  /** Called once a "Check now" has finished, so the history can be fetched again at once. */
  onChecked: () => void;
}

export function DetailHeader({ client, view, onEdit, onBack, onChecked }: DetailHeaderProps) {
  const { monitor } = view;
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Deleting drops the monitor and its history from the dashboard: a second, explicit press confirms it.
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const [exported, setExported] = useState<string | null>(null);

  const run = (kind: Action, action: () => Promise<unknown>) => {
    setBusy(kind);
    setError(null);
    action().then(
      (outcome) => {
        setBusy(null);
        if (kind === 'export') setExported((outcome as DownloadedConfig).name);
        if (kind === 'check') onChecked();
        if (kind === 'delete') onBack();
      },
      (reason: unknown) => {
        setBusy(null);
        setError(readContractError(reason).message);
      },
    );
  };

  return (
    <header className="detail-header">
      <button type="button" className="detail-back" onClick={onBack}>
        <span aria-hidden="true">←</span> Back
      </button>
      <div className="detail-title">
        <h1 id="detail-name">{monitor.name}</h1>
        <StateBadge state={view.state} />
        <span className="detail-type">{TYPE_LABEL[monitor.type]}</span>
        {view.muted && <span className="detail-muted">Alerts muted</span>}
      </div>
      <p className="detail-target">
        {monitorTarget(monitor)}
        {monitor.group && <span className="detail-group"> · {monitor.group}</span>}
      </p>
      <div className="detail-actions">
        <button type="button" disabled={busy !== null || monitor.paused} onClick={() => run('check', () => client.request('checkNow', { monitorId: monitor.id }))}>
          {busy === 'check' ? 'Checking…' : 'Check now'}
        </button>
        <button
          type="button"
          disabled={busy !== null}
          onClick={() => run('pause', () => client.request('setPaused', { monitorId: monitor.id, paused: !monitor.paused }))}
        >
          {monitor.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => run('mute', () => client.request('setMuted', { monitorId: monitor.id, muted: !view.muted }))}>
          {view.muted ? 'Unmute alerts' : 'Mute alerts'}
        </button>
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        {!confirmingDelete && (
          <button type="button" onClick={() => setConfirmingDelete(true)}>
            Delete…
          </button>
        )}
      </div>
      {confirmingDelete && (
        <div role="alertdialog" aria-labelledby="delete-confirm-text" className="detail-confirm">
          <p id="delete-confirm-text">
            Delete {monitor.name}? Its checks stop, and its history (uptime, incidents and results) leaves the dashboard; the files age out with
            the retention you set. An export keeps its settings, so you can import it again later.
          </p>
          <div className="detail-confirm-actions">
            <button type="button" disabled={busy !== null} onClick={() => run('export', () => downloadConfig(client))}>
              {busy === 'export' ? 'Exporting…' : 'Export config first'}
            </button>
            <button type="button" className="danger" disabled={busy !== null} onClick={() => run('delete', () => client.request('removeMonitor', { monitorId: monitor.id }))}>
              Delete {monitor.name}
            </button>
            {/* Focus lands on the safe choice. */}
            <button type="button" autoFocus onClick={() => setConfirmingDelete(false)}>
              Keep it
            </button>
          </div>
          {exported && <p role="status">Downloaded {exported}.</p>}
        </div>
      )}
      {error && (
        <p role="alert" className="detail-error">
          {error}
        </p>
      )}
    </header>
  );
}
