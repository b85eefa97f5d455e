import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyResult,
  initialRuleState,
  markUnknown,
  setPaused,
  type RuleOutcome,
} from '../../../electron/core/rules/monitor-rules.ts';
import type { Alert } from '../../../electron/shared/types.ts';
import { MIN, certificate, down, httpMonitor, runRules, tcpMonitor, tlsMonitor, up, warning } from './fixtures.ts';

const run = runRules;

const kinds = (outcomes: RuleOutcome[]): string[] => outcomes.flatMap((o) => o.alerts.map((a) => a.kind));

describe('applyResult: thresholds', () => {
  it('HTTP threshold 2: pending without alert, then down with one alert, then no second alert', () => {
    const monitor = httpMonitor();
    const { state, outcomes } = run(monitor, [down('api', 1000), down('api', 61_000), down('api', 121_000)]);
    const [first, second, third] = outcomes;
    expect(first?.next.state).toBe('pending');
    expect(first?.alerts).toEqual([]);
    expect(first?.stateChange).toMatchObject({ from: 'unknown', to: 'pending', at: 1000, message: 'connection refused' });
    expect(second?.next.state).toBe('down');
    // Since the first failed check (1000), as the incident says.
    expect(second?.alerts).toEqual([{ monitorId: 'api', kind: 'down', at: 61_000, message: 'API is down: connection refused', outageMs: 60_000 }]);
    expect(second?.incidentOpened).toEqual({ monitorId: 'api', start: 1000, firstError: 'connection refused' });
    expect(third?.alerts).toEqual([]);
    expect(third?.stateChange).toBeUndefined();
    expect(state).toMatchObject({ state: 'down', consecutiveFailures: 3, failingSince: 1000, downSince: 61_000 });
  });

  it('TCP threshold 1: down and alert at the first failure', () => {
    const { outcomes } = run(tcpMonitor(), [up('db', 0), down('db', 60_000, 'timeout', 'no answer in 10 s')]);
    expect(outcomes[1]?.next.state).toBe('down');
    expect(outcomes[1]?.alerts.map((a) => a.message)).toEqual(['DB is down: no answer in 10 s']);
    expect(outcomes[1]?.stateChange).toMatchObject({ from: 'up', to: 'down' });
  });

  it('keeps the first error of the streak for the incident', () => {
    const monitor = httpMonitor({ failureThreshold: 3 });
    const { outcomes } = run(monitor, [down('api', 0, 'timeout', 'timed out'), down('api', 1, 'status', '503'), down('api', 2, 'status', '502')]);
    expect(outcomes[2]?.incidentOpened).toEqual({ monitorId: 'api', start: 0, firstError: 'timed out' });
  });
});

describe('applyResult: recovery', () => {
  it('recovers from down with the outage duration and closes the incident', () => {
    const monitor = httpMonitor();
    const downAt = 60_000;
    const upAt = downAt + 4 * MIN + 12_000;
    const { state, outcomes } = run(monitor, [down('api', 0), down('api', downAt), up('api', upAt)]);
    const last = outcomes[2];
    expect(last?.alerts).toEqual([
      // Counted from the first failed check (0), as the incident is, not from when it was declared down.
      { monitorId: 'api', kind: 'recovered', at: upAt, message: 'API recovered after 5 min 12 s', outageMs: upAt },
    ]);
    expect(last?.incidentClosed).toEqual({ monitorId: 'api', start: 0, end: upAt, durationMs: upAt, firstError: 'connection refused' });
    expect(last?.stateChange).toMatchObject({ from: 'down', to: 'up', message: '200 OK' });
    expect(state.downSince).toBeUndefined();
    expect(state.consecutiveFailures).toBe(0);
  });

  it('the recovered alert, a reminder and the incident give one outage the same length, from the first failed check', () => {
    // A federation monitor: 300 s apart, threshold 2, so it is declared down 5 minutes after it first failed.
    const monitor = httpMonitor({ intervalSeconds: 300, reminderIntervalMinutes: 5 });
    const { outcomes } = run(monitor, [down('api', 0), down('api', 5 * MIN), down('api', 10 * MIN), up('api', 15 * MIN)]);
    const reminder = outcomes[2]?.alerts.find((a) => a.kind === 'reminder');
    expect(reminder).toMatchObject({ outageMs: 10 * MIN, message: 'API is still down after 10 min: connection refused' });
    const recovered = outcomes[3]?.alerts.find((a) => a.kind === 'recovered');
    expect(recovered).toMatchObject({ outageMs: 15 * MIN, message: 'API recovered after 15 min' });
    expect(outcomes[3]?.incidentClosed?.durationMs).toBe(recovered?.outageMs);
  });

  it('recovering to warning also sends recovered', () => {
    const { outcomes } = run(tcpMonitor(), [down('db', 0), warning('db', 30_000)]);
    expect(kinds(outcomes)).toEqual(['down', 'recovered']);
    expect(outcomes[1]?.next.state).toBe('warning');
  });

  it('recovery from pending sends nothing', () => {
    const { outcomes } = run(httpMonitor(), [up('api', 0), down('api', 60_000), up('api', 120_000)]);
    expect(kinds(outcomes)).toEqual([]);
    expect(outcomes[2]?.stateChange).toMatchObject({ from: 'pending', to: 'up' });
    expect(outcomes[2]?.incidentClosed).toBeUndefined();
    // The streak restarts: one more failure is pending again, not down.
    const again = applyResult(httpMonitor(), outcomes[2]!.next, down('api', 180_000));
    expect(again.next.state).toBe('pending');
  });

  it('warning is its own state and breaks a failure streak', () => {
    const { outcomes, state } = run(httpMonitor(), [warning('api', 0), down('api', 1), warning('api', 2), down('api', 3)]);
    expect(outcomes[0]?.next.state).toBe('warning');
    expect(state.state).toBe('pending');
    expect(kinds(outcomes)).toEqual([]);
  });
});

