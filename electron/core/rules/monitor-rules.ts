// The per-monitor alert state machine: results in, state changes, alerts and incidents out.
// Pure: no timers, no I/O, time comes only from result.at and the caller's `at`.
import type { Alert, CheckResult, Incident, Monitor, MonitorState, StateChange } from '../../shared/types.ts';
import { descriptorOf } from '../monitor-types/registry.ts';
import type { CertificateReminderState } from './certificate-reminders.ts';
import { formatDuration } from '../../shared/format-duration.ts';
import { MINUTE_MS } from '../../shared/time.ts';

export interface MonitorRuleState {
  state: MonitorState;
  consecutiveFailures: number;
  /** `at` of the first failure of the current streak. */
  failingSince?: number;
  /** Message of the first failure of the current streak. */
  firstError?: string;
  /** When the down alert fired; set for as long as the outage is open, even across 'unknown'. */
  downSince?: number;
  lastAlertAt?: number;
  lastReminderAt?: number;
  certificate?: CertificateReminderState;
  lastResultAt?: number;
  /** The open outage's incident; kept with downSince because markUnknown clears the streak it started from. */
  openIncident?: Incident;
  /** The last good answer's detail a type compares with (matrix-keys: key ids and fingerprint). */
  lastUpDetail?: Record<string, string>;
}

export interface RuleOutcome {
  next: MonitorRuleState;
  /** The result as the rules judged it, when a type's rule changed it (an "up" whose answer changed is "warning"). */
  result?: CheckResult;
  stateChange?: StateChange;
  alerts: Alert[];
  incidentOpened?: Incident;
  incidentClosed?: Incident;
}

export function initialRuleState(monitor: Monitor): MonitorRuleState {
  return { state: monitor.paused ? 'paused' : 'unknown', consecutiveFailures: 0 };
}

export function applyResult(monitor: Monitor, prev: MonitorRuleState, checked: CheckResult): RuleOutcome {
  validate(monitor, checked);
  if (monitor.paused || prev.state === 'paused') return { next: prev, alerts: [] };
  // The type's own rule first (certificate reminders, a changed key or answer): it may turn "up" into "warning".
  const own = descriptorOf(monitor).rule?.(monitor, prev, checked);
  const result = own?.result ?? checked;

  const at = result.at;
  const alerts: Alert[] = [];
  let incidentOpened: Incident | undefined;
  let incidentClosed: Incident | undefined;
  let next: MonitorRuleState;

  if (result.status === 'down') {
    const failingSince = prev.failingSince ?? at;
    const firstError = prev.firstError ?? result.message;
    next = { ...prev, consecutiveFailures: prev.consecutiveFailures + 1, failingSince, firstError };
    if (prev.downSince !== undefined) {
      // The outage is still open (perhaps across a sleep): down again, but never a second down alert.
      next.state = 'down';
      const reminder = reminderDue(monitor, prev, prev.downSince, result);
      if (reminder) {
        alerts.push(reminder);
        next.lastReminderAt = at;
      }
    } else if (next.consecutiveFailures >= monitor.failureThreshold) {
      incidentOpened = { monitorId: monitor.id, start: failingSince, firstError };
      next = { ...next, state: 'down', downSince: at, lastReminderAt: undefined, openIncident: incidentOpened };
      // outageMs so far: the outage began at the first failed check, before the threshold declared it.
      alerts.push({ monitorId: monitor.id, kind: 'down', at, message: `${monitor.name} is down: ${result.message}`, outageMs: at - failingSince });
    } else {
      next.state = 'pending';
    }
  } else {
    next = { ...prev, ...clearedStreak(), state: result.status };
    if (prev.downSince !== undefined) {
      const outageMs = Math.max(0, at - outageStart(prev, prev.downSince));
      alerts.push({
        monitorId: monitor.id,
        kind: 'recovered',
        at,
        message: `${monitor.name} recovered after ${formatDuration(outageMs)}`,
        outageMs,
      });
      incidentClosed = closeIncident(prev, monitor.id, at);
      next = { ...next, ...closedOutage() };
    }
  }

  if (own) {
    Object.assign(next, own.next);
    alerts.push(...own.alerts);
  }

  next.lastResultAt = at;
  if (alerts.length > 0) next.lastAlertAt = at;
  const outcome: RuleOutcome = { next, alerts };
  if (result !== checked) outcome.result = result;
  const stateChange = changeOf(monitor.id, prev.state, next.state, at, result.message);
  if (stateChange) outcome.stateChange = stateChange;
  if (incidentOpened) outcome.incidentOpened = incidentOpened;
  if (incidentClosed) outcome.incidentClosed = incidentClosed;
  return outcome;
}

