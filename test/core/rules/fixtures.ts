// Monitors and results for the rules tests: plain objects, time is whatever number the test passes.
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import { applyResult, initialRuleState, type MonitorRuleState, type RuleOutcome } from '../../../electron/core/rules/monitor-rules.ts';
import type { CertificateInfo, CheckResult, FailureKind, HttpMonitor, MatrixKeysMonitor, Monitor, TcpMonitor, TlsMonitor } from '../../../electron/shared/types.ts';

export const MIN = 60_000;

export function httpMonitor(overrides: Partial<HttpMonitor> = {}): HttpMonitor {
  // The config format's own defaults, so these tests see the monitor the engine would run.
  const defaults = parseMonitor({ id: 'api', name: 'API', type: 'http', url: 'http://127.0.0.1:8080/health' }) as HttpMonitor;
  return { ...defaults, ...overrides };
}

export function tcpMonitor(overrides: Partial<TcpMonitor> = {}): TcpMonitor {
  return {
    id: 'db',
    name: 'DB',
    type: 'tcp',
    intervalSeconds: 60,
    timeoutSeconds: 10,
    failureThreshold: 1,
    reminderIntervalMinutes: 0,
    paused: false,
    host: '127.0.0.1',
    port: 5432,
    ...overrides,
  };
}

export function tlsMonitor(overrides: Partial<TlsMonitor> = {}): TlsMonitor {
  return {
    id: 'cert',
    name: 'Cert',
    type: 'tls',
    intervalSeconds: 3600,
    timeoutSeconds: 10,
    failureThreshold: 1,
    reminderIntervalMinutes: 0,
    paused: false,
    host: 'example.test',
    port: 443,
    expiryWarningDays: [30, 14, 7, 3, 1],
    tls: {},
    ...overrides,
  };
}

export function matrixKeysMonitor(overrides: Partial<MatrixKeysMonitor> = {}): MatrixKeysMonitor {
  return {
    id: 'keys',
    name: 'Signing keys',
    type: 'matrix-keys',
    intervalSeconds: 300,
    timeoutSeconds: 10,
    failureThreshold: 1,
    reminderIntervalMinutes: 0,
    paused: false,
    group: 'example.test',
    serverName: 'example.test',
    host: 'matrix.example.test',
    port: 443,
    hostHeader: 'matrix.example.test',
    tlsServerName: 'matrix.example.test',
    tls: {},
    ...overrides,
  };
}

/** A signing-key answer as checkMatrixKeys reports it: key ids and a fingerprint in detail. */
export function keysResult(monitorId: string, at: number, keyIds: string, keyFingerprint: string, status: CheckResult['status'] = 'up'): CheckResult {
  const message = status === 'down' ? 'signing keys: no signature by its own verify keys' : `signature by ${keyIds} verified`;
  return { monitorId, status, at, latencyMs: 20, message, detail: { keyIds, keyFingerprint } };
}

export function up(monitorId: string, at: number, message = '200 OK'): CheckResult {
  return { monitorId, status: 'up', at, latencyMs: 20, message };
}

export function warning(monitorId: string, at: number, message = 'slow: 900 ms'): CheckResult {
  return { monitorId, status: 'warning', at, latencyMs: 900, message };
}

export function down(monitorId: string, at: number, failureKind: FailureKind = 'refused', message = 'connection refused'): CheckResult {
  return { monitorId, status: 'down', at, latencyMs: null, message, failureKind };
}

export function certificate(daysLeft: number, fingerprint256 = 'AA:BB', validTo = '2026-12-01T12:00:00.000Z'): CertificateInfo {
  return {
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo,
    daysLeft,
    issuer: 'CN=Test CA',
    subject: 'CN=example.test',
    names: ['example.test'],
    fingerprint256,
    trusted: true,
    nameMatches: true,
  };
}

/** Feeds results in order through the rules; returns the final state and every outcome. */
export function runRules(monitor: Monitor, results: CheckResult[], start: MonitorRuleState = initialRuleState(monitor)): { state: MonitorRuleState; outcomes: RuleOutcome[] } {
  let state = start;
  const outcomes: RuleOutcome[] = [];
  for (const result of results) {
    const outcome = applyResult(monitor, state, result);
    outcomes.push(outcome);
    state = outcome.next;
  }
  return { state, outcomes };
}
