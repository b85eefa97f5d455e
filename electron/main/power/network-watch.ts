// The OS's own view of connectivity for the engine's offline guard. Electron's main process only has
// net.isOnline() (no event), so it is polled; the engine hears only changes.
import { systemClearTimer, systemSetTimer, type ClearTimer, type SetTimer } from '../tray/timers.ts';

export interface NetworkSource {
  setSystemOnline(online: boolean): void;
}

export interface NetworkWatchOptions {
  /** Electron's net.isOnline. */
  isOnline(): boolean;
  source: NetworkSource;
  /** Default 5 s: quick enough that a lost connection grays the tray before checks fail. */
  intervalMs?: number;
  /** What the engine assumes before it is told: online (the offline guard's default). */
  initialOnline?: boolean;
  /** Called after each change was forwarded (the tray redraws its gray "offline" icon). */
  onChange?: (online: boolean) => void;
  setTimer?: SetTimer;
  clearTimer?: ClearTimer;
}

/** Reads once at once, then every intervalMs. Returns the stop function. */
export function watchNetwork(opts: NetworkWatchOptions): () => void {
  if (typeof opts.isOnline !== 'function') throw new Error('watchNetwork: isOnline must be a function');
  if (!opts.source || typeof opts.source.setSystemOnline !== 'function') throw new Error('watchNetwork: source must have setSystemOnline()');
  const intervalMs = opts.intervalMs ?? 5_000;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new Error(`watchNetwork: intervalMs must be > 0, got ${intervalMs}`);
  const setTimer = opts.setTimer ?? systemSetTimer;
  const clearTimer = opts.clearTimer ?? systemClearTimer;

  let known = opts.initialOnline ?? true;
  let timer: unknown = undefined;
  let stopped = false;

  const poll = (): void => {
    timer = undefined;
    if (stopped) return;
    const online = opts.isOnline() === true;
    if (online !== known) {
      known = online;
      opts.source.setSystemOnline(online);
      opts.onChange?.(online);
    }
    // Chained timeouts, not setInterval: a slow poll never piles up behind itself.
    if (!stopped) timer = setTimer(poll, intervalMs);
  };
  poll();

  return () => {
    stopped = true;
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };
}
