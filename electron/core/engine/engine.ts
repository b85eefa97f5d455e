// The engine: schedules checks, runs them through the offline guard and the alert rules, records history
// and tells subscribers what happened. It never calls UI code; the shell and the CLI subscribe to events.
import type { CheckResult, EngineEvent, Monitor, MonitorState, Settings } from '../../shared/types.ts';
import type { RunCheck } from '../checks/run-check.ts';
import type { ProbeOptions } from '../checks/probe-options.ts';
import { applyResult, initialRuleState, markUnknown, setPaused, type MonitorRuleState, type RuleOutcome } from '../rules/monitor-rules.ts';
import { OfflineGuard } from '../rules/offline-guard.ts';
import { Scheduler, type SchedulerClock } from '../scheduler/scheduler.ts';
import { EventBus } from './event-bus.ts';
import type { HistorySink, RuntimeStateStore } from './engine-ports.ts';
import { describeOwnFailure } from '../health/own-failures.ts';

export interface EngineOptions {
  runCheck: RunCheck;
  settings: Settings;
  /** Resolves true when the reference target answered; see rules/reference-probe.ts. */
  referenceProbe: () => Promise<boolean>;
  history?: HistorySink;
  runtimeState?: RuntimeStateStore;
  /** Wall clock, epoch ms. */
  now?: () => number;
  schedulerClock?: SchedulerClock;
  /** Passed to every check (a custom DNS resolver, say). */
  probeOptions?: Omit<ProbeOptions, 'signal' | 'now'>;
  onLateness?: (monitorId: string, latenessMs: number) => void;
  /** Picket's own trouble (alert bookkeeping that cannot be saved), or undefined once it is resolved. */
  onProblem?: (source: string, problem: string | undefined) => void;
}

export interface MonitorSnapshot {
  monitor: Monitor;
  state: MonitorState;
  lastResult?: CheckResult;
}

/** Persisted rule state is written at most this often: alert bookkeeping must survive a restart. */
const RUNTIME_SAVE_DELAY_MS = 1_000;
/** After a failed save (a full disk), the next try: soon enough to notice space coming back. */
const RUNTIME_RETRY_DELAY_MS = 10_000;

export class Engine {
  private readonly options: EngineOptions;
  private readonly now: () => number;
  private readonly bus = new EventBus<EngineEvent>();
  private readonly monitorsById = new Map<string, Monitor>();
  private readonly rules = new Map<string, MonitorRuleState>();
  private readonly lastResults = new Map<string, CheckResult>();
  private readonly inFlight = new Map<string, AbortController>();
  /** The persisted part of each rule state as last saved, so unchanged state is never rewritten. */
  private readonly savedRuntime = new Map<string, string>();
  private readonly guard: OfflineGuard;
  private readonly scheduler: Scheduler;
  private suspended = false;
  private started = false;
  private stopped = false;
  private runtimeSaveTimer: NodeJS.Timeout | undefined;

  constructor(options: EngineOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.guard = new OfflineGuard({ referenceProbe: options.referenceProbe, now: this.now });
    this.guard.onChange((offline, at) => this.onOfflineChange(offline, at));
    this.scheduler = new Scheduler({
      runCheck: (monitor) => this.check(monitor),
      maxConcurrent: options.settings.maxConcurrentChecks,
      ...(options.schedulerClock ? { clock: options.schedulerClock } : {}),
      ...(options.onLateness ? { onLateness: options.onLateness } : {}),
    });
  }

  /** Events: every result, every state change, every alert. Returns an unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.bus.subscribe(listener);
  }

  start(monitors: Monitor[]): void {
    if (this.started) throw new Error('engine already started');
    this.started = true;
    const saved = this.options.runtimeState?.load() ?? {};
    for (const monitor of monitors) {
      this.monitorsById.set(monitor.id, monitor);
      this.rules.set(monitor.id, this.restoredRuleState(monitor, saved[monitor.id]));
    }
    this.scheduler.start(monitors);
  }

  monitors(): Monitor[] {
    return [...this.monitorsById.values()];
  }

  snapshot(): MonitorSnapshot[] {
    return this.monitors().map((monitor) => this.snapshotFor(monitor));
  }

  /** One monitor's snapshot, without building everyone's (a detail page, an alert's state). */
  snapshotOf(monitorId: string): MonitorSnapshot | undefined {
    const monitor = this.monitorsById.get(monitorId);
    return monitor === undefined ? undefined : this.snapshotFor(monitor);
  }

  private snapshotFor(monitor: Monitor): MonitorSnapshot {
    const lastResult = this.lastResults.get(monitor.id);
    return { monitor, state: this.rules.get(monitor.id)?.state ?? 'unknown', ...(lastResult ? { lastResult } : {}) };
  }

  ruleState(monitorId: string): MonitorRuleState | undefined {
    return this.rules.get(monitorId);
  }

  isOffline(): boolean {
    return this.guard.isOffline();
  }

