// Rollup arithmetic: one bucket's counts and latency, built from results and merged from additive deltas.
// Latency keeps sum and count (not the mean) so that deltas written at different times merge exactly.
import type { ResultOutcome, RollupBucket } from '../../shared/history-types.ts';

export interface RollupAccumulator {
  start: number;
  up: number;
  warning: number;
  down: number;
  unknown: number;
  latencyCount: number;
  latencySum: number;
  latencyMin: number | null;
  latencyMax: number | null;
}

export function emptyAccumulator(start: number): RollupAccumulator {
  return { start, up: 0, warning: 0, down: 0, unknown: 0, latencyCount: 0, latencySum: 0, latencyMin: null, latencyMax: null };
}

/** Latency is only meaningful for answers we accepted: a refusal's 2 ms would flatter a down service. */
export function addOutcome(acc: RollupAccumulator, outcome: ResultOutcome, latencyMs: number | null): void {
  acc[outcome] += 1;
  if ((outcome === 'up' || outcome === 'warning') && latencyMs !== null && Number.isFinite(latencyMs)) {
    acc.latencyCount += 1;
    acc.latencySum += latencyMs;
    acc.latencyMin = acc.latencyMin === null ? latencyMs : Math.min(acc.latencyMin, latencyMs);
    acc.latencyMax = acc.latencyMax === null ? latencyMs : Math.max(acc.latencyMax, latencyMs);
  }
}

export function mergeAccumulator(target: RollupAccumulator, delta: RollupAccumulator): void {
  target.up += delta.up;
  target.warning += delta.warning;
  target.down += delta.down;
  target.unknown += delta.unknown;
  target.latencyCount += delta.latencyCount;
  target.latencySum += delta.latencySum;
  if (delta.latencyMin !== null) target.latencyMin = target.latencyMin === null ? delta.latencyMin : Math.min(target.latencyMin, delta.latencyMin);
  if (delta.latencyMax !== null) target.latencyMax = target.latencyMax === null ? delta.latencyMax : Math.max(target.latencyMax, delta.latencyMax);
}

export function toRollupBucket(acc: RollupAccumulator): RollupBucket {
  return {
    start: acc.start,
    up: acc.up,
    warning: acc.warning,
    down: acc.down,
    unknown: acc.unknown,
    latencyMin: acc.latencyMin,
    latencyMean: acc.latencyCount === 0 ? null : acc.latencySum / acc.latencyCount,
    latencyMax: acc.latencyMax,
  };
}

/** On disk a row is a compact JSON array: [monitorId, start, up, warning, down, unknown, latencyCount, latencySum, latencyMin, latencyMax]. */
export function encodeRollupRow(monitorId: string, acc: RollupAccumulator): string {
  return JSON.stringify(rollupRowValue(monitorId, acc));
}

export function rollupRowValue(monitorId: string, acc: RollupAccumulator): unknown[] {
  return [
    monitorId,
    acc.start,
    acc.up,
    acc.warning,
    acc.down,
    acc.unknown,
    acc.latencyCount,
    acc.latencySum,
    acc.latencyMin,
    acc.latencyMax,
  ];
}

/** The line prefix every row of this monitor starts with: lets readers skip other monitors without parsing. */
export function rollupRowPrefix(monitorId: string): string {
  return `[${JSON.stringify(monitorId)},`;
}

export interface DecodedRollupRow {
  monitorId: string;
  acc: RollupAccumulator;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isLatency = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));

/** Null for anything that is not a well-formed row, so a damaged line is skipped rather than miscounted. */
export function decodeRollupRow(value: unknown): DecodedRollupRow | null {
  if (!Array.isArray(value) || value.length !== 10) return null;
  const [monitorId, start, up, warning, down, unknown, latencyCount, latencySum, latencyMin, latencyMax] = value as unknown[];
  if (typeof monitorId !== 'string' || typeof start !== 'number' || !Number.isFinite(start)) return null;
  if (!isCount(up) || !isCount(warning) || !isCount(down) || !isCount(unknown) || !isCount(latencyCount)) return null;
  if (typeof latencySum !== 'number' || !Number.isFinite(latencySum) || !isLatency(latencyMin) || !isLatency(latencyMax)) return null;
  return { monitorId, acc: { start, up, warning, down, unknown, latencyCount, latencySum, latencyMin, latencyMax } };
}