/**
 * Sleep or the machine being offline: we simply do not know. The streak is dropped (the gap says nothing
 * about it) but an open outage is kept, so the next result either continues it quietly or recovers it.
 */
export function markUnknown(prev: MonitorRuleState, monitorId: string, at: number, reason: string): RuleOutcome {
  if (prev.state === 'paused') return { next: prev, alerts: [] };
  const next: MonitorRuleState = { ...prev, ...clearedStreak(), state: 'unknown' };
  const outcome: RuleOutcome = { next, alerts: [] };
  const stateChange = changeOf(monitorId, prev.state, 'unknown', at, reason);
  if (stateChange) outcome.stateChange = stateChange;
  return outcome;
}

/**
 * Pausing stops watching: an open outage is closed quietly (no 'recovered', we do not know that),
 * and resuming starts from 'unknown' so a monitor still failing alerts afresh.
 */
export function setPaused(prev: MonitorRuleState, monitorId: string, paused: boolean, at: number): RuleOutcome {
  if (paused === (prev.state === 'paused')) return { next: prev, alerts: [] };
  if (!paused) {
    const next: MonitorRuleState = { ...prev, state: 'unknown' };
    return { next, alerts: [], stateChange: { monitorId, from: 'paused', to: 'unknown', at, message: 'resumed' } };
  }
  const outcome: RuleOutcome = {
    next: { ...prev, ...clearedStreak(), ...closedOutage(), state: 'paused' },
    alerts: [],
    stateChange: { monitorId, from: prev.state, to: 'paused', at, message: 'paused' },
  };
  if (prev.downSince !== undefined) outcome.incidentClosed = closeIncident(prev, monitorId, at);
  return outcome;
}

function reminderDue(monitor: Monitor, prev: MonitorRuleState, downSince: number, result: CheckResult): Alert | undefined {
  const intervalMinutes = monitor.reminderIntervalMinutes ?? 0;
  if (intervalMinutes <= 0) return undefined;
  if (result.at - (prev.lastReminderAt ?? downSince) < intervalMinutes * MINUTE_MS) return undefined;
  const outageMs = Math.max(0, result.at - outageStart(prev, downSince));
  return {
    monitorId: monitor.id,
    kind: 'reminder',
    at: result.at,
    message: `${monitor.name} is still down after ${formatDuration(outageMs)}: ${result.message}`,
    outageMs,
  };
}

/**
 * An outage is as long as its incident: from the first failed check, not from when the threshold declared it
 * down (with a 300 s interval and a threshold of 2 that is 5 minutes the alert would otherwise leave out).
 */
function outageStart(prev: MonitorRuleState, downSince: number): number {
  return prev.openIncident?.start ?? downSince;
}

function closeIncident(prev: MonitorRuleState, monitorId: string, end: number): Incident {
  // States saved before openIncident existed still close cleanly, from downSince.
  const open = prev.openIncident ?? { monitorId, start: prev.downSince ?? end, firstError: prev.firstError ?? '' };
  return { ...open, end, durationMs: Math.max(0, end - open.start) };
}

function clearedStreak(): Pick<MonitorRuleState, 'consecutiveFailures' | 'failingSince' | 'firstError'> {
  return { consecutiveFailures: 0, failingSince: undefined, firstError: undefined };
}

function closedOutage(): Pick<MonitorRuleState, 'downSince' | 'lastReminderAt' | 'openIncident'> {
  return { downSince: undefined, lastReminderAt: undefined, openIncident: undefined };
}

function changeOf(monitorId: string, from: MonitorState, to: MonitorState, at: number, message: string): StateChange | undefined {
  return from === to ? undefined : { monitorId, from, to, at, message };
}

function validate(monitor: Monitor, result: CheckResult): void {
  if (result.monitorId !== monitor.id) {
    throw new Error(`result.monitorId "${result.monitorId}" does not match monitor.id "${monitor.id}"`);
  }
  if (typeof result.at !== 'number' || !Number.isFinite(result.at)) {
    throw new Error(`result.at must be epoch milliseconds, got ${String(result.at)}`);
  }
  if (!Number.isInteger(monitor.failureThreshold) || monitor.failureThreshold < 1) {
    throw new Error(`monitor "${monitor.id}": failureThreshold must be an integer >= 1, got ${String(monitor.failureThreshold)}`);
  }
  const reminder = monitor.reminderIntervalMinutes ?? 0;
  if (typeof reminder !== 'number' || !Number.isFinite(reminder) || reminder < 0) {
    throw new Error(`monitor "${monitor.id}": reminderIntervalMinutes must be a number >= 0, got ${String(reminder)}`);
  }
}
