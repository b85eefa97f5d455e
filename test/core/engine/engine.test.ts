import { afterEach, describe, expect, it } from 'vitest';
import { Engine, type EngineOptions } from '../../../electron/core/engine/engine.ts';
import type { HistorySink, RuntimeStateStore } from '../../../electron/core/engine/engine-ports.ts';
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import { DEFAULT_SETTINGS } from '../../../electron/shared/defaults.ts';
import type { CheckResult, EngineEvent, FailureKind, Monitor } from '../../../electron/shared/types.ts';
import { FakeClock, settle } from '../scheduler/fake-clock.ts';

type Reply = { status: CheckResult['status']; failureKind?: FailureKind; message?: string };

/** Scripted checks: each monitor answers with whatever the test set last. */
class ScriptedChecks {
  replies = new Map<string, Reply>();
  calls: string[] = [];
  wallNow = 1_700_000_000_000;
  run = async (monitor: Monitor): Promise<CheckResult> => {
    this.calls.push(monitor.id);
    const reply = this.replies.get(monitor.id) ?? { status: 'up' };
    this.wallNow += 1_000;
    return {
      monitorId: monitor.id,
      status: reply.status,
      at: this.wallNow,
      latencyMs: 5,
      message: reply.message ?? (reply.status === 'up' ? 'ok' : 'connection refused'),
      ...(reply.failureKind ? { failureKind: reply.failureKind } : reply.status === 'down' ? { failureKind: 'refused' as const } : {}),
    };
  };
}

class MemoryHistory implements HistorySink {
  recorded: Array<{ monitorId: string; outcome: string }> = [];
  opened: string[] = [];
  closed: string[] = [];
  record(result: CheckResult, outcome: 'up' | 'warning' | 'down' | 'unknown'): void {
    this.recorded.push({ monitorId: result.monitorId, outcome });
  }
  openIncident(incident: { monitorId: string }): void {
    this.opened.push(incident.monitorId);
  }
  closeIncident(monitorId: string): void {
    this.closed.push(monitorId);
  }
  removeMonitor(): void {}
  async flush(): Promise<void> {}
}

class MemoryRuntime implements RuntimeStateStore {
  state: Record<string, unknown> = {};
  saves = 0;
  load(): Record<string, unknown> {
    return structuredClone(this.state);
  }
  save(state: Record<string, unknown>): void {
    this.saves++;
    this.state = structuredClone(state);
  }
}

const http = (id: string): Monitor => parseMonitor({ id, type: 'http', url: `http://127.0.0.1/${id}` });
const tcp = (id: string): Monitor => parseMonitor({ id, type: 'tcp', host: '127.0.0.1', port: 1 });

const engines: Engine[] = [];
function makeEngine(checks: ScriptedChecks, extra: Partial<EngineOptions> = {}): { engine: Engine; events: EngineEvent[]; clock: FakeClock } {
  const clock = new FakeClock();
  const engine = new Engine({
    runCheck: checks.run,
    settings: { ...DEFAULT_SETTINGS, resumeSettleSeconds: 5 },
    referenceProbe: async () => true,
    schedulerClock: clock,
    now: () => checks.wallNow,
    ...extra,
  });
  const events: EngineEvent[] = [];
  engine.subscribe((event) => events.push(event));
  engines.push(engine);
  return { engine, events, clock };
}

const alerts = (events: EngineEvent[]): string[] => events.filter((e) => e.type === 'alert').map((e) => (e.type === 'alert' ? `${e.monitorId}:${e.kind}` : ''));
const states = (events: EngineEvent[], id: string): string[] =>
  events.filter((e) => e.type === 'state' && e.monitorId === id).map((e) => (e.type === 'state' ? e.to : ''));

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

