// The HTTP(S) check: one request (plus redirects) under one hard deadline, judged on status,
// keyword and speed. It never throws for anything the server does: every failure is a 'down' result.
import { STATUS_CODES } from 'node:http';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { CheckResult, FailureKind, HttpMonitor, PhaseTimings } from '../../shared/types.ts';
import type { Failure } from './failure-kind.ts';
import { readBody } from './http/body-reader.ts';
import { classifyError, timeoutFailure } from './http/failures.ts';
import type { HttpPhase } from './http/failures.ts';
import { KeywordScanner } from './http/keyword-scanner.ts';
import { checkRedirectAllowed, isRedirect, RedirectError, redirectStep } from './http/redirects.ts';
import { ConfigError, planRequest } from './http/request-plan.ts';
import type { HttpPlan, HttpStep } from './http/request-plan.ts';
import { formatExpectedStatus, statusMatches } from './http/status-ranges.ts';
import { TimedConnector } from './http/timed-connector.ts';
import type { ConnectToRule } from './connect-to.ts';

export { statusMatches, formatExpectedStatus, parseExpectedStatus } from './http/status-ranges.ts';

export interface HttpCheckOptions {
  /** Wall clock for result.at. */
  now?: () => number;
  /** Cancels the check; it then ends 'down' with "check cancelled". */
  signal?: AbortSignal;
  /** dns.lookup-compatible resolver (must honour options.all), so tests and callers can replace DNS. */
  lookup?: LookupFunction;
  /** curl-style --connect-to rules, applied after the monitor's own connectTo. */
  connectTo?: readonly ConnectToRule[];
  /** Extra trusted CA certificates (PEM) for every check, added to the system roots (--ca). */
  extraCa?: readonly string[];
  /**
   * Receives the final response's body (at most maxBodyBytes) when its status was expected, for checks
   * built on this one that judge the content (Matrix JSON). Reading then goes to the end, not to the keyword.
   */
  onBody?: (body: Buffer) => void;
}

/** What a check learnt before reaching its verdict. */
interface Outcome {
  statusCode?: number;
  firstByteMs?: number;
  failure?: Failure;
}

/** Thrown into the request as the abort reason when the hard deadline passes. */
class DeadlineReached extends Error {
  override readonly name = 'DeadlineReached';
}

function abortedBy(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    // The reason as the aborter gave it (DeadlineReached, or the caller's cancel); the DOM types call it any.
    const rejectWithReason = (): void => reject(signal.reason as unknown);
    if (signal.aborted) rejectWithReason();
    else signal.addEventListener('abort', rejectWithReason, { once: true });
  });
}

function statusLine(code: number): string {
  const text = STATUS_CODES[code];
  return text ? `${code} ${text}` : String(code);
}

function keywordFailure(monitor: HttpMonitor, keyword: string, bytes: number, capped: boolean, found: boolean): Failure | undefined {
  if (monitor.keywordInvert) {
    return found ? { failureKind: 'keyword', message: `keyword "${keyword}" found, but it must not appear` } : undefined;
  }
  if (found) return undefined;
  const where = capped ? `the first ${bytes} bytes` : `${bytes} bytes`;
  return { failureKind: 'keyword', message: `keyword "${keyword}" not found in ${where}` };
}

/** Passes chunks through, keeping a copy (for onBody). */
async function* keeping(body: AsyncIterable<Uint8Array>, kept: Uint8Array[]): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    kept.push(chunk);
    yield chunk;
  }
}

/** Runs the requests (following redirects) and reads the final body; throws what undici throws. */
async function exchange(
  monitor: HttpMonitor,
  plan: HttpPlan,
  agent: Agent,
  signal: AbortSignal,
  setPhase: (phase: HttpPhase) => void,
  outcome: Outcome,
  onBody?: (body: Buffer) => void,
): Promise<void> {
  let step: HttpStep = plan.first;
  const visited = [step.url.href];
  for (;;) {
    const hopStarted = performance.now();
    setPhase('waiting for the response headers');
    const response = await Promise.race([
      request(step.url, { dispatcher: agent, method: step.method, headers: step.headers, body: step.body, signal }),
      abortedBy(signal),
    ]);
    // undici errors a body destroyed before its end with AbortError; this check destroys bodies on purpose.
    response.body.on('error', () => {});
    outcome.statusCode = response.statusCode;
    outcome.firstByteMs = Math.round((performance.now() - hopStarted) * 10) / 10;
    setPhase('reading the body');

    const location = response.headers.location;
    if (plan.maxRedirects > 0 && isRedirect(response.statusCode, typeof location === 'string' ? location : undefined)) {
      response.body.destroy();
      try {
        step = redirectStep(step, response.statusCode, location as string);
        checkRedirectAllowed(visited, step.url.href, plan.maxRedirects);
      } catch (error) {
        if (!(error instanceof RedirectError)) throw error;
        outcome.failure = { failureKind: 'redirect', message: error.message };
        return;
      }
      visited.push(step.url.href);
      continue;
    }

    if (!statusMatches(response.statusCode, plan.expectedStatus)) {
      response.body.destroy();
      const expected = formatExpectedStatus(plan.expectedStatus);
      outcome.failure = { failureKind: 'status', message: `expected status ${expected}, got ${statusLine(response.statusCode)}` };
      return;
    }

    const keyword = monitor.keyword ? monitor.keyword : undefined;
    const scanner = keyword ? new KeywordScanner(keyword, monitor.keywordCaseInsensitive) : undefined;
    const kept: Uint8Array[] = [];
    const source = onBody ? keeping(response.body, kept) : response.body;
    const read = await Promise.race([readBody(source, plan.maxBodyBytes, onBody ? undefined : scanner), abortedBy(signal)]);
    if (onBody) {
      const body = Buffer.concat(kept).subarray(0, plan.maxBodyBytes);
      const found = scanner !== undefined && (scanner.push(body) || scanner.finish());
      if (keyword) outcome.failure = keywordFailure(monitor, keyword, read.bytes, read.capped, found);
      onBody(body);
      return;
    }
    if (keyword) outcome.failure = keywordFailure(monitor, keyword, read.bytes, read.capped, read.found);
    return;
  }
}

