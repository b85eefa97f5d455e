// Latency over a range as hand-drawn SVG. Why not a library: a range is a few hundred to ~1,500 points,
// which SVG draws in well under a frame; no dependency to audit; nothing injects <style> or eval, so the
// strict CSP (style-src 'self') holds. Text lives in HTML around the SVG, so the SVG can stretch freely.
import type { RollupBucket, RollupResolution } from '../../../electron/shared/history-types.ts';
import { formatLatency } from '../views/detail/format.ts';
import { RESOLUTION_MS, bandPath, latencySegments, linearScale, meanLinePath, niceCeiling } from './latency-path.ts';
import './chart.css';

const WIDTH = 1000;
const HEIGHT = 200;

export interface LatencyChartProps {
  buckets: readonly RollupBucket[];
  resolution: RollupResolution;
  /** The visible window, epoch ms; periods inside it without a bucket show as gaps. */
  from: number;
  to: number;
  /** Describes the range for screen readers: "the last 24 hours". */
  rangeLabel: string;
}

export function LatencyChart({ buckets, resolution, from, to, rangeLabel }: LatencyChartProps) {
  const segments = latencySegments(buckets, RESOLUTION_MS[resolution]);
  const points = segments.flat();
  if (points.length === 0) {
    return <p className="chart-empty">No latency recorded in {rangeLabel}.</p>;
  }
  const top = niceCeiling(Math.max(...points.map((p) => p.max)));
  const scale = {
    // Points sit mid-bucket so a one-bucket segment is not drawn at the period's edge.
    x: (at: number) => linearScale([from, to], [0, WIDTH])(at + RESOLUTION_MS[resolution] / 2),
    y: linearScale([0, top], [HEIGHT, 0]),
  };
  const mean = points.reduce((sum, p) => sum + p.mean, 0) / points.length;
  const gaps = Math.max(0, segments.length - 1);
  const summary = `Latency over ${rangeLabel}: average ${formatLatency(mean)}, highest ${formatLatency(Math.max(...points.map((p) => p.max)))}${
    gaps > 0 ? `, ${gaps} ${gaps === 1 ? 'gap' : 'gaps'} without data` : ''
  }.`;
  const singles = segments.filter((segment) => segment.length === 1).map((segment) => segment[0]!);

  return (
    <figure className="latency-chart">
      <div className="latency-chart-plot">
        <div className="latency-chart-axis" aria-hidden="true">
          <span>{formatLatency(top)}</span>
          <span>{formatLatency(top / 2)}</span>
          <span>0 ms</span>
        </div>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary}>
          <line className="latency-chart-grid" x1={0} x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} />
          <line className="latency-chart-grid" x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} />
          <path className="latency-chart-band" d={bandPath(segments, scale)} data-testid="latency-band" />
          <path className="latency-chart-mean" d={meanLinePath(segments, scale)} data-testid="latency-mean" />
          {singles.map((p) => (
            // An isolated bucket has no neighbour to draw a line to: a short tick keeps it visible.
            <line key={p.at} className="latency-chart-mean" x1={scale.x(p.at) - 2} x2={scale.x(p.at) + 2} y1={scale.y(p.mean)} y2={scale.y(p.mean)} />
          ))}
        </svg>
      </div>
      <div className="latency-chart-time" aria-hidden="true">
        <span>{new Date(from).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</span>
        <span>now</span>
      </div>
      <figcaption className="latency-chart-caption">
        <span className="legend-mean">Mean</span>
        <span className="legend-band">Min–max</span>
        {gaps > 0 && <span>Breaks in the line: no data</span>}
      </figcaption>
    </figure>
  );
}
