// History shapes the engine and the UIs agree on: rollup buckets and uptime figures.
// Plain TypeScript only: no Node, no Electron.
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time.ts';

/** How a result counts in history; the engine passes 'unknown' for results it attributes to sleep or a lost network. */
export type ResultOutcome = 'up' | 'warning' | 'down' | 'unknown';

export type RollupResolution = 'minute' | 'hour' | 'day';

/** How long one bucket of each resolution lasts. */
export const RESOLUTION_MS: Readonly<Record<RollupResolution, number>> = {
  minute: MINUTE_MS,
  hour: HOUR_MS,
  day: DAY_MS,
};

/** One UTC minute, hour or day of a monitor's results. A period without results has no bucket (a gap). */
export interface RollupBucket {
  /** Epoch milliseconds, start of the UTC period. */
  start: number;
  up: number;
  warning: number;
  down: number;
  unknown: number;
  /** Over results that got an answer (up and warning with a latency); null when there were none. */
  latencyMin: number | null;
  latencyMean: number | null;
  latencyMax: number | null;
}

export interface UptimeReport {
  /** (up + warning) / (up + warning + down); unknown is excluded; null when there is no data. */
  ratio: number | null;
  up: number;
  down: number;
  warning: number;
  unknown: number;
}

export interface UptimeSummary {
  h24: number | null;
  d7: number | null;
  d30: number | null;
  d365: number | null;
}
