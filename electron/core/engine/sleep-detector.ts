// Notices that the machine slept when nothing tells us (the CLI has no powerMonitor): the monotonic
// clock stops during suspend on Linux and macOS while the wall clock keeps going, so a tick whose wall
// time ran far ahead of its monotonic time spanned a sleep.

export interface SleepDetectorOptions {
  onWake: (sleptMs: number) => void;
  /** How often to compare the clocks. */
  tickMs?: number;
  /** Wall time beyond monotonic time that counts as a sleep (absorbs NTP adjustments and a blocked loop). */
  thresholdMs?: number;
  wallNow?: () => number;
  monotonicNow?: () => number;
}

export function startSleepDetector(options: SleepDetectorOptions): () => void {
  const tickMs = options.tickMs ?? 5_000;
  const thresholdMs = options.thresholdMs ?? 15_000;
  const wallNow = options.wallNow ?? Date.now;
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  let lastWall = wallNow();
  let lastMonotonic = monotonicNow();
  const timer = setInterval(() => {
    const wall = wallNow();
    const monotonic = monotonicNow();
    const unexplained = wall - lastWall - (monotonic - lastMonotonic);
    lastWall = wall;
    lastMonotonic = monotonic;
    if (unexplained > thresholdMs) options.onWake(unexplained);
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
