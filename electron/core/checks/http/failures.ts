// Turns what undici and Node throw into a FailureKind and one line a person can read.
import type { FailureKind } from '../../../shared/types.ts';

export interface Failure {
  failureKind: FailureKind;
  message: string;
}

/** Where a check was when it failed, for "timed out after 2 s while reading the body". */
export type HttpPhase =
  | 'resolving the name'
  | 'connecting'
  | 'during the TLS handshake'
  | 'waiting for the response headers'
  | 'reading the body';

const TLS_MESSAGES: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is for another name',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate chain ends in an untrusted self-signed CA',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate is not trusted (its issuer is unknown)',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate is not trusted (its issuer is unknown)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate is not trusted (its issuer is unknown)',
  CERT_UNTRUSTED: 'certificate is not trusted',
  CERT_REVOKED: 'certificate was revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
  CERT_CHAIN_TOO_LONG: 'certificate chain is too long',
  INVALID_CA: 'certificate chain contains an invalid CA',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (is this port plain HTTP?)',
};

const SIMPLE: Record<string, Failure> = {
  ENOTFOUND: { failureKind: 'dns', message: 'name not found (DNS)' },
  EAI_AGAIN: { failureKind: 'dns', message: 'name lookup failed temporarily (DNS)' },
  EAI_NONAME: { failureKind: 'dns', message: 'name not found (DNS)' },
  EAI_FAIL: { failureKind: 'dns', message: 'name lookup failed (DNS)' },
  ECONNREFUSED: { failureKind: 'refused', message: 'connection refused' },
  ENETUNREACH: { failureKind: 'unreachable', message: 'network unreachable' },
  ENETDOWN: { failureKind: 'unreachable', message: 'network is down' },
  EHOSTUNREACH: { failureKind: 'unreachable', message: 'host unreachable' },
  EHOSTDOWN: { failureKind: 'unreachable', message: 'host is down' },
  EADDRNOTAVAIL: { failureKind: 'unreachable', message: 'address not available' },
  ECONNRESET: { failureKind: 'reset', message: 'connection reset by the server' },
  EPIPE: { failureKind: 'reset', message: 'connection closed by the server' },
  UND_ERR_SOCKET: { failureKind: 'reset', message: 'connection closed by the server mid-response' },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: {
    failureKind: 'reset',
    message: 'connection closed before the whole body arrived',
  },
  UND_ERR_HEADERS_OVERFLOW: { failureKind: 'protocol', message: 'response headers too large' },
};

// undici refuses the request itself (a header value with a newline, ...): the monitor is misconfigured.
const CONFIG_CODES = new Set(['UND_ERR_INVALID_ARG', 'ERR_INVALID_CHAR', 'ERR_INVALID_HTTP_TOKEN']);

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

// c-ares codes from a custom resolver (resolver.ts); getaddrinfo's EAI_* are in SIMPLE.
const DNS_CODES = new Set(['ENODATA', 'ESERVFAIL', 'ENONAME', 'EFORMERR', 'EBADRESP', 'EBADNAME', 'ETIMEOUT', 'ENOTIMP', 'EREFUSED', 'EAI_NODATA']);

interface Coded {
  name?: unknown;
  code?: unknown;
  syscall?: unknown;
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

export function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}

export function timeoutFailure(timeoutSeconds: number, phase: HttpPhase): Failure {
  const when = phase.startsWith('during') ? phase : `while ${phase}`;
  return { failureKind: 'timeout', message: `timed out after ${formatSeconds(timeoutSeconds)} ${when}` };
}

/** Classifies a thrown error; `phase` and `timeoutSeconds` word timeouts the same way as the hard deadline. */
export function classifyError(error: unknown, phase: HttpPhase, timeoutSeconds: number): Failure {
  const errors = chain(error);
  for (const e of errors) {
    const code = typeof e.code === 'string' ? e.code : '';
    const syscall = typeof e.syscall === 'string' ? e.syscall : '';
    // Any error from the name lookup is DNS, even ECONNREFUSED (the DNS server refused, not the target).
    if (code !== 'ENOTFOUND' && (DNS_CODES.has(code) || syscall === 'getaddrinfo' || syscall.startsWith('query'))) {
      return { failureKind: 'dns', message: `name lookup failed (DNS: ${code || 'error'})` };
    }
    if (TIMEOUT_CODES.has(code)) return timeoutFailure(timeoutSeconds, phase);
    if (CONFIG_CODES.has(code)) return { failureKind: 'config', message: `invalid request: ${String(e.message ?? code)}` };
    const simple = SIMPLE[code];
    if (simple) return simple;
    const tls = TLS_MESSAGES[code];
    if (tls) return { failureKind: 'tls', message: tls };
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') {
      return { failureKind: 'tls', message: `TLS handshake failed: ${String(e.message ?? code)}` };
    }
    // llhttp parse errors: a malformed status line, headers or chunk encoding.
    if (code.startsWith('HPE_') || e.name === 'HTTPParserError') {
      return { failureKind: 'protocol', message: `malformed response: ${String(e.message ?? code)}` };
    }
  }
  const first = errors[0];
  const text = first && typeof first.message === 'string' && first.message ? first.message : String(error);
  if (/other side closed|socket hang up|premature close/i.test(text)) {
    return { failureKind: 'reset', message: 'connection closed by the server mid-response' };
  }
  return { failureKind: 'other', message: text.split('\n')[0] ?? text };
}