/**
 * No connection outlives its check. After a clean answer the agent closes its socket as any client would
 * (a FIN once the response is done); destroying it instead costs undici an error object per socket and
 * the kernel a reset. After a failure or a deadline, every socket the check opened is destroyed at once.
 */
function closeConnections(agent: Agent, connector: TimedConnector, clean: boolean): void {
  if (clean) {
    agent.close().then(
      () => connector.destroyAll(),
      () => connector.destroyAll(),
    );
    return;
  }
  connector.destroyAll();
  agent.destroy().catch(() => {});
}

export async function checkHttp(monitor: HttpMonitor, options: HttpCheckOptions = {}): Promise<CheckResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const finish = (result: Omit<CheckResult, 'monitorId' | 'at'>): CheckResult => ({
    monitorId: monitor.id,
    at: options.now?.() ?? Date.now(),
    ...result,
  });
  const down = (failureKind: FailureKind, message: string): CheckResult =>
    finish({ status: 'down', latencyMs: null, message, failureKind, timings: { totalMs: elapsed() } });

  let plan: HttpPlan;
  try {
    plan = await planRequest(monitor, options.extraCa);
  } catch (error) {
    return down(error instanceof ConfigError ? 'config' : 'other', (error as Error).message);
  }
  if (options.signal?.aborted) return down('other', 'check cancelled');

  // An object, not a let: callbacks move it along and TypeScript must not narrow it.
  const progress: { phase: HttpPhase } = { phase: 'connecting' };
  const setPhase = (phase: HttpPhase): void => {
    progress.phase = phase;
  };
  const connector = new TimedConnector(plan.tls, setPhase, options.lookup, plan.connectTo, options.connectTo);
  // A fresh agent per check: no connection outlives the check, and the undici timeouts back up the deadline.
  const agent = new Agent({
    connect: connector.connect,
    headersTimeout: plan.timeoutMs,
    bodyTimeout: plan.timeoutMs,
    pipelining: 1,
  });
  const controller = new AbortController();
  const deadline = new DeadlineReached(`deadline of ${plan.timeoutMs} ms reached`);
  const timer = setTimeout(() => controller.abort(deadline), plan.timeoutMs);
  const cancel = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', cancel, { once: true });

  const outcome: Outcome = {};
  try {
    await exchange(monitor, plan, agent, controller.signal, setPhase, outcome, options.onBody);
  } catch (error) {
    if (controller.signal.reason === deadline) {
      outcome.failure = timeoutFailure(plan.timeoutMs / 1000, progress.phase);
    } else if (controller.signal.aborted) {
      outcome.failure = { failureKind: 'other', message: 'check cancelled' };
    } else {
      const failure = classifyError(error, progress.phase, plan.timeoutMs / 1000);
      if (failure.failureKind === 'reset' && progress.phase !== 'reading the body') {
        failure.message = 'connection closed by the server before it answered';
      }
      outcome.failure = failure;
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
    closeConnections(agent, connector, outcome.failure === undefined && !controller.signal.aborted);
  }

  const totalMs = elapsed();
  const timings: PhaseTimings = { ...connector.lastTimings, totalMs };
  if (outcome.firstByteMs !== undefined) timings.firstByteMs = outcome.firstByteMs;
  const answered = outcome.statusCode !== undefined;
  const common = {
    latencyMs: answered ? totalMs : null,
    timings,
    ...(answered ? { statusCode: outcome.statusCode } : {}),
  };
  if (outcome.failure) {
    return finish({ status: 'down', message: outcome.failure.message, failureKind: outcome.failure.failureKind, ...common });
  }
  const ok = `${statusLine(outcome.statusCode ?? 0)} in ${totalMs} ms`;
  if (monitor.slowResponseMs !== undefined && totalMs > monitor.slowResponseMs) {
    return finish({ status: 'warning', message: `${ok}, slower than ${monitor.slowResponseMs} ms`, ...common });
  }
  return finish({ status: 'up', message: ok, ...common });
}
