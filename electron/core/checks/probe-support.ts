// Plumbing shared by the socket checks (tcp, tls): the deadline, cancellation, DNS timing and input checks.
import { lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { Failure } from './failure-kind.ts';
import { timeoutFailure } from './failure-kind.ts';

/**
 * Wraps a lookup so the check learns when the name resolved. The socket's own 'lookup' event is not enough:
 * with autoSelectFamily (Node 20's default) it is skipped when the name has a single address.
 */
export function timedLookup(lookup: LookupFunction | undefined, onResolved: () => void): LookupFunction {
  const inner: LookupFunction = lookup ?? (systemLookup as LookupFunction);
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
