// Runs the right check for a monitor. A check must never throw and never outlive its timeout;
// this is the safety net that makes both true even if a check has a bug.
import type { CheckResult, Monitor } from '../../shared/types.ts';
import { descriptorOf } from '../monitor-types/registry.ts';
import type { ProbeOptions } from './probe-options.ts';

/** Slack past the monitor's own timeout before the safety net gives up on a check. */
const SAFETY_MARGIN_MS = 1_000;

export type RunCheck = (monitor: Monitor, options?: ProbeOptions) => Promise<CheckResult>;

export const runCheck: RunCheck = async (monitor, options = {}) => {
  const now = options.now ?? Date.now;
  const started = performance.now();
  const failed = (message: string, failureKind: CheckResult['failureKind']): CheckResult => ({
    monitorId: monitor.id,
    status: 'down',
    at: now(),
    latencyMs: null,
    message,
    failureKind,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve(failed(`check did not finish within ${monitor.timeoutSeconds} s`, 'timeout')),
      monitor.timeoutSeconds * 1000 + SAFETY_MARGIN_MS,
    );
  });
  try {
    const result = await Promise.race([descriptorOf(monitor).check(monitor, options), deadline]);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...failed(`internal error: ${message}`, 'other'), latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
};
