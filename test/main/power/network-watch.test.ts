import { describe, expect, it, vi } from 'vitest';
import { watchNetwork } from '../../../electron/main/power/network-watch.ts';
import { ManualTimers } from '../tray/view-fixtures.ts';

function setup(readings: boolean[], initialOnline?: boolean) {
  const timers = new ManualTimers();
  const queue = [...readings];
  let last = true;
  const isOnline = (): boolean => {
    last = queue.shift() ?? last;
    return last;
  };
  const source = { setSystemOnline: vi.fn<(online: boolean) => void>() };
  const onChange = vi.fn<(online: boolean) => void>();
  const stop = watchNetwork({
    isOnline,
    source,
    onChange,
    intervalMs: 5_000,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    ...(initialOnline === undefined ? {} : { initialOnline }),
  });
  return { timers, source, onChange, stop };
}

describe('watchNetwork', () => {
  it('forwards only changes, polling every interval', () => {
    const t = setup([true, true, false, false, false, true, true]);
    t.timers.advance(6 * 5_000);
    expect(t.source.setSystemOnline.mock.calls).toEqual([[false], [true]]);
    expect(t.onChange.mock.calls).toEqual([[false], [true]]);
  });

  it('tells the engine at once when the app starts offline, and nothing when it starts online', () => {
    expect(setup([false]).source.setSystemOnline.mock.calls).toEqual([[false]]);
    expect(setup([true]).source.setSystemOnline).not.toHaveBeenCalled();
  });

  it('compares the first reading with what the engine was told before', () => {
    expect(setup([true], false).source.setSystemOnline.mock.calls).toEqual([[true]]);
  });

  it('stops polling when stopped', () => {
    const t = setup([true, false]);
    t.stop();
    expect(t.timers.pending).toBe(0);
    t.timers.advance(60_000);
    expect(t.source.setSystemOnline).not.toHaveBeenCalled();
  });

  it('rejects a bad interval, naming it', () => {
    expect(() => watchNetwork({ isOnline: () => true, source: { setSystemOnline: vi.fn() }, intervalMs: 0 })).toThrow(/intervalMs must be > 0/);
  });
});
