// The default clock (performance.now and Node timers), for real, over a few hundred ms.
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../../electron/core/scheduler/scheduler.ts';
import { tcpMonitor } from './monitors.ts';

describe('Scheduler on the real clock', () => {
  it('checks 50 ms monitors repeatedly on the default clock, without overlap or bursts', async () => {
    const startsById = new Map<string, number[]>();
    const lateness: number[] = [];
    const running = new Set<string>();
    let overlapped = false;
    const scheduler = new Scheduler({
      maxConcurrent: 2,
      firstCheckGapMs: 0,
      minIntervalMs: 10,
      onLateness: (_id, ms) => lateness.push(ms),
      runCheck: async (monitor) => {
        if (running.has(monitor.id)) overlapped = true;
        running.add(monitor.id);
        startsById.set(monitor.id, [...(startsById.get(monitor.id) ?? []), performance.now()]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running.delete(monitor.id);
      },
    });
    const began = performance.now();
    scheduler.start([tcpMonitor('a', 0.05), tcpMonitor('b', 0.05), tcpMonitor('c', 0.05)]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await scheduler.stop();
    const elapsedMs = performance.now() - began;

    for (const id of ['a', 'b', 'c']) {
      const count = startsById.get(id)?.length ?? 0;
      // Ideally one every 50 ms; a busy shared machine may lose some, but never more than one per tick.
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(Math.floor(elapsedMs / 50) + 1);
    }
    expect(overlapped).toBe(false);
    expect(lateness.length).toBeGreaterThanOrEqual(9);
    for (const ms of lateness) expect(ms).toBeGreaterThanOrEqual(0);
    expect(scheduler.stats()).toEqual({ inFlight: 0, queued: 0, monitors: 0 });
  });
});
