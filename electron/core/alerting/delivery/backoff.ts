// How long to wait before retrying a delivery: exponential, capped, with jitter so many queued messages (or many
// Picket instances) do not all retry in the same second.
import { MINUTE_MS, SECOND_MS } from '../../../shared/time.ts';

export interface BackoffOptions {
  /** Wait after the first failure. Default 5 s. */
  baseMs: number;
  /** Longest wait. Default 30 min. */
  maxMs: number;
  /** Random source in [0, 1); tests pass a fixed one. */
  random: () => number;
}

const DEFAULTS: BackoffOptions = { baseMs: 5 * SECOND_MS, maxMs: 30 * MINUTE_MS, random: Math.random };

/** The wait after `failures` failed attempts (1, 2, ...): base * 2^(failures-1), capped, then between half and all of it. */
export function backoffDelay(failures: number, options: Partial<BackoffOptions> = {}): number {
  const { baseMs, maxMs, random } = { ...DEFAULTS, ...options };
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
