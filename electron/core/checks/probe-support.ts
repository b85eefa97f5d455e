// Plumbing shared by the socket checks (tcp, tls): the deadline, cancellation, DNS timing and input checks.
import { lookup as systemLookup } from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import type { CheckResult, PhaseTimings } from '../../shared/types.ts';
import type { Failure } from './failure-kind.ts';
import { describeNetworkError, timeoutFailure } from './failure-kind.ts';
import type { ProbeOptions } from './probe-options.ts';

/**
 * Wraps a lookup so the check learns when the name resolved. The socket's own 'lookup' event is not enough:
 * with autoSelectFamily (Node 20's default) it is skipped when the name has a single address.
 */
export function timedLookup(lookup: LookupFunction | undefined, onResolved: () => void): LookupFunction {
  const inner: LookupFunction = lookup ?? systemLookup;
  return (hostname, options, callback) => {
    inner(hostname, options, (error, address, family) => {
      onResolved();
      callback(error, address, family);
    });
  };
}

export const CANCELLED: Failure = { failureKind: 'other', message: 'check cancelled' };

/**
 * Ends a check after timeoutSeconds or when the signal aborts, whichever comes first (callers handle an
 * already-aborted signal before starting). Returns the function that disarms both once the check has finished.
 */
export function watchDeadline(timeoutSeconds: number, signal: AbortSignal | undefined, onEnd: (failure: Failure) => void): () => void {
  const cancelled = (): void => onEnd(CANCELLED);
  const timer = setTimeout(() => onEnd(timeoutFailure(timeoutSeconds)), timeoutSeconds * 1000);
  signal?.addEventListener('abort', cancelled, { once: true });
  return () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancelled);
  };
}

export type ProbeOutcome = Omit<CheckResult, 'monitorId' | 'at'>;

export interface SocketProbe {
  monitor: { id: string; host: string; timeoutSeconds: number };
  options: ProbeOptions;
  /** The phase timings so far, attached to a failure. */
  timings: () => PhaseTimings;
  /** Opens the socket and calls finish when it has a verdict; errors, the deadline and cancellation are handled here. */
  open: (finish: (outcome: ProbeOutcome) => void) => Socket;
  /** Whether a reset now means the TLS handshake failed (see FailureContext). */
  duringTlsHandshake?: () => boolean;
}

/**
 * Runs a socket check to exactly one result: the first of a verdict, a socket error, the deadline or
 * cancellation wins, then the deadline is disarmed and the socket destroyed.
 */
export function probeSocket(probe: SocketProbe): Promise<CheckResult> {
  const { monitor, options } = probe;
  const now = options.now ?? Date.now;
  return new Promise<CheckResult>((resolve) => {
    let finished = false;
    let disarm = (): void => {};
    const finish = (outcome: ProbeOutcome): void => {
      if (finished) return;
      finished = true;
      disarm();
      socket.destroy();
      resolve({ monitorId: monitor.id, at: now(), ...outcome });
    };
    const fail = (failure: Failure): void => finish({ status: 'down', latencyMs: null, ...failure, timings: probe.timings() });
    const socket = probe.open(finish);
    disarm = watchDeadline(monitor.timeoutSeconds, options.signal, fail);
    // Kept (not once) so a late error on a destroyed socket never goes unhandled.
    socket.on('error', (error) => {
      const context = { host: monitor.host, timeoutSeconds: monitor.timeoutSeconds, duringTlsHandshake: probe.duringTlsHandshake?.() };
      fail(describeNetworkError(error, context));
    });
  });
}

/** Milliseconds to one decimal: loopback connects take well under a millisecond. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

interface SocketTarget {
  id: string;
  type: string;
  host: string;
  port: number;
  timeoutSeconds: number;
}

/** A malformed monitor is a bug upstream (config validation), not a network failure: say which field and why. */
export function assertSocketTarget(monitor: SocketTarget): void {
  const where = `${monitor.type} monitor "${monitor.id}"`;
  if (typeof monitor.host !== 'string' || monitor.host.trim() === '') {
    throw new Error(`${where}: host must be a non-empty string`);
  }
  if (!Number.isInteger(monitor.port) || monitor.port < 1 || monitor.port > 65535) {
    throw new Error(`${where}: port must be an integer from 1 to 65535, got ${String(monitor.port)}`);
  }
  if (typeof monitor.timeoutSeconds !== 'number' || !Number.isFinite(monitor.timeoutSeconds) || monitor.timeoutSeconds <= 0) {
    throw new Error(`${where}: timeoutSeconds must be a positive number, got ${String(monitor.timeoutSeconds)}`);
  }
}
