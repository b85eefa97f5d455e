// The chart's hover read-out in HTML: when the hovered period is, its mean and min–max, and where the time of
// a check in it went. Live for screen readers; a quiet line while nothing is hovered keeps the height steady.
import { formatLatency } from '../views/detail/format.ts';
import type { LatencyReadout } from './latency-series.ts';
import { DAY_MS } from '../../../electron/shared/time.ts';
import { CHECK_PHASES as PHASES } from '../components/check-phases.ts';

function periodLabel(at: number, stepMs: number): string {
  const start = new Date(at);
  const options: Intl.DateTimeFormatOptions =
    stepMs >= DAY_MS ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  return start.toLocaleString(undefined, options);
}

export function LatencyReadoutView({ readout }: { readout: LatencyReadout | null }) {
  if (!readout) {
    return (
      <p className="latency-readout latency-readout-idle" aria-live="polite">
        Hover the chart to read a point.
      </p>
    );
  }
  const phases = PHASES.flatMap((phase) => {
    const ms = readout.timings?.[phase.key];
    return ms === undefined ? [] : [`${phase.label} ${formatLatency(ms)}`];
  });
  return (
    <dl className="latency-readout" aria-live="polite">
      <dt>Time</dt>
      <dd>{periodLabel(readout.at, readout.stepMs)}</dd>
      <dt>Mean</dt>
      <dd>{formatLatency(readout.mean)}</dd>
      <dt>Min–max</dt>
      <dd>
        {formatLatency(readout.min)}–{formatLatency(readout.max)}
      </dd>
      {phases.length > 0 && (
        <>
          <dt>Phases</dt>
          <dd>{phases.join(' · ')}</dd>
        </>
      )}
    </dl>
  );
}