describe('applyResult: reminders', () => {
  it('reminds every N minutes while down', () => {
    const monitor = tcpMonitor({ reminderIntervalMinutes: 10 });
    const results = Array.from({ length: 26 }, (_, i) => down('db', i * MIN));
    const { outcomes } = run(monitor, results);
    const reminders = outcomes.flatMap((o) => o.alerts).filter((a) => a.kind === 'reminder');
    expect(reminders.map((a) => a.at)).toEqual([10 * MIN, 20 * MIN]);
    expect(reminders.map((a) => a.outageMs)).toEqual([10 * MIN, 20 * MIN]);
    expect(reminders[0]?.message).toBe('DB is still down after 10 min: connection refused');
    expect(kinds(outcomes).filter((k) => k === 'down')).toHaveLength(1);
  });

  it('never reminds when the interval is 0', () => {
    const results = Array.from({ length: 100 }, (_, i) => down('db', i * 60 * MIN));
    expect(kinds(run(tcpMonitor({ reminderIntervalMinutes: 0 }), results).outcomes)).toEqual(['down']);
  });
});

describe('paused monitors', () => {
  it('ignore results', () => {
    const monitor = tcpMonitor({ paused: true });
    const start = initialRuleState(monitor);
    expect(start.state).toBe('paused');
    const { state, outcomes } = run(monitor, [down('db', 0), up('db', 1)], start);
    expect(state).toEqual(start);
    expect(outcomes.every((o) => o.alerts.length === 0 && o.stateChange === undefined)).toBe(true);
  });

  it('pausing a down monitor closes its incident quietly; resuming starts from unknown', () => {
    const monitor = tcpMonitor();
    const { state } = run(monitor, [down('db', 0)]);
    const paused = setPaused(state, 'db', true, 5000);
    expect(paused.alerts).toEqual([]);
    expect(paused.stateChange).toMatchObject({ from: 'down', to: 'paused', at: 5000 });
    expect(paused.incidentClosed).toMatchObject({ start: 0, end: 5000, durationMs: 5000 });
    expect(applyResult(monitor, paused.next, up('db', 6000)).next.state).toBe('paused');

    const resumed = setPaused(paused.next, 'db', false, 7000);
    expect(resumed.next.state).toBe('unknown');
    expect(resumed.stateChange).toMatchObject({ from: 'paused', to: 'unknown' });
    // The old outage is gone: a failure after resuming alerts afresh.
    expect(kinds([applyResult(monitor, resumed.next, down('db', 8000))])).toEqual(['down']);
    expect(setPaused(resumed.next, 'db', false, 9000).stateChange).toBeUndefined();
  });
});

describe('markUnknown', () => {
  it('keeps an open outage: still failing after the gap sends no second down alert', () => {
    const monitor = httpMonitor();
    const { state } = run(monitor, [down('api', 0), down('api', MIN)]);
    const gap = markUnknown(state, 'api', 2 * MIN, 'machine asleep');
    expect(gap.alerts).toEqual([]);
    expect(gap.stateChange).toEqual({ monitorId: 'api', from: 'down', to: 'unknown', at: 2 * MIN, message: 'machine asleep' });
    expect(gap.next).toMatchObject({ state: 'unknown', consecutiveFailures: 0, downSince: MIN });
    expect(gap.next.failingSince).toBeUndefined();

    const after = run(monitor, [down('api', 60 * MIN), down('api', 61 * MIN)], gap.next);
    expect(kinds(after.outcomes)).toEqual([]);
    expect(after.outcomes[0]?.next.state).toBe('down');
  });

  it('keeps an open outage: back up after the gap sends recovered and closes the incident', () => {
    const monitor = httpMonitor();
    const { state } = run(monitor, [down('api', 0), down('api', MIN)]);
    const gap = markUnknown(state, 'api', 2 * MIN, 'offline');
    const back = applyResult(monitor, gap.next, up('api', 11 * MIN));
    expect(back.alerts).toMatchObject([{ kind: 'recovered', outageMs: 11 * MIN, message: 'API recovered after 11 min' }]);
    expect(back.incidentClosed).toEqual({ monitorId: 'api', start: 0, end: 11 * MIN, durationMs: 11 * MIN, firstError: 'connection refused' });
  });

  it('drops a pending streak', () => {
    const monitor = httpMonitor();
    const { state } = run(monitor, [down('api', 0)]);
    const gap = markUnknown(state, 'api', 1, 'asleep');
    expect(applyResult(monitor, gap.next, down('api', 2)).next.state).toBe('pending');
  });

  it('leaves paused monitors alone', () => {
    const start = initialRuleState(tcpMonitor({ paused: true }));
    expect(markUnknown(start, 'db', 0, 'asleep')).toEqual({ next: start, alerts: [] });
  });
});

