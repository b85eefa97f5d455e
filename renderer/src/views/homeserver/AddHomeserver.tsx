// "Add a Matrix homeserver": discover first and show what was found and how, then create the group's
// monitors from it in one click. Nothing is created until the user has seen where the monitors will point.
import { useRef, useState, type FormEvent } from 'react';
import type { HomeserverGroup, MonitorView, PicketClient } from '../../../../electron/shared/contract.ts';
import { nothingFound, unresolvedHosts } from '../../../../electron/shared/matrix-discovery-verdict.ts';
import { serverNameFromInput } from '../../../../electron/shared/matrix-server-input.ts';
import type { MatrixDiscovery } from '../../../../electron/shared/matrix-types.ts';
import { readContractError, type FieldIssue } from '../form/contract-error.ts';
import { wordList } from '../../../../electron/shared/word-list.ts';
import { plannedMonitorCount, plannedMonitors } from './discovery-words.ts';
import { DiscoveryOutcome } from './DiscoveryOutcome.tsx';
import { DiscoverySteps } from './DiscoverySteps.tsx';
import '../form/form.css';
import './homeserver.css';

export interface AddHomeserverProps {
  client: PicketClient;
  /** The group and monitors addHomeserver created (or updated). */
  onCreated: (created: { group: HomeserverGroup; monitors: MonitorView[] }) => void;
  onCancel: () => void;
}

type Busy = 'discover' | 'create' | null;

interface Failure {
  what: string;
  message: string;
  issues: FieldIssue[];
}

