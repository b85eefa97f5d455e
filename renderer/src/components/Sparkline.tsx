// Latency of the last checks as a tiny SVG line. Hand-drawn: thirty points need no chart library, and
// SVG scales crisply and takes its colour from CSS variables (both themes). A check without an answer
// (null) breaks the line, so a gap is shown as a gap rather than a dip to zero.
import { formatLatency } from './format.ts';

export interface SparklineProps {
  values: ReadonlyArray<number | null>;
  width?: number;
  height?: number;
  /** What the numbers are, for the accessible name. */
  label?: string;
}

/** Splits the series at nulls into runs of "x,y" points. */
export function sparklineSegments(values: ReadonlyArray<number | null>, width: number, height: number): string[] {
  const numbers = values.filter((v): v is number => v !== null);
  if (numbers.length === 0) return [];
  const max = Math.max(...numbers);
  const min = Math.min(...numbers);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const pad = 1.5; // keeps the stroke inside the box at the extremes
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
      return;
    }
    const x = values.length > 1 ? index * step : width / 2;
    const y = pad + (height - 2 * pad) * (1 - (value - min) / span);
    current.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current.join(' '));
  return segments;
}

export function Sparkline({ values, width = 96, height = 24, label = 'Latency' }: SparklineProps) {
  const numbers = values.filter((v): v is number => v !== null);
  if (numbers.length === 0) {
    return (
      <span className="sparkline-empty" role="img" aria-label={`${label}: no data yet`}>
        no data
      </span>
    );
  }
  const segments = sparklineSegments(values, width, height);
  const summary = `${label}, last ${values.length} checks: ${formatLatency(Math.min(...numbers))} to ${formatLatency(Math.max(...numbers))}`;
  return (
    <svg className="sparkline" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={summary}>
      {segments.map((points, i) =>
        points.includes(' ') ? (
          <polyline key={i} points={points} className="sparkline-line" />
        ) : (
          // A lone point between gaps would be invisible as a line.
          <circle key={i} cx={points.split(',')[0]} cy={points.split(',')[1]} r="1.5" className="sparkline-dot" />
        ),
      )}
    </svg>
  );
}
