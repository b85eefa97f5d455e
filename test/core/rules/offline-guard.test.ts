import { describe, expect, it } from 'vitest';
import { OfflineGuard } from '../../../electron/core/rules/offline-guard.ts';
import { down, up } from './fixtures.ts';

/** A reference probe the test answers by hand, counting how often it was asked. */
function manualProbe(): { probe: () => Promise<boolean>; calls: () => number; answer: (answered: boolean) => void } {
  let calls = 0;
  const pending: Array<(answered: boolean) => void> = [];
  return {
    probe: () => {
      calls++;
      return new Promise<boolean>((resolve) => pending.push(resolve));
    },
    calls: () => calls,
    answer: (answered) => {
      for (const resolve of pending.splice(0)) resolve(answered);
    },
  };
}

function guardWith(answered: boolean, clock = { t: 0 }): { guard: OfflineGuard; calls: () => number; clock: { t: number } } {
  let calls = 0;
  const guard = new OfflineGuard({
    referenceProbe: async () => {
      calls++;
      return answered;
    },
    now: () => clock.t,
  });
  return { guard, calls: () => calls, clock };
}

describe('OfflineGuard', () => {
  it('a lone failure while other monitors answer is real, without probing', async () => {
    const { guard, calls } = guardWith(false);
    expect(await guard.assess(up('a', 1000))).toBe('real');
    expect(await guard.assess(down('b', 5000, 'timeout', 'timed out'))).toBe('real');
    expect(calls()).toBe(0);
    expect(guard.isOffline()).toBe(false);
  });

  it("a monitor's own earlier answer does not excuse its failure", async () => {
    const { guard, calls } = guardWith(false);
    await guard.assess(up('a', 1000));
    expect(await guard.assess(down('a', 2000, 'timeout'))).toBe('offline');
    expect(calls()).toBe(1);
  });

  it('answers older than the window do not count', async () => {
    const { guard, calls } = guardWith(false);
    await guard.assess(up('a', 0));
    expect(await guard.assess(down('b', 31_000, 'dns'))).toBe('offline');
    expect(calls()).toBe(1);
  });

  it('everything failing and the reference failing too: offline, and listeners hear it', async () => {
    const { guard, clock } = guardWith(false);
    const changes: Array<[boolean, number]> = [];
    guard.onChange((offline, at) => changes.push([offline, at]));
    clock.t = 7000;
    expect(await guard.assess(down('a', 7000, 'unreachable'))).toBe('offline');
    expect(guard.isOffline()).toBe(true);
    expect(await guard.assess(down('b', 7001, 'timeout'))).toBe('offline');
    expect(changes).toEqual([[true, 7000]]);
  });

  it('the reference answering makes the failure real', async () => {
    const { guard, calls } = guardWith(true);
    expect(await guard.assess(down('a', 0, 'timeout'))).toBe('real');
    expect(guard.isOffline()).toBe(false);
    expect(calls()).toBe(1);
  });

  it('a refusal is an answer: real, and it proves the network for others', async () => {
    const { guard, calls } = guardWith(false);
    expect(await guard.assess(down('a', 0, 'refused'))).toBe('real');
    expect(await guard.assess(down('b', 10, 'timeout'))).toBe('real');
    expect(calls()).toBe(0);
  });

  it('concurrent assessments share one probe', async () => {
    const manual = manualProbe();
    const guard = new OfflineGuard({ referenceProbe: manual.probe, now: () => 0 });
    const verdicts = Promise.all([guard.assess(down('a', 0, 'timeout')), guard.assess(down('b', 0, 'dns')), guard.assess(down('c', 0, 'unreachable'))]);
    await Promise.resolve();
    manual.answer(false);
    expect(await verdicts).toEqual(['offline', 'offline', 'offline']);
    expect(manual.calls()).toBe(1);
  });

  it('reuses a verdict briefly, then probes again', async () => {
    const { guard, calls, clock } = guardWith(true);
    await guard.assess(down('a', 0, 'timeout'));
    clock.t = 1000;
    await guard.assess(down('b', 0, 'timeout'));
    expect(calls()).toBe(1);
    clock.t = 6000;
    await guard.assess(down('c', 0, 'timeout'));
    expect(calls()).toBe(2);
  });

  it('an answer arriving while the probe runs wins over a failed probe', async () => {
    const manual = manualProbe();
    const guard = new OfflineGuard({ referenceProbe: manual.probe, now: () => 0 });
    const verdict = guard.assess(down('a', 0, 'timeout'));
    await Promise.resolve();
    guard.noteAnswer(1);
    manual.answer(false);
    expect(await verdict).toBe('real');
    expect(guard.isOffline()).toBe(false);
  });

  it('the first answer ends offline mode and fires onChange', async () => {
    const { guard, clock } = guardWith(false);
    const changes: Array<[boolean, number]> = [];
    guard.onChange((offline, at) => changes.push([offline, at]));
    await guard.assess(down('a', 0, 'timeout'));
    clock.t = 60_000;
    expect(await guard.assess(up('b', 60_000))).toBe('real');
    expect(guard.isOffline()).toBe(false);
    expect(changes).toEqual([
      [true, 0],
      [false, 60_000],
    ]);
  });

  it('while offline, a stale verdict is re-probed so a real outage cannot hide forever', async () => {
    let answered = false;
    let calls = 0;
    const clock = { t: 0 };
    const guard = new OfflineGuard({ referenceProbe: async () => (calls++, answered), now: () => clock.t });
    expect(await guard.assess(down('a', 0, 'timeout'))).toBe('offline');
    clock.t = 1000;
    expect(await guard.assess(down('a', 1000, 'timeout'))).toBe('offline');
    expect(calls).toBe(1);
    answered = true;
    clock.t = 10_000;
    expect(await guard.assess(down('a', 10_000, 'timeout'))).toBe('real');
    expect(guard.isOffline()).toBe(false);
  });

  it('the OS saying offline is offline at once; answers from loopback do not end it, the OS saying online does', async () => {
    const { guard, calls } = guardWith(true);
    const changes: boolean[] = [];
    const unsubscribe = guard.onChange((offline) => changes.push(offline));
    guard.setSystemOnline(false, 0);
    expect(guard.isOffline()).toBe(true);
    expect(await guard.assess(down('a', 1, 'timeout'))).toBe('offline');
    expect(await guard.assess(up('local', 2))).toBe('real');
    expect(guard.isOffline()).toBe(true);
    expect(calls()).toBe(0);
    guard.setSystemOnline(true, 3);
    expect(guard.isOffline()).toBe(false);
    unsubscribe();
    guard.setSystemOnline(false, 4);
    expect(changes).toEqual([true, false]);
  });

  it('a probe that throws is no evidence of being offline', async () => {
    const guard = new OfflineGuard({ referenceProbe: () => Promise.reject(new Error('boom')), now: () => 0 });
    expect(await guard.assess(down('a', 0, 'timeout'))).toBe('real');
  });

  it('rejects bad options, naming the field', () => {
    expect(() => new OfflineGuard({ referenceProbe: async () => true, now: () => 0, windowMs: 0 })).toThrow(/windowMs must be a number > 0/);
  });
});