  addMonitor(monitor: Monitor): void {
    if (this.monitorsById.has(monitor.id)) throw new Error(`monitor "${monitor.id}" already exists`);
    this.monitorsById.set(monitor.id, monitor);
    this.rules.set(monitor.id, initialRuleState(monitor));
    this.scheduler.add(monitor);
  }

  /** An edit keeps the monitor's alert state and history; a pause change goes through setPaused's rules. */
  updateMonitor(monitor: Monitor): void {
    const previous = this.requireMonitor(monitor.id);
    this.monitorsById.set(monitor.id, monitor);
    this.scheduler.update(monitor);
    if (previous.paused !== monitor.paused) this.applyPause(monitor.id, monitor.paused);
  }

  removeMonitor(monitorId: string): void {
    this.requireMonitor(monitorId);
    this.inFlight.get(monitorId)?.abort();
    this.monitorsById.delete(monitorId);
    this.rules.delete(monitorId);
    this.lastResults.delete(monitorId);
    this.scheduler.remove(monitorId);
    this.options.history?.removeMonitor(monitorId);
    this.scheduleRuntimeSave();
  }

  setPaused(monitorId: string, paused: boolean): void {
    const monitor = this.requireMonitor(monitorId);
    this.monitorsById.set(monitorId, { ...monitor, paused });
    this.scheduler.update({ ...monitor, paused });
    this.applyPause(monitorId, paused);
  }

  /** Checks one monitor, or every monitor, now; resolves when those checks are done. */
  async checkNow(monitorId?: string): Promise<void> {
    if (monitorId !== undefined) this.requireMonitor(monitorId);
    await this.scheduler.checkNow(monitorId);
  }

  /**
   * Settings changed while running: maxConcurrentChecks and resumeSettleSeconds apply at once, and the offline
   * guard asks the new reference target (its probe is built by the caller, who knows how to reach it).
   */
  updateSettings(settings: Settings, referenceProbe?: () => Promise<boolean>): void {
    if (settings.maxConcurrentChecks !== this.options.settings.maxConcurrentChecks) this.scheduler.setMaxConcurrent(settings.maxConcurrentChecks);
    if (referenceProbe) this.guard.setReferenceProbe(referenceProbe);
    this.options.settings = settings;
  }

  /** The machine is going to sleep: checks stop, checks in flight are dropped, every monitor is unknown. */
  suspend(): void {
    if (this.suspended) return;
    this.suspended = true;
    this.scheduler.suspend();
    for (const controller of this.inFlight.values()) controller.abort();
    this.markAllUnknown(this.now(), 'machine asleep');
  }

