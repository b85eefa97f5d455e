// Number formatting shared by the list and the detail view; "—" stands for "no data", never for zero.
export const NO_DATA = '—';

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return NO_DATA;
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}

/** 0.99951 -> "99.95%"; 1 -> "100%". Floors, so a bad day never rounds up to a perfect one. */
export function formatUptime(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return NO_DATA;
  if (ratio >= 1) return '100%';
  return `${(Math.floor(ratio * 10_000) / 100).toFixed(2)}%`;
}
