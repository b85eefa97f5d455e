// Runs the right check for a monitor. A check must never throw and never outlive its timeout;
// this is the safety net that makes both true even if a check has a bug.
import type { CheckResult, Monitor } from '../../shared/types.ts';
import { checkMatrixFederation } from '../matrix/checks/federation-version.ts';
import { checkMatrixKeys } from '../matrix/checks/matrix-keys.ts';
import { checkHttp } from './http.ts';
import type { ProbeOptions } from './probe-options.ts';
import { checkTcp } from './tcp.ts';
import { checkTls } from './tls.ts';

/** Slack past the monitor's own timeout before the safety net gives up on a check. */
const SAFETY_MARGIN_MS = 1_000;

export type RunCheck = (monitor: Monitor, options?: ProbeOptions) => Promise<CheckResult>;

function dispatch(monitor: Monitor, options: ProbeOptions): Promise<CheckResult> {
  switch (monitor.type) {
    case 'http':
      return checkHttp(monitor, options);
    case 'tcp':
      return checkTcp(monitor, options);
    case 'tls':
      return checkTls(monitor, options);
    case 'matrix-federation':
      return checkMatrixFederation(monitor, options);
    case 'matrix-keys':
      return checkMatrixKeys(monitor, options);
  }
}

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
    const result = await Promise.race([dispatch(monitor, options), deadline]);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...failed(`internal error: ${message}`, 'other'), latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
};
