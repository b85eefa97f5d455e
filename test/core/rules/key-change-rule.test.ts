import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/core/engine/engine.ts';
import type { RuntimeStateStore } from '../../../electron/core/engine/engine-ports.ts';
import { initialRuleState, markUnknown, setPaused, type MonitorRuleState, type RuleOutcome } from '../../../electron/core/rules/monitor-rules.ts';
import { DEFAULT_SETTINGS } from '../../../electron/shared/defaults.ts';
import type { EngineEvent } from '../../../electron/shared/types.ts';
import { FakeClock } from '../scheduler/fake-clock.ts';
import { MIN, down, httpMonitor, keysResult, matrixKeysMonitor, runRules } from './fixtures.ts';

const run = runRules;

const keyAlerts = (outcomes: RuleOutcome[]): string[] => outcomes.flatMap((o) => o.alerts.filter((a) => a.kind === 'key-change').map((a) => a.message));

describe('key-change rule (matrix-keys monitors)', () => {
  const monitor = matrixKeysMonitor();

  it('never alerts on the first result, and keeps its key as the baseline', () => {
    const { state, outcomes } = run(monitor, [keysResult('keys', 0, 'ed25519:a', 'fp-a')]);
    expect(outcomes[0]!.alerts).toEqual([]);
    expect(state.lastUpDetail).toEqual({ keyIds: 'ed25519:a', keyFingerprint: 'fp-a' });
  });

  it('does not alert while the key stays the same', () => {
    const { outcomes } = run(monitor, [0, 1, 2].map((i) => keysResult('keys', i * MIN, 'ed25519:a', 'fp-a')));
    expect(keyAlerts(outcomes)).toEqual([]);
  });

  it('alerts once when the key changes, naming the old and new key ids', () => {
    const { outcomes } = run(monitor, [
      keysResult('keys', 0, 'ed25519:a', 'fp-a'),
      keysResult('keys', MIN, 'ed25519:b', 'fp-b'),
      keysResult('keys', 2 * MIN, 'ed25519:b', 'fp-b'),
    ]);
    expect(outcomes[1]!.alerts).toEqual([
      { monitorId: 'keys', kind: 'key-change', at: MIN, message: 'Signing keys: signing key changed (ed25519:a -> ed25519:b)' },
    ]);
    expect(keyAlerts(outcomes)).toHaveLength(1);
    expect(outcomes[1]!.next.lastAlertAt).toBe(MIN);
    // The state machine is untouched: up stays up.
    expect(outcomes[1]!.stateChange).toBeUndefined();
  });

  it('says so when the key id stays but its public key is different', () => {
    const { outcomes } = run(monitor, [keysResult('keys', 0, 'ed25519:a', 'fp-a'), keysResult('keys', MIN, 'ed25519:a', 'fp-other')]);
    expect(keyAlerts(outcomes)).toEqual(['Signing keys: signing key changed (ed25519:a, new public key)']);
  });

  it('does not take a failing answer as the new baseline: a bad key and then the good one again is no change', () => {
    const { state, outcomes } = run(monitor, [
      keysResult('keys', 0, 'ed25519:a', 'fp-a'),
      keysResult('keys', MIN, 'ed25519:evil', 'fp-evil', 'down'),
      keysResult('keys', 2 * MIN, 'ed25519:a', 'fp-a'),
    ]);
    expect(keyAlerts(outcomes)).toEqual([]);
    expect(outcomes.flatMap((o) => o.alerts.map((a) => a.kind))).toEqual(['down', 'recovered']);
    expect(state.lastUpDetail?.keyFingerprint).toBe('fp-a');
  });

  it('alerts alongside the recovery when the server comes back with a different key', () => {
    const { outcomes } = run(monitor, [keysResult('keys', 0, 'ed25519:a', 'fp-a'), down('keys', MIN), keysResult('keys', 2 * MIN, 'ed25519:b', 'fp-b')]);
    expect(outcomes[2]!.alerts.map((a) => a.kind)).toEqual(['recovered', 'key-change']);
  });

  it('keeps the baseline across unknown and pause, which change nothing about the key', () => {
    const first = run(monitor, [keysResult('keys', 0, 'ed25519:a', 'fp-a')]).state;
    const unknown = markUnknown(first, 'keys', MIN, 'asleep').next;
    const resumed = setPaused(setPaused(unknown, 'keys', true, 2 * MIN).next, 'keys', false, 3 * MIN).next;
    expect(keyAlerts(run(monitor, [keysResult('keys', 4 * MIN, 'ed25519:b', 'fp-b')], resumed).outcomes)).toHaveLength(1);
  });

  it('treats a damaged saved baseline as none: no alert, and the new key becomes the baseline', () => {
    const damaged = { ...initialRuleState(monitor), lastUpDetail: { keyFingerprint: 42 } } as unknown as MonitorRuleState;
    const { state, outcomes } = run(monitor, [keysResult('keys', 0, 'ed25519:b', 'fp-b')], damaged);
    expect(outcomes[0]!.alerts).toEqual([]);
    expect(state.lastUpDetail).toEqual({ keyIds: 'ed25519:b', keyFingerprint: 'fp-b' });
  });

  it('keeps only the key fields of the detail', () => {
    const result = { ...keysResult('keys', 0, 'ed25519:a', 'fp-a'), detail: { keyIds: 'ed25519:a', keyFingerprint: 'fp-a', extra: 'x' } };
    expect(run(monitor, [result]).state.lastUpDetail).toEqual({ keyIds: 'ed25519:a', keyFingerprint: 'fp-a' });
  });

  it('is only for matrix-keys monitors', () => {
    const http = httpMonitor({ id: 'keys' });
    const { state, outcomes } = run(http, [keysResult('keys', 0, 'ed25519:a', 'fp-a'), keysResult('keys', MIN, 'ed25519:b', 'fp-b')]);
    expect(keyAlerts(outcomes)).toEqual([]);
    expect(state.lastUpDetail).toBeUndefined();
  });
});