function ErrorNotice({ failure, className = '' }: { failure: Failure; className?: string }) {
  return (
    <div role="alert" className={`form-alert homeserver-error ${className}`.trim()}>
      <p>
        {failure.what}: {failure.message}
      </p>
      {failure.issues.length > 0 && (
        <ul>
          {failure.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path ? `${issue.path === 'serverName' ? 'Server name' : issue.path}: ` : ''}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Said up front when discovery found nothing to watch: a name that does not resolve is usually a typo. */
function NothingToWatch({ discovery }: { discovery: MatrixDiscovery }) {
  const host = discovery.serverName.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const doesNotResolve = unresolvedHosts(discovery.steps).includes(host);
  return (
    <div role="alert" className="form-alert homeserver-nothing">
      {doesNotResolve ? (
        <p>
          <strong>{host} does not resolve</strong>: no DNS record names it. Check the spelling, or add its DNS records if the server is new. There is
          nothing to monitor yet.
        </p>
      ) : (
        <p>
          <strong>No Matrix homeserver answers for {discovery.serverName}</strong>: neither the federation endpoint nor the client API replied. The steps
          below say what was tried and what failed. There is nothing to monitor yet.
        </p>
      )}
    </div>
  );
}

export function AddHomeserver({ client, onCreated, onCancel }: AddHomeserverProps) {
  const [serverName, setServerName] = useState('');
  const [discovery, setDiscovery] = useState<MatrixDiscovery | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  // Discovery failures show under the name; a refused creation shows beside the button that asked for it.
  const [failure, setFailure] = useState<Failure | null>(null);
  const [createFailure, setCreateFailure] = useState<Failure | null>(null);
  // Only the latest discovery may land: an older, slower answer must not replace it.
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const parsed = serverNameFromInput(serverName);

  const discover = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setCreateFailure(null);
    setDiscovery(null);
    if (!parsed.ok) {
      setFailure({ what: 'Nothing to discover', message: parsed.message, issues: [] });
      input.current?.focus();
      return;
    }
    const request = ++latest.current;
    setBusy('discover');
    client.request('discoverHomeserver', { serverName: parsed.serverName }).then(
      (found) => {
        if (request !== latest.current) return;
        setBusy(null);
        setDiscovery(found);
      },
      (reason: unknown) => {
        if (request !== latest.current) return;
        setBusy(null);
        const error = readContractError(reason);
        setFailure({ what: 'Discovery failed', message: error.message, issues: error.issues });
      },
    );
  };

  const create = () => {
    if (!discovery) return;
    setCreateFailure(null);
    setBusy('create');
    // The name discovery ran for, which is what the user has just reviewed.
    client.request('addHomeserver', { serverName: discovery.serverName }).then(
      (created) => {
        setBusy(null);
        onCreated(created);
      },
      (reason: unknown) => {
        setBusy(null);
        const error = readContractError(reason);
        setCreateFailure({ what: 'The monitors were not created', message: error.message, issues: error.issues });
      },
    );
  };

  const count = discovery ? plannedMonitorCount(discovery) : 0;
  // Nothing answered: there is nothing to create, so no "Create" is offered.
  const creatable = discovery !== null && nothingFound(discovery) === undefined;
  const readAs = parsed.ok && parsed.readAs !== undefined ? parsed : null;

  return (
    <section className="add-homeserver" aria-labelledby="add-homeserver-title">
      <h1 id="add-homeserver-title">Add a Matrix homeserver</h1>
      <p className="homeserver-intro">
        Picket resolves the server name as other homeservers do (well-known delegation, SRV records, port 8448), shows each step, and then watches the
        endpoints it actually found, so a delegated server is not reported down on the wrong port.
      </p>

      <form className="form-section homeserver-discover" noValidate onSubmit={discover}>
        <div className="form-field">
          <label htmlFor="homeserver-name">Server name</label>
          <div className="homeserver-name-row">
            <input
              ref={input}
              id="homeserver-name"
              type="text"
              value={serverName}
              placeholder="example.org"
              autoComplete="off"
              spellCheck={false}
              aria-describedby="homeserver-name-hint"
              onChange={(event) => {
                setServerName(event.target.value);
                // A discovery belongs to the name it ran for; a different name needs its own.
                setDiscovery(null);
                setCreateFailure(null);
              }}
            />
            {/* The primary action until there is a discovery; then "Create" is. */}
            <button type="submit" className={creatable ? undefined : 'button-primary'} disabled={busy !== null}>
              {busy === 'discover' ? 'Discovering…' : 'Discover'}
            </button>
          </div>
          <p id="homeserver-name-hint" className="field-hint">
            {readAs ? (
              <>
                Picket will discover <strong>{readAs.serverName}</strong>, {readAs.readAs}.
              </>
            ) : (
              'Paste a server name (example.org), a user id (@alice:example.org) or the address of your homeserver. A port (example.org:8448) skips delegation, as the spec says.'
            )}
          </p>
        </div>
      </form>

      {failure && <ErrorNotice failure={failure} />}

      <p className="sr-only" role="status">
        {busy === 'discover' ? 'Discovering…' : discovery ? `Discovery of ${discovery.serverName} finished.` : ''}
      </p>

      {discovery && (
        <>
          {!creatable && <NothingToWatch discovery={discovery} />}
          <section className="form-section" aria-labelledby="discovery-outcome-title">
            <h2 id="discovery-outcome-title">What Picket found for {discovery.serverName}</h2>
            <DiscoveryOutcome discovery={discovery} />
          </section>
          <section className="form-section" aria-labelledby="discovery-steps-title">
            <h2 id="discovery-steps-title">Steps</h2>
            <DiscoverySteps steps={discovery.steps} />
          </section>
          {creatable && (
            <p className="field-hint">
              The group {discovery.serverName} will watch {wordList(plannedMonitors(discovery))}. Discovery re-runs daily and the monitors follow a
              changed delegation.
            </p>
          )}
        </>
      )}

      {createFailure && <ErrorNotice failure={createFailure} className="homeserver-create-error" />}
      <div className="form-actions">
        <span className="form-actions-spacer" />
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {creatable && (
          <button type="button" className="button-primary" disabled={busy !== null} onClick={create}>
            {busy === 'create' ? 'Creating…' : `Create ${count} monitors`}
          </button>
        )}
      </div>
    </section>
  );
}
