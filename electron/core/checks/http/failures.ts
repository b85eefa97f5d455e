// Turns what undici and Node throw into a FailureKind and one line a person can read.
// Network codes are read through failure-kind.ts; this file adds only what is particular to HTTP and undici.
import type { Failure } from '../failure-kind.ts';
import { describeErrorCode, readFields, timeoutFailure as plainTimeoutFailure } from '../failure-kind.ts';

/** Where a check was when it failed, for "timed out after 2 s while reading the body". */
export type HttpPhase =
  | 'resolving the name'
  | 'connecting'
  | 'during the TLS handshake'
  | 'waiting for the response headers'
  | 'reading the body';

// Worded for an HTTP exchange, ahead of the shared tables.
const HTTP_FAILURES: Record<string, Failure> = {
  UND_ERR_SOCKET: { failureKind: 'reset', message: 'connection closed by the server mid-response' },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { failureKind: 'reset', message: 'connection closed before the whole body arrived' },
  UND_ERR_HEADERS_OVERFLOW: { failureKind: 'protocol', message: 'response headers too large' },
  ERR_SSL_WRONG_VERSION_NUMBER: { failureKind: 'tls', message: 'TLS handshake failed (is this port plain HTTP?)' },
};

// undici refuses the request itself (a header value with a newline, ...): the monitor is misconfigured.
const CONFIG_CODES = new Set(['UND_ERR_INVALID_ARG', 'ERR_INVALID_CHAR', 'ERR_INVALID_HTTP_TOKEN']);

// The shared tables read these as a reset or a timeout, but the HTTP check has always looked past them
// (to the error they wrap, or 'other'); treating them alike would change verdicts, so it is left to its own change.
const LOOKED_PAST = new Set(['ESOCKETTIMEDOUT', 'ECONNABORTED', 'ERR_SOCKET_CLOSED', 'UND_ERR_CLOSED']);

interface Coded {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and everything it wraps (cause chains, AggregateError from Happy Eyeballs), outermost first. */
function chain(error: unknown): Coded[] {
  const out: Coded[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && out.length < 20) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null) continue;
    const c = e as Coded;
    out.push(c);
    if (c.cause !== undefined) queue.push(c.cause);
    if (Array.isArray(c.errors)) queue.push(...(c.errors as unknown[]));
  }
  return out;
}

/** The name a DNS error was about: undici does not say which host it was connecting to, the resolver error does. */
function hostOf(errors: Coded[]): string {
  for (const e of errors) {
    const { hostname } = readFields(e);
    if (hostname !== undefined && hostname !== '') return hostname;
  }
  return 'the host name';
}

export function timeoutFailure(timeoutSeconds: number, phase: HttpPhase): Failure {
  const when = phase.startsWith('during') ? phase : `while ${phase}`;
  return { failureKind: 'timeout', message: `${plainTimeoutFailure(timeoutSeconds).message} ${when}` };
}

/** Classifies a thrown error; `phase` and `timeoutSeconds` word timeouts the same way as the hard deadline. */
export function classifyError(error: unknown, phase: HttpPhase, timeoutSeconds: number): Failure {
  const errors = chain(error);
  const context = { host: hostOf(errors), timeoutSeconds };
  for (const e of errors) {
    const fields = readFields(e);
    const code = fields.code ?? '';
    const shared = describeErrorCode(fields, context);
    // Anything from the name lookup is DNS first, whatever its code.
    if (shared?.failureKind === 'dns') return shared;
    if (CONFIG_CODES.has(code)) return { failureKind: 'config', message: `invalid request: ${fields.message}` };
    const own = HTTP_FAILURES[code];
    // A copy: http.ts rewords reset messages in place.
    if (own !== undefined) return { ...own };
    if (shared !== undefined && !LOOKED_PAST.has(code)) {
      return shared.failureKind === 'timeout' ? timeoutFailure(timeoutSeconds, phase) : shared;
    }
    // llhttp parse errors: a malformed status line, headers or chunk encoding.
    if (code.startsWith('HPE_') || e.name === 'HTTPParserError') {
      return { failureKind: 'protocol', message: `malformed response: ${fields.message}` };
    }
  }
  const first = errors[0];
  const text = first && typeof first.message === 'string' && first.message ? first.message : String(error);
  if (/other side closed|socket hang up|premature close/i.test(text)) {
    return { failureKind: 'reset', message: 'connection closed by the server mid-response' };
  }
  return { failureKind: 'other', message: text.split('\n')[0] ?? text };
}