class MemoryRuntime implements RuntimeStateStore {
  state: Record<string, unknown> = {};
  load(): Record<string, unknown> {
    return structuredClone(this.state);
  }
  save(state: Record<string, unknown>): void {
    this.state = structuredClone(state);
  }
}

describe('key change across a restart (engine runtime state)', () => {
  const engines: Engine[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
  });

  /** An engine whose matrix-keys check answers with whatever key the test set last. */
  function makeEngine(runtime: RuntimeStateStore, key: { ids: string; fingerprint: string }, wall: { now: number }): { engine: Engine; events: EngineEvent[] } {
    const engine = new Engine({
      runCheck: async (monitor) => {
        wall.now += 1_000;
        return keysResult(monitor.id, wall.now, key.ids, key.fingerprint);
      },
      settings: DEFAULT_SETTINGS,
      referenceProbe: async () => true,
      schedulerClock: new FakeClock(),
      now: () => wall.now,
      runtimeState: runtime,
    });
    const events: EngineEvent[] = [];
    engine.subscribe((event) => events.push(event));
    engines.push(engine);
    return { engine, events };
  }

  const alertMessages = (events: EngineEvent[]): string[] => events.flatMap((e) => (e.type === 'alert' ? [`${e.kind}: ${e.message}`] : []));

  it('alerts after a restart when the key changed while Picket was closed', async () => {
    const runtime = new MemoryRuntime();
    const wall = { now: 1_700_000_000_000 };
    const key = { ids: 'ed25519:a', fingerprint: 'fp-a' };
    const first = makeEngine(runtime, key, wall);
    first.engine.start([matrixKeysMonitor()]);
    await first.engine.checkNow('keys');
    await first.engine.stop();
    expect(alertMessages(first.events)).toEqual([]);

    key.ids = 'ed25519:b';
    key.fingerprint = 'fp-b';
    const second = makeEngine(runtime, key, wall);
    second.engine.start([matrixKeysMonitor()]);
    await second.engine.checkNow('keys');
    await second.engine.checkNow('keys');
    expect(alertMessages(second.events)).toEqual(['key-change: Signing keys: signing key changed (ed25519:a -> ed25519:b)']);
  });

  it('does not alert after a restart when the key is the same, and keeps the key in the saved state', async () => {
    const runtime = new MemoryRuntime();
    const wall = { now: 1_700_000_000_000 };
    const key = { ids: 'ed25519:a', fingerprint: 'fp-a' };
    const first = makeEngine(runtime, key, wall);
    first.engine.start([matrixKeysMonitor()]);
    await first.engine.checkNow('keys');
    await first.engine.stop();

    const second = makeEngine(runtime, key, wall);
    second.engine.start([matrixKeysMonitor()]);
    for (let i = 0; i < 3; i++) await second.engine.checkNow('keys');
    await second.engine.stop();
    expect(alertMessages(second.events)).toEqual([]);
    expect(runtime.state.keys).toMatchObject({ lastUpDetail: { keyIds: 'ed25519:a', keyFingerprint: 'fp-a' } });
  });
});
