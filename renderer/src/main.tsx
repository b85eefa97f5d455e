// A minimal renderer that proves the bridge end to end: it lists the monitors through window.picket and
// refreshes when the monitor list changes. The dashboard replaces it.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { MonitorView } from '../../electron/shared/contract.ts';

function MonitorList() {
  const [monitors, setMonitors] = useState<MonitorView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    window.picket.listMonitors().then(setMonitors, (reason: unknown) => setError(String(reason)));
    return window.picket.on('monitors', setMonitors);
  }, []);

  if (error) return <p role="alert">Could not load monitors: {error}</p>;
  if (!monitors) return <p>Loading…</p>;
  if (monitors.length === 0) return <p>No monitors yet.</p>;
  return (
    <ul>
      {monitors.map((view) => (
        <li key={view.monitor.id}>
          {view.monitor.name}: {view.state}
        </li>
      ))}
    </ul>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('renderer/index.html: the #root element is missing');
createRoot(container).render(
  <StrictMode>
    <h1>Picket</h1>
    <MonitorList />
  </StrictMode>,
);
