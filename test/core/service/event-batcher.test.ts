import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResultBatcher } from '../../../electron/core/service/event-batcher.ts';
import type { CheckResult } from '../../../electron/shared/types.ts';

const result = (monitorId: string): CheckResult => ({ monitorId, status: 'up', at: 1, latencyMs: 1, message: 'ok' });

afterEach(() => {
  vi.useRealTimers();
});

describe('ResultBatcher', () => {
  it('emits one array per period, starting the period at the first result', () => {
    vi.useFakeTimers();
    const batches: string[][] = [];
    const batcher = new ResultBatcher(250, (batch) => batches.push(batch.map((r) => r.monitorId)));
    batcher.add(result('a'));
    vi.advanceTimersByTime(200);
    batcher.add(result('b'));
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([['a', 'b']]);
    batcher.add(result('c'));
    vi.advanceTimersByTime(250);
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });

  it('flushes what is pending at once, and emits nothing for an empty batch', () => {
    vi.useFakeTimers();
    const batches: number[] = [];
    const batcher = new ResultBatcher(250, (batch) => batches.push(batch.length));
    batcher.flush();
    batcher.add(result('a'));
    batcher.flush();
    vi.advanceTimersByTime(1_000);
    expect(batches).toEqual([1]);
  });

  it('refuses a negative period, naming the option', () => {
    expect(() => new ResultBatcher(-1, () => undefined)).toThrow(/eventBatchMs/);
  });
});