  /** Back from sleep: after a short settle delay every monitor is checked once, then intervals resume. */
  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    this.scheduler.resume(this.options.settings.resumeSettleSeconds * 1000);
  }

  /** The operating system's own view of connectivity (Electron's online/offline events). */
  setSystemOnline(online: boolean): void {
    this.guard.setSystemOnline(online, this.now());
  }

  /** Never throws for a write that fails: the failure is already reported, and closing must go on. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const controller of this.inFlight.values()) controller.abort();
    await this.scheduler.stop();
    this.saveRuntimeNow();
    await this.options.history?.flush().catch(() => undefined);
  }

  private async check(monitor: Monitor): Promise<void> {
    if (this.suspended) return;
    const controller = new AbortController();
    this.inFlight.set(monitor.id, controller);
    let result: CheckResult;
    try {
      result = await this.options.runCheck(monitor, { ...this.options.probeOptions, now: this.now, signal: controller.signal });
    } finally {
      if (this.inFlight.get(monitor.id) === controller) this.inFlight.delete(monitor.id);
    }
    // A check cut short by sleep or removal says nothing about the server.
    if (controller.signal.aborted || this.suspended) return;
    const current = this.monitorsById.get(monitor.id);
    if (!current) return;
    const verdict = await this.guard.assess(result);
    if (!this.monitorsById.has(monitor.id)) return;
    this.recordResult(this.monitorsById.get(monitor.id) as Monitor, result, verdict === 'offline');
  }

  private recordResult(monitor: Monitor, result: CheckResult, offline: boolean): void {
    // A check that was in flight when its monitor was paused reports to nobody.
    if (monitor.paused) return;
    const previous = this.rules.get(monitor.id) ?? initialRuleState(monitor);
    // A type's own rule may judge the result anew ("answer changed" is a warning): record what it judged.
    const outcome = offline || result.failureKind === 'local' ? undefined : applyResult(monitor, previous, result);
    const judged = outcome?.result ?? result;
    this.lastResults.set(monitor.id, judged);
    this.bus.emit({ type: 'result', result: judged });
    if (offline) {
      this.options.history?.record(result, 'unknown');
      this.applyOutcome(monitor.id, markUnknown(previous, monitor.id, result.at, 'offline: this machine has no network'));
      return;
    }
    // Our own exhaustion (too many open files) says nothing about the server: unknown, never an alert.
    if (result.failureKind === 'local') {
      this.options.history?.record(result, 'unknown');
      this.applyOutcome(monitor.id, markUnknown(previous, monitor.id, result.at, result.message));
      return;
    }
    this.options.history?.record(judged, judged.status);
    if (outcome) this.applyOutcome(monitor.id, outcome);
  }

  private applyOutcome(monitorId: string, outcome: RuleOutcome): void {
    this.rules.set(monitorId, outcome.next);
    if (JSON.stringify(persistedPart(outcome.next)) !== this.savedRuntime.get(monitorId)) this.scheduleRuntimeSave();
    if (outcome.incidentOpened) this.options.history?.openIncident(outcome.incidentOpened);
    if (outcome.incidentClosed?.end !== undefined) this.options.history?.closeIncident(monitorId, outcome.incidentClosed.end);
    if (outcome.stateChange) this.bus.emit({ type: 'state', ...outcome.stateChange });
    for (const alert of outcome.alerts) this.bus.emit({ type: 'alert', ...alert });
  }

  private applyPause(monitorId: string, paused: boolean): void {
    const previous = this.rules.get(monitorId);
    if (previous) this.applyOutcome(monitorId, setPaused(previous, monitorId, paused, this.now()));
  }

  private onOfflineChange(offline: boolean, at: number): void {
    if (offline) {
      this.markAllUnknown(at, 'offline: this machine has no network');
      return;
    }
    // The network is back: check everything once so states are decided by fresh answers.
    if (!this.suspended) void this.scheduler.checkNow();
  }

  private markAllUnknown(at: number, reason: string): void {
    for (const monitorId of this.monitorsById.keys()) {
      const previous = this.rules.get(monitorId);
      if (previous && previous.state !== 'unknown') this.applyOutcome(monitorId, markUnknown(previous, monitorId, at, reason));
    }
  }

  /** After a restart the old state is stale, but open outages and certificate reminders carry over. */
  private restoredRuleState(monitor: Monitor, saved: unknown): MonitorRuleState {
    const initial = initialRuleState(monitor);
    // Paused while Picket was closed (config edit, --config): its outage ends now, as pausing would have ended it.
    if (monitor.paused) this.options.history?.closeIncident(monitor.id, this.now());
    if (!isRuleState(saved) || monitor.paused) return initial;
    return markUnknown(saved, monitor.id, this.now(), 'Picket was not running').next;
  }

  private scheduleRuntimeSave(delayMs = RUNTIME_SAVE_DELAY_MS): void {
    if (!this.options.runtimeState || this.runtimeSaveTimer) return;
    this.runtimeSaveTimer = setTimeout(() => this.saveRuntimeNow(), delayMs);
    this.runtimeSaveTimer.unref?.();
  }

  /** A failed save (full disk, too many open files) is reported and retried; it never stops the checks. */
  private saveRuntimeNow(): void {
    clearTimeout(this.runtimeSaveTimer);
    this.runtimeSaveTimer = undefined;
    if (!this.options.runtimeState) return;
    const state: Record<string, unknown> = {};
    const saved = new Map<string, string>();
    for (const [monitorId, rule] of this.rules) {
      const part = persistedPart(rule);
      state[monitorId] = part;
      saved.set(monitorId, JSON.stringify(part));
    }
    try {
      this.options.runtimeState.save(state);
    } catch (error) {
      this.options.onProblem?.('runtime-state', describeOwnFailure('cannot save alert bookkeeping', error));
      if (!this.stopped) this.scheduleRuntimeSave(RUNTIME_RETRY_DELAY_MS);
      return;
    }
    this.savedRuntime.clear();
    for (const [monitorId, part] of saved) this.savedRuntime.set(monitorId, part);
    this.options.onProblem?.('runtime-state', undefined);
  }

  private requireMonitor(monitorId: string): Monitor {
    const monitor = this.monitorsById.get(monitorId);
    if (!monitor) throw new Error(`no monitor with id "${monitorId}"`);
    return monitor;
  }
}

/**
 * What must survive a restart: open outages (no second down alert), certificate reminders sent (never
 * twice per certificate) and the last signing key seen (a key change while Picket was closed still alerts).
 * Per-check fields are left out so a result that changes nothing writes nothing.
 */
function persistedPart(rule: MonitorRuleState): MonitorRuleState {
  const { state, downSince, lastReminderAt, certificate, openIncident, lastUpDetail } = rule;
  return {
    state,
    consecutiveFailures: 0,
    ...(downSince !== undefined ? { downSince } : {}),
    ...(lastReminderAt !== undefined ? { lastReminderAt } : {}),
    ...(certificate !== undefined ? { certificate } : {}),
    ...(openIncident !== undefined ? { openIncident } : {}),
    ...(lastUpDetail !== undefined ? { lastUpDetail } : {}),
  };
}

function isRuleState(value: unknown): value is MonitorRuleState {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<MonitorRuleState>;
  return typeof candidate.state === 'string' && typeof candidate.consecutiveFailures === 'number';
}
