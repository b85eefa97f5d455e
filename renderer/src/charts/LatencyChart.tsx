// Latency over a range, drawn by uPlot (small, fast, canvas): axes that fit any width, a hover read-out and
// drag-to-zoom. CSP-safe: uPlot neither evals nor injects <style>; it sizes elements through the CSSOM, which
// style-src 'self' allows, and its stylesheet is bundled like ours. Words around the canvas are HTML.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RollupBucket, RollupResolution } from '../../../electron/shared/history-types.ts';
import type { CheckResult } from '../../../electron/shared/types.ts';
import { formatLatency } from '../views/detail/format.ts';
import { latencySeries, readoutAt, type LatencyReadout, type LatencySeries } from './latency-series.ts';
import { LatencyReadoutView } from './LatencyReadoutView.tsx';
import './chart.css';

const PLOT_HEIGHT = 220;

export interface LatencyChartProps {
  buckets: readonly RollupBucket[];
  resolution: RollupResolution;
  /** The visible window, epoch ms; periods inside it without a bucket show as gaps. */
  from: number;
  to: number;
  /** Describes the range for screen readers: "the last 24 hours". */
  rangeLabel: string;
  /** The last results, for the phases of a hovered check. */
  recent?: readonly CheckResult[];
}

/** happy-dom and other canvas-less hosts: the summary and the read-out stay, the drawing is skipped. */
function canDraw(): boolean {
  return document.createElement('canvas').getContext('2d') !== null;
}

/** Colours come from CSS (light-dark() pairs), resolved through a real property on marker elements. */
function colourOf(root: HTMLElement, marker: string): string {
  const element = root.querySelector<HTMLElement>(`.${marker}`);
  return element ? getComputedStyle(element).color : '#2563eb';
}

/** The window the x axis shows, read when uPlot asks: "now" moves on without rebuilding the plot. */
interface TimeWindow {
  from: number;
  to: number;
}

/** What the x axis shows: the zoom the user dragged (seconds), else the whole window. */
interface XView {
  window: TimeWindow;
  zoom: { min: number; max: number } | null;
}

function plotOptions(root: HTMLElement, width: number, view: { current: XView }, onCursor: (index: number | null) => void, onZoom: (zoomed: boolean) => void): uPlot.Options {
  const line = colourOf(root, 'latency-chart-colour-mean');
  const muted = colourOf(root, 'latency-chart-colour-axis');
  const grid = colourOf(root, 'latency-chart-colour-grid');
  const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width,
    height: PLOT_HEIGHT,
    legend: { show: false },
    // Room at the right for the last time label, which uPlot centres on its tick.
    padding: [12, 28, 0, 0],
    // A drag selects; the setSelect hook turns the selection into the zoom (kept across new data).
    cursor: { drag: { x: true, y: false, setScale: false }, points: { size: 7 } },
    scales: {
      x: { time: true, range: () => (view.current.zoom ? [view.current.zoom.min, view.current.zoom.max] : [view.current.window.from / 1000, view.current.window.to / 1000]) },
      y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
    },
    series: [
      {},
      // Points show by themselves where there is room (a young monitor, a zoom), so a lone bucket is visible.
      { label: 'Mean', stroke: line, width: 2, spanGaps: false, points: { size: 5, fill: line } },
      { label: 'Min', stroke: 'transparent', spanGaps: false, points: { show: false } },
      { label: 'Max', stroke: 'transparent', spanGaps: false, points: { show: false } },
    ],
    bands: [{ series: [3, 2], fill: line.replace(/^rgb\((.*)\)$/, 'rgba($1, 0.18)') }],
    axes: [
      { ...axis, size: 52 },
      { ...axis, size: 64, values: (_u, ticks) => ticks.map((ms) => formatLatency(ms)) },
    ],
    hooks: {
      setCursor: [(u) => onCursor(u.cursor.idx ?? null)],
      setSelect: [
        (u) => {
          if (u.select.width < 5) return;
          view.current.zoom = { min: u.posToVal(u.select.left, 'x'), max: u.posToVal(u.select.left + u.select.width, 'x') };
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          u.setScale('x', view.current.zoom);
          onZoom(true);
        },
      ],
    },
  };
}

export function LatencyChart({ buckets, resolution, from, to, rangeLabel, recent = [] }: LatencyChartProps) {
  const series: LatencySeries = useMemo(() => latencySeries(buckets, resolution), [buckets, resolution]);
  const figure = useRef<HTMLElement>(null);
  const canvasHost = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const [zoomed, setZoomed] = useState(false);
  const values = series.points.filter((p) => p !== null);

  const view = useRef<XView>({ window: { from, to }, zoom: null });
  const spanMs = to - from;
  const hasValues = values.length > 0;
  const latestColumns = useRef(series.columns);
  // The plot reads these when it draws: kept current after each render, before the effects below run.
  useLayoutEffect(() => {
    view.current.window = { from, to };
    latestColumns.current = series.columns;
  });

  // One plot per range: new data and a moving "now" update it in place, so a zoom survives new results.
  useEffect(() => {
    const host = canvasHost.current;
    const root = figure.current;
    if (!host || !root || !hasValues || !canDraw()) return;
    const shownView = view.current;
    const u = new uPlot(plotOptions(root, Math.max(200, host.clientWidth), view, setHovered, setZoomed), latestColumns.current, host);
    plot.current = u;
    // The plot follows its box: at 1280, 1600 or 1920 px the axes are laid out for the width it really has.
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, host.clientWidth), height: PLOT_HEIGHT }));
    resize.observe(host);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
      shownView.zoom = null;
      setZoomed(false);
      setHovered(null);
    };
  }, [spanMs, hasValues]);

  useEffect(() => {
    plot.current?.setData(series.columns);
  }, [series]);

  if (values.length === 0) {
    return <p className="chart-empty">No latency recorded in {rangeLabel}.</p>;
  }
  const mean = values.reduce((sum, p) => sum + p.mean, 0) / values.length;
  const gaps = series.points.length - values.length;
  const summary = `Latency over ${rangeLabel}: average ${formatLatency(mean)}, highest ${formatLatency(Math.max(...values.map((p) => p.max)))}${
    gaps > 0 ? `, ${gaps} ${gaps === 1 ? 'gap' : 'gaps'} without data` : ''
  }.`;
  const readout: LatencyReadout | null = readoutAt(series, hovered, recent);

  return (
    <figure className="latency-chart" ref={figure}>
      {/* Marker elements whose CSS colour the canvas uses, so the chart follows the theme. */}
      <span className="latency-chart-colour-mean" hidden />
      <span className="latency-chart-colour-axis" hidden />
      <span className="latency-chart-colour-grid" hidden />
      <div className="latency-chart-plot" ref={canvasHost} role="img" aria-label={summary} data-points={values.length} data-gaps={gaps} />
      <div className="latency-chart-below">
        <figcaption className="latency-chart-caption">
          <span className="legend-mean">Mean</span>
          <span className="legend-band">Min–max</span>
          {gaps > 0 && <span>Breaks in the line: no data</span>}
          <span className="latency-chart-hint">Drag across the chart to zoom{zoomed ? '' : ', hover for details'}.</span>
          {zoomed && (
            <button type="button" className="latency-chart-reset" onClick={() => {
                view.current.zoom = null;
                setZoomed(false);
                plot.current?.setScale('x', { min: from / 1000, max: to / 1000 });
              }}>
              Show the whole range
            </button>
          )}
        </figcaption>
        <LatencyReadoutView readout={readout} />
      </div>
    </figure>
  );
}