describe('certificates through applyResult', () => {
  it('sends certificate alerts for TLS results that carry a certificate', () => {
    const monitor = tlsMonitor();
    const { outcomes, state } = run(monitor, [
      { ...warning('cert', 0, 'expires in 29 days'), certificate: certificate(29) },
      { ...warning('cert', 1, 'expires in 28 days'), certificate: certificate(28) },
    ]);
    expect(outcomes[0]?.alerts).toMatchObject([{ kind: 'certificate', thresholdDays: 30, daysLeft: 29 }]);
    expect(outcomes[1]?.alerts).toEqual([]);
    expect(state.certificate).toEqual({ fingerprint256: 'AA:BB', sentDays: [30] });
    expect(state.lastAlertAt).toBe(0);
  });
});

describe('bad input', () => {
  it('names the field and the reason', () => {
    const monitor = httpMonitor();
    const start = initialRuleState(monitor);
    expect(() => applyResult(monitor, start, up('other', 0))).toThrow(/result\.monitorId "other" does not match monitor\.id "api"/);
    expect(() => applyResult(monitor, start, up('api', Number.NaN))).toThrow(/result\.at/);
    expect(() => applyResult(httpMonitor({ failureThreshold: 0 }), start, up('api', 0))).toThrow(/failureThreshold must be an integer >= 1/);
    expect(() => applyResult(httpMonitor({ reminderIntervalMinutes: -5 }), start, up('api', 0))).toThrow(/reminderIntervalMinutes/);
  });
});

describe('properties', () => {
  type Step = { kind: 'result'; status: 'up' | 'warning' | 'down'; dt: number } | { kind: 'unknown'; dt: number } | { kind: 'pause'; paused: boolean; dt: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('result' as const), status: fc.constantFrom('up' as const, 'warning' as const, 'down' as const), dt: fc.integer({ min: 0, max: 30 * MIN }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('unknown' as const), dt: fc.integer({ min: 0, max: 30 * MIN }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), paused: fc.boolean(), dt: fc.integer({ min: 0, max: 30 * MIN }) }) },
  );

  it('one down alert per outage, every recovered follows a down, incidents pair up, state changes are truthful', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0, 5, 30),
        fc.array(step, { maxLength: 60 }),
        (failureThreshold, reminderIntervalMinutes, steps) => {
          const monitor = httpMonitor({ failureThreshold, reminderIntervalMinutes });
          let state = initialRuleState(monitor);
          let at = 0;
          let outageOpen = false;
          let incidentOpen = false;
          for (const s of steps) {
            at += s.dt;
            const outcome =
              s.kind === 'result'
                ? applyResult(monitor, state, { monitorId: 'api', status: s.status, at, latencyMs: null, message: s.status, ...(s.status === 'down' ? { failureKind: 'timeout' as const } : {}) })
                : s.kind === 'unknown'
                  ? markUnknown(state, 'api', at, 'asleep')
                  : setPaused(state, 'api', s.paused, at);
            for (const alert of outcome.alerts as Alert[]) {
              if (alert.kind === 'down') {
                expect(outageOpen).toBe(false);
                outageOpen = true;
              } else if (alert.kind === 'recovered') {
                expect(outageOpen).toBe(true);
                expect(alert.outageMs).toBeGreaterThanOrEqual(0);
                outageOpen = false;
              } else if (alert.kind === 'reminder') {
                expect(outageOpen).toBe(true);
              }
            }
            if (outcome.incidentOpened) {
              expect(incidentOpen).toBe(false);
              incidentOpen = true;
            }
            if (outcome.incidentClosed) {
              expect(incidentOpen).toBe(true);
              expect(outcome.incidentClosed.end).toBe(at);
              incidentOpen = false;
              outageOpen = false; // pausing closes an outage without a recovered alert
            }
            if (outcome.stateChange) {
              expect(outcome.stateChange.from).toBe(state.state);
              expect(outcome.stateChange.to).toBe(outcome.next.state);
            } else {
              expect(outcome.next.state).toBe(state.state);
            }
            if (outcome.next.state === 'down') expect(outcome.next.downSince).toBeDefined();
            expect(outcome.next.downSince !== undefined).toBe(outageOpen);
            state = outcome.next;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
