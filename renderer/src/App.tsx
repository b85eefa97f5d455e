// The dashboard shell: header with the overall summary, hash navigation between the views, the theme,
// and the connection banner. Views get the client and the data they show; the store is fed here, once.
import { Fragment, useEffect } from 'react';
import type { MonitorConfig } from '../../electron/shared/config-validation.ts';
import type { PicketClient } from '../../electron/shared/contract.ts';
import type { MonitorState } from '../../electron/shared/types.ts';
import { ProblemBanner } from './components/ProblemBanner.tsx';
import { STATE_LABEL } from './components/state-meta.ts';
import { useThemeClass } from './components/use-theme-class.ts';
import { leave, navigate, parseRoute, useHash, type Route } from './store/hash-route.ts';
import {
  connectStore,
  loadSnapshot,
  monitorsStore,
  upsertHomeserver,
  upsertMonitor,
  useConnection,
  useMonitorDetail,
  useMonitorItem,
  useSettings,
  useStateCounts,
} from './store/monitors-store.ts';
import { MonitorDetail } from './views/detail/MonitorDetail.tsx';
import { MonitorForm } from './views/form/MonitorForm.tsx';
import { AddHomeserver } from './views/homeserver/AddHomeserver.tsx';
import { MonitorList } from './views/list/MonitorList.tsx';
import { SettingsView } from './views/settings/SettingsView.tsx';
import { SignedOut } from './views/signed-out/SignedOut.tsx';
import './styles/app.css';

/** Up first (the reassuring number), then whatever needs attention. */
const SUMMARY_ORDER: readonly MonitorState[] = ['up', 'down', 'pending', 'warning', 'unknown', 'paused'];

function Summary() {
  const counts = useStateCounts();
  const parts = SUMMARY_ORDER.filter((state) => counts[state] > 0);
  const down = counts.down;
  useEffect(() => {
    // The browser tab (web mode) says at a glance whether anything is down.
    document.title = down > 0 ? `Picket — ${down} down` : 'Picket';
  }, [down]);
  if (parts.length === 0) return null;
  return (
    <p className="app-summary">
      {parts.map((state, i) => (
        <Fragment key={state}>
          {i > 0 && ' · '}
          <span className={state === 'down' ? 'summary-down' : undefined}>
            {counts[state]} {STATE_LABEL[state].toLowerCase()}
          </span>
        </Fragment>
      ))}
    </p>
  );
}

function ConnectionBanner({ client }: { client: PicketClient }) {
  const { connection, error } = useConnection();
  if (connection === 'error') {
    return (
      <div className="banner banner-error" role="alert">
        Could not load monitors: {error}
        <button
          type="button"
          onClick={() => {
            monitorsStore.setState({ connection: 'loading', error: null });
            void loadSnapshot(client);
          }}
        >
          Try again
        </button>
      </div>
    );
  }
  if (connection === 'reconnecting') {
    return (
      <div className="banner" role="status">
        Connection to Picket lost; reconnecting. What you see may be out of date.
      </div>
    );
  }
  return null;
}

/** A monitor listed but whose full view is on its way. */
function LoadingMonitor() {
  return <p role="status">Loading…</p>;
}

/** A monitor that is not in the store: still loading, or removed (a stale bookmark, another window). */
function MissingMonitor() {
  const { connection } = useConnection();
  if (connection === 'loading') return <p role="status">Loading…</p>;
  return (
    <div className="banner" role="alert">
      This monitor does not exist any more.
      <button type="button" onClick={() => navigate({ name: 'list' })}>
        Back to the list
      </button>
    </div>
  );
}

function DetailRoute({ client, id }: { client: PicketClient; id: string }) {
  const listed = useMonitorItem(id) !== undefined;
  const view = useMonitorDetail(client, id);
  if (!listed) return <MissingMonitor />;
  if (!view) return <LoadingMonitor />;
  return <MonitorDetail client={client} view={view} onEdit={() => navigate({ name: 'edit', id })} onBack={() => leave({ name: 'list' })} />;
}

function EditRoute({ client, id }: { client: PicketClient; id: string }) {
  const listed = useMonitorItem(id) !== undefined;
  const view = useMonitorDetail(client, id);
  if (!listed) return <MissingMonitor />;
  if (!view) return <LoadingMonitor />;
  // The public monitor is a complete config; its secrets are REDACTED, which the engine reads as "keep".
  const initial: MonitorConfig = { ...view.monitor };
  return (
    <MonitorForm
      key={id}
      client={client}
      initial={initial}
      onSaved={(saved) => {
        upsertMonitor(saved);
        leave({ name: 'detail', id });
      }}
      onCancel={() => leave({ name: 'detail', id })}
    />
  );
}

function RouteView({ client, route }: { client: PicketClient; route: Route }) {
  const settings = useSettings();
  switch (route.name) {
    case 'list':
      return (
        <MonitorList
          client={client}
          onOpen={(id) => navigate({ name: 'detail', id })}
          onAdd={() => navigate({ name: 'add' })}
          onAddHomeserver={() => navigate({ name: 'add-homeserver' })}
        />
      );
    case 'detail':
      return <DetailRoute client={client} id={route.id} />;
    case 'edit':
      return <EditRoute client={client} id={route.id} />;
    case 'add':
      return (
        <MonitorForm
          client={client}
          onSaved={(saved) => {
            upsertMonitor(saved);
            navigate({ name: 'detail', id: saved.monitor.id });
          }}
          onCancel={() => leave({ name: 'list' })}
        />
      );
    case 'add-homeserver':
      return (
        <AddHomeserver
          client={client}
          onCreated={({ group, monitors }) => {
            // Shown at once; the 'monitors' and 'homeservers' events confirm it.
            for (const view of monitors) upsertMonitor(view);
            upsertHomeserver(group);
            navigate({ name: 'list' });
          }}
          onCancel={() => leave({ name: 'list' })}
        />
      );
    case 'settings':
      return settings ? <SettingsView client={client} settings={settings} inBrowser={!('picket' in window)} onClose={() => leave({ name: 'list' })} /> : <p role="status">Loading…</p>;
  }
}

export function App({ client }: { client: PicketClient }) {
  useEffect(() => connectStore(client), [client]);
  const route = parseRoute(useHash());
  const { connection } = useConnection();
  const settings = useSettings();
  useThemeClass(settings?.theme ?? 'system');

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">
          <a href="#/">Picket</a>
        </h1>
        <Summary />
        <nav className="app-actions" aria-label="Main">
          <button type="button" className="button-primary" onClick={() => navigate({ name: 'add' })}>
            Add monitor
          </button>
          <button type="button" onClick={() => navigate({ name: 'add-homeserver' })} aria-current={route.name === 'add-homeserver' ? 'page' : undefined}>
            Add homeserver
          </button>
          <button type="button" onClick={() => navigate({ name: 'settings' })} aria-current={route.name === 'settings' ? 'page' : undefined}>
            Settings
          </button>
        </nav>
      </header>
      <main className="app-main">
        {connection === 'signed-out' ? (
          <SignedOut />
        ) : (
          <>
            <ConnectionBanner client={client} />
            <ProblemBanner />
            <RouteView client={client} route={route} />
          </>
        )}
      </main>
    </div>
  );
}