describe('Engine', () => {
  it('goes pending, then down with one alert at the threshold, then recovers with the outage duration', async () => {
    const checks = new ScriptedChecks();
    const history = new MemoryHistory();
    const { engine, events } = makeEngine(checks, { history });
    engine.start([http('api')]);
    await engine.checkNow('api');
    checks.replies.set('api', { status: 'down' });
    await engine.checkNow('api');
    await engine.checkNow('api');
    await engine.checkNow('api');
    checks.replies.set('api', { status: 'up' });
    await engine.checkNow('api');
    expect(states(events, 'api')).toEqual(['up', 'pending', 'down', 'up']);
    expect(alerts(events)).toEqual(['api:down', 'api:recovered']);
    const recovered = events.find((e) => e.type === 'alert' && e.kind === 'recovered');
    expect(recovered?.type === 'alert' && recovered.outageMs).toBeGreaterThan(0);
    expect(history.recorded.map((r) => r.outcome)).toEqual(['up', 'down', 'down', 'down', 'up']);
    expect(history.opened).toEqual(['api']);
    expect(history.closed).toEqual(['api']);
    expect(events.filter((e) => e.type === 'result')).toHaveLength(5);
  });

  it('puts a lost network down to "unknown", never "down", and sends no alert', async () => {
    const checks = new ScriptedChecks();
    let referenceAnswers = true;
    const { engine, events } = makeEngine(checks, { referenceProbe: async () => referenceAnswers });
    engine.start([tcp('a'), tcp('b'), http('c')]);
    await engine.checkNow();
    expect(engine.snapshot().map((s) => s.state)).toEqual(['up', 'up', 'up']);
    // One monitor's snapshot is the same as its entry in everyone's; an unknown id has none.
    expect(engine.snapshotOf('b')).toEqual(engine.snapshot()[1]);
    expect(engine.snapshotOf('nobody')).toBeUndefined();

    referenceAnswers = false;
    for (const id of ['a', 'b', 'c']) checks.replies.set(id, { status: 'down', failureKind: 'timeout', message: 'timed out' });
    // Push past the guard's 30 s window so the earlier answers no longer prove the network is up.
    checks.wallNow += 60_000;
    await engine.checkNow();
    await engine.checkNow();
    expect(engine.isOffline()).toBe(true);
    expect(engine.snapshot().map((s) => s.state)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(alerts(events)).toEqual([]);

    // The network returns: the first answers decide.
    referenceAnswers = true;
    for (const id of ['a', 'b', 'c']) checks.replies.delete(id);
    await engine.checkNow();
    await settle();
    expect(engine.isOffline()).toBe(false);
    expect(engine.snapshot().map((s) => s.state)).toEqual(['up', 'up', 'up']);
    expect(alerts(events)).toEqual([]);
  });

  it('never puts one monitor failing on its own down to the network', async () => {
    const checks = new ScriptedChecks();
    const { engine, events } = makeEngine(checks, { referenceProbe: async () => false });
    engine.start([tcp('lonely'), tcp('fine')]);
    await engine.checkNow('fine');
    checks.replies.set('lonely', { status: 'down', failureKind: 'timeout' });
    await engine.checkNow('lonely');
    expect(engine.ruleState('lonely')?.state).toBe('down');
    expect(alerts(events)).toEqual(['lonely:down']);
  });

  it('treats sleep as unknown: in-flight results are dropped, and every monitor is checked after the settle delay', async () => {
    const checks = new ScriptedChecks();
    const { engine, events, clock } = makeEngine(checks);
    engine.start([tcp('a'), tcp('b')]);
    await engine.checkNow();
    checks.replies.set('a', { status: 'down' });
    engine.suspend();
    expect(engine.snapshot().map((s) => s.state)).toEqual(['unknown', 'unknown']);
    const before = checks.calls.length;
    await clock.advance(10 * 60_000);
    expect(checks.calls.length).toBe(before);
    checks.replies.delete('a');
    engine.resume();
    await clock.advance(4_000);
    expect(checks.calls.length).toBe(before);
    await clock.advance(20_000);
    expect(new Set(checks.calls.slice(before))).toEqual(new Set(['a', 'b']));
    expect(engine.snapshot().map((s) => s.state)).toEqual(['up', 'up']);
    expect(alerts(events)).toEqual([]);
  });

  it('keeps an open outage across a restart: no second down alert, and a recovered alert when it comes back', async () => {
    const runtime = new MemoryRuntime();
    const checks = new ScriptedChecks();
    const first = makeEngine(checks, { runtimeState: runtime });
    first.engine.start([tcp('db')]);
    checks.replies.set('db', { status: 'down' });
    await first.engine.checkNow('db');
    expect(alerts(first.events)).toEqual(['db:down']);
    await first.engine.stop();

    const second = makeEngine(checks, { runtimeState: runtime });
    second.engine.start([tcp('db')]);
    expect(second.engine.ruleState('db')?.state).toBe('unknown');
    await second.engine.checkNow('db');
    expect(alerts(second.events)).toEqual([]);
    checks.replies.delete('db');
    await second.engine.checkNow('db');
    expect(alerts(second.events)).toEqual(['db:recovered']);
  });

  it('does not rewrite runtime state when a result changes nothing that must persist', async () => {
    const runtime = new MemoryRuntime();
    const checks = new ScriptedChecks();
    const { engine } = makeEngine(checks, { runtimeState: runtime });
    engine.start([tcp('a')]);
    await engine.checkNow('a');
    await engine.stop();
    const saves = runtime.saves;
    const again = makeEngine(checks, { runtimeState: runtime });
    again.engine.start([tcp('a')]);
    for (let i = 0; i < 5; i++) await again.engine.checkNow('a');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    // One save for the unknown -> up transition; the four identical "up" results write nothing.
    expect(runtime.saves - saves).toBe(1);
  });

  it('ignores paused monitors and applies edits while running', async () => {
    const checks = new ScriptedChecks();
    const history = new MemoryHistory();
    const { engine, events } = makeEngine(checks, { history });
    engine.start([tcp('a')]);
    engine.setPaused('a', true);
    expect(engine.ruleState('a')?.state).toBe('paused');
    checks.replies.set('a', { status: 'down' });
    await engine.checkNow('a');
    expect(history.recorded).toEqual([]);
    engine.setPaused('a', false);
    engine.updateMonitor({ ...engine.monitors()[0]!, name: 'Renamed', failureThreshold: 3 });
    await engine.checkNow('a');
    expect(engine.ruleState('a')?.state).toBe('pending');
    expect(states(events, 'a')).toEqual(['paused', 'unknown', 'pending']);
  });

  it('drops the result of a check whose monitor was removed meanwhile, and rejects unknown ids', async () => {
    const checks = new ScriptedChecks();
    const history = new MemoryHistory();
    let release: () => void = () => {};
    const slow = async (monitor: Monitor): Promise<CheckResult> => {
      await new Promise<void>((resolve) => (release = resolve));
      return checks.run(monitor);
    };
    const { engine } = makeEngine(checks, { history, runCheck: slow });
    engine.start([tcp('a')]);
    const pending = engine.checkNow('a');
    await settle();
    engine.removeMonitor('a');
    release();
    await pending;
    expect(history.recorded).toEqual([]);
    await expect(engine.checkNow('a')).rejects.toThrow('no monitor with id "a"');
    expect(() => engine.addMonitor(tcp('b'))).not.toThrow();
    expect(() => engine.addMonitor(tcp('b'))).toThrow('already exists');
  });

  it('a check that fails from our own exhaustion (too many open files) is unknown, never down, and alerts nobody', async () => {
    const checks = new ScriptedChecks();
    const history = new MemoryHistory();
    const { engine, events } = makeEngine(checks, { history });
    engine.start([http('api')]);
    await engine.checkNow('api');
    checks.replies.set('api', { status: 'down', failureKind: 'local', message: 'Picket has too many files open (EMFILE): the server was not checked' });
    for (let i = 0; i < 5; i++) await engine.checkNow('api');
    expect(engine.snapshot()[0]?.state).toBe('unknown');
    expect(alerts(events)).toEqual([]);
    expect(history.recorded.map((r) => r.outcome)).toEqual(['up', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(history.opened).toEqual([]);
  });

  it('a failed save of alert bookkeeping (full disk) is reported and retried, and never stops the checks or the shutdown', async () => {
    const checks = new ScriptedChecks();
    const runtime = new MemoryRuntime();
    let diskFull = true;
    const save = runtime.save.bind(runtime);
    runtime.save = (state) => {
      if (diskFull) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      save(state);
    };
    const problems: Array<string | undefined> = [];
    const { engine } = makeEngine(checks, { runtimeState: runtime, onProblem: (_source, problem) => problems.push(problem) });
    engine.start([http('api')]);
    checks.replies.set('api', { status: 'down' });
    for (let i = 0; i < 3; i++) await engine.checkNow('api');
    expect(engine.snapshot()[0]?.state).toBe('down');
    await engine.stop();
    expect(problems).toContain('cannot save alert bookkeeping: the disk is full (ENOSPC)');
    diskFull = false;
    const second = makeEngine(checks, { runtimeState: runtime, onProblem: (_source, problem) => problems.push(problem) });
    second.engine.start([http('api')]);
    await second.engine.checkNow('api');
    await second.engine.stop();
    expect(problems.at(-1)).toBeUndefined();
    expect(Object.keys(runtime.state)).toEqual(['api']);
  });
});

describe('Engine: checks spread however monitors arrive', () => {
  const twenty = (i: number): Monitor => parseMonitor({ id: `m${i}`, type: 'http', url: `http://127.0.0.1/m${i}`, intervalSeconds: 20 });
  const mostInOneSecond = (times: number[]): number => {
    const counts = new Map<number, number>();
    for (const at of times) counts.set(Math.floor(at / 1000), (counts.get(Math.floor(at / 1000)) ?? 0) + 1);
    return Math.max(0, ...counts.values());
  };

  async function checkTimes(arrive: (engine: Engine) => void): Promise<number[]> {
    const checks = new ScriptedChecks();
    const times: number[] = [];
    const { engine, clock } = makeEngine(checks, {
      runCheck: async (monitor) => {
        times.push(clock.now());
        return checks.run(monitor);
      },
    });
    arrive(engine);
    // Past the first round, then two whole intervals of steady checks.
    await clock.advance(30_000);
    times.length = 0;
    await clock.advance(40_000);
    return times;
  }

  it('after an import or a first --config (monitors added to a running engine one by one)', async () => {
    const times = await checkTimes((engine) => {
      engine.start([]);
      for (let i = 0; i < 200; i++) engine.addMonitor(twenty(i));
    });
    expect(times).toHaveLength(400);
    // 10 a second on average; the goal is at most 2 × 10 + 2.
    expect(mostInOneSecond(times)).toBeLessThanOrEqual(22);
  });

  it('after a restart with --config naming the monitors already saved (start, then every one updated)', async () => {
    const times = await checkTimes((engine) => {
      engine.start(Array.from({ length: 200 }, (_, i) => twenty(i)));
      for (let i = 0; i < 200; i++) engine.updateMonitor(twenty(i));
    });
    expect(times).toHaveLength(400);
    expect(mostInOneSecond(times)).toBeLessThanOrEqual(11);
  });

  it('checks one monitor added by hand at once', async () => {
    const checks = new ScriptedChecks();
    const { engine, clock } = makeEngine(checks);
    engine.start(Array.from({ length: 50 }, (_, i) => twenty(i)));
    await clock.advance(25_000);
    checks.calls.length = 0;
    engine.addMonitor(http('by-hand'));
    await clock.advance(0);
    expect(checks.calls).toEqual(['by-hand']);
  });
});
