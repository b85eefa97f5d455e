// One monitor in depth: latency over a chosen range, uptime, incidents, the certificate (TLS) and the last
// results. History is fetched for what is on screen (useMonitorHistory), never kept in the store.
import { useEffect, useState } from 'react';
import type { HistoryRange, MonitorView, PicketClient } from '../../../../electron/shared/contract.ts';
import { LatencyChart } from '../../charts/LatencyChart.tsx';
import { isYoungHistory } from '../../charts/latency-series.ts';
import { CertificatePanel } from './CertificatePanel.tsx';
import { DetailHeader } from './DetailHeader.tsx';
import { IncidentList } from './IncidentList.tsx';
import { MatrixPanel } from './MatrixPanel.tsx';
import { PhaseBreakdown } from './PhaseBreakdown.tsx';
import { RANGES, RangePicker } from './RangePicker.tsx';
import { RecentResults } from './RecentResults.tsx';
import { UptimeTiles } from './UptimeTiles.tsx';
import { useMonitorHistory } from './useMonitorHistory.ts';
import './detail.css';
import { useMonitorView } from '../../store/monitors-store.ts';

export interface MonitorDetailProps {
  client: PicketClient;
  view: MonitorView;
  onEdit: () => void;
  onBack: () => void;
}

export function MonitorDetail({ client, view, onEdit, onBack }: MonitorDetailProps) {
  const { monitor } = view;
  // Uptime as the list shows it: one place in the store, which the history answers keep current.
  const storedView = useMonitorView(monitor.id);
  // The user's choice wins; until then 24 h, or 1 h for a monitor whose whole history fits in the hour.
  const [chosen, setChosen] = useState<HistoryRange | null>(null);
  const [young, setYoung] = useState(false);
  const range: HistoryRange = chosen ?? (young ? '1h' : '24h');
  const { history, loading, error, reload } = useMonitorHistory(client, monitor.id, range);
  useEffect(() => {
    if (chosen === null && !young && history?.range === '24h' && isYoungHistory(history.buckets, Date.now())) setYoung(true);
  }, [chosen, young, history]);
  const option = RANGES.find((r) => r.range === range) ?? RANGES[1]!;
  const current = history && history.range === range ? history : null;
  // The window ends now; a period inside it without a bucket is drawn as a gap.
  const to = Date.now();
  const certificate = view.lastResult?.certificate;

  return (
    <article className="monitor-detail" aria-labelledby="detail-name">
      <DetailHeader client={client} view={view} onEdit={onEdit} onBack={onBack} onChecked={reload} />

      <section className="detail-section" aria-labelledby="detail-latency">
        <div className="detail-section-head">
          <h2 id="detail-latency">Latency</h2>
          <RangePicker value={range} onChange={setChosen} />
        </div>
        {error && (
          <p role="alert" className="detail-error">
            Could not load the history: {error}{' '}
            <button type="button" onClick={reload}>
              Retry
            </button>
          </p>
        )}
        <div aria-busy={loading}>
          {current ? (
            <LatencyChart
              buckets={current.buckets}
              resolution={current.resolution}
              from={to - option.spanMs}
              to={to}
              rangeLabel={option.spoken}
              recent={current.recent}
            />
          ) : (
            !error && <p className="detail-muted-text">Loading history…</p>
          )}
        </div>
        <h3>Latest check by phase</h3>
        <PhaseBreakdown timings={view.lastResult?.timings} />
      </section>

      <section className="detail-section" aria-labelledby="detail-uptime">
        <h2 id="detail-uptime">Uptime</h2>
        <UptimeTiles uptime={storedView?.uptime ?? view.uptime} />
      </section>

      {/* Panels follow what a monitor has (a Matrix endpoint, certificate reminders), not a list of types. */}
      {'hostHeader' in monitor && (
        <section className="detail-section" aria-labelledby="detail-matrix">
          <h2 id="detail-matrix">Matrix</h2>
          <MatrixPanel monitor={monitor} lastResult={view.lastResult} />
        </section>
      )}

      {('expiryWarningDays' in monitor || certificate) && (
        <section className="detail-section" aria-labelledby="detail-certificate">
          <h2 id="detail-certificate">Certificate</h2>
          <CertificatePanel certificate={certificate} reminderDays={'expiryWarningDays' in monitor ? monitor.expiryWarningDays : []} />
        </section>
      )}

      <section className="detail-section" aria-labelledby="detail-incidents">
        <h2 id="detail-incidents">Incidents</h2>
        {history ? <IncidentList incidents={history.incidents} /> : <p className="detail-muted-text">Loading…</p>}
      </section>

      <section className="detail-section" aria-labelledby="detail-results">
        <h2 id="detail-results">Recent results</h2>
        {history ? <RecentResults results={history.recent} /> : <p className="detail-muted-text">Loading…</p>}
      </section>
    </article>
  );
}
