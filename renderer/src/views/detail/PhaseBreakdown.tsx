// Where the latest check spent its time, as one stacked bar with a labelled legend (not colour alone).
import type { PhaseTimings } from '../../../../electron/shared/types.ts';
import { formatLatency } from './format.ts';
import { CHECK_PHASES as PHASES } from '../../components/check-phases.ts';

export function PhaseBreakdown({ timings }: { timings: PhaseTimings | undefined }) {
  const phases = PHASES.flatMap((phase) => {
    const ms = timings?.[phase.key];
    return ms === undefined ? [] : [{ ...phase, ms }];
  });
  if (!timings || phases.length === 0) {
    return <p className="detail-muted-text">No phase timings for the latest check.</p>;
  }
  // The rest of the total (reading the body, say) is shown too, so the bar adds up to what was measured.
  const known = phases.reduce((sum, phase) => sum + phase.ms, 0);
  const total = Math.max(timings.totalMs, known, 1);
  const rest = Math.max(0, total - known);
  return (
    <div className="phase-breakdown">
      <div className="phase-bar" role="img" aria-label={`Latest check: ${phases.map((p) => `${p.label} ${formatLatency(p.ms)}`).join(', ')}, total ${formatLatency(timings.totalMs)}`}>
        {phases.map((phase) => (
          <span key={phase.key} className={`phase phase-${phase.key}`} style={{ width: `${(phase.ms / total) * 100}%` }} />
        ))}
        {rest > 0 && <span className="phase phase-rest" style={{ width: `${(rest / total) * 100}%` }} />}
      </div>
      <ul className="phase-legend">
        {phases.map((phase) => (
          <li key={phase.key}>
            <span className={`phase-swatch phase-${phase.key}`} aria-hidden="true" />
            {phase.label} <strong>{formatLatency(phase.ms)}</strong>
          </li>
        ))}
        {rest > 0 && (
          <li>
            <span className="phase-swatch phase-rest" aria-hidden="true" />
            Rest <strong>{formatLatency(rest)}</strong>
          </li>
        )}
        <li>
          Total <strong>{formatLatency(timings.totalMs)}</strong>
        </li>
      </ul>
    </div>
  );
}
