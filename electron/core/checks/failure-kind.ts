// Maps a Node network error to a FailureKind and one line a person can read.
// Pure (no I/O) so every check, HTTP included, words the same failure the same way.
import type { FailureKind } from '../../shared/types.ts';

export interface Failure {
  failureKind: FailureKind;
  message: string;
}

export interface FailureContext {
  /** The name or address that was asked for, shown in DNS messages. */
  host: string;
  timeoutSeconds: number;
  /** The TCP connection was up, so a reset or an OpenSSL error means the TLS handshake failed. */
  duringTlsHandshake?: boolean;
}

const DNS_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EAI_NODATA',
  'ENODATA',
  'ESERVFAIL',
  'ENONAME',
  'EFORMERR',
  'EBADRESP',
  'EBADNAME',
  'ETIMEOUT',
  'ENOTIMP',
  'EREFUSED',
]);

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ERR_SOCKET_CLOSED']);

// OpenSSL verification results as Node reports them (error.code).
const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface ErrorFields {
  code?: string;
  syscall?: string;
  message: string;
  reason?: string;
}

/** Reads the fields Node errors carry; an AggregateError (one per address tried) speaks through its first error. */
function fieldsOf(error: unknown): ErrorFields {
  if (error instanceof AggregateError && error.errors.length > 0 && readCode(error) === undefined) {
    return fieldsOf(error.errors[0]);
  }
  if (error instanceof Error) {
    const record = error as Error & Record<string, unknown>;
    return {
      code: readCode(error),
      syscall: typeof record.syscall === 'string' ? record.syscall : undefined,
      reason: typeof record.reason === 'string' ? record.reason : undefined,
      message: error.message,
    };
  }
  return { message: String(error) };
}

function readCode(error: Error): string | undefined {
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function formatSeconds(seconds: number): string {
  return `${seconds} s`;
}

export function timeoutFailure(timeoutSeconds: number): Failure {
  return { failureKind: 'timeout', message: `timed out after ${formatSeconds(timeoutSeconds)}` };
}

/** Classifies whatever a socket, the resolver or undici threw. Never throws. */
export function describeNetworkError(error: unknown, context: FailureContext): Failure {
  const { code, syscall, reason, message } = fieldsOf(error);
  const firstLine = message.split('\n')[0] ?? message;

  // Resolver errors reuse socket codes (ECONNREFUSED: the DNS server refused), so the syscall decides first.
  if (syscall !== undefined && (syscall === 'getaddrinfo' || syscall.startsWith('query'))) {
    return { failureKind: 'dns', message: `cannot resolve ${context.host}${dnsDetail(code)}` };
  }
  if (code === undefined) {
    if (error instanceof Error && error.name === 'AbortError') return { failureKind: 'other', message: 'check cancelled' };
    return { failureKind: 'other', message: firstLine };
  }
  if (code === 'ABORT_ERR') return { failureKind: 'other', message: 'check cancelled' };
  if (DNS_CODES.has(code)) return { failureKind: 'dns', message: `cannot resolve ${context.host}${dnsDetail(code)}` };
  if (code === 'ECONNREFUSED') return { failureKind: 'refused', message: 'connection refused' };
  if (TIMEOUT_CODES.has(code)) return timeoutFailure(context.timeoutSeconds);
  if (code === 'ENETUNREACH' || code === 'ENETDOWN') return { failureKind: 'unreachable', message: 'network unreachable' };
  if (code === 'EHOSTUNREACH' || code === 'EHOSTDOWN') return { failureKind: 'unreachable', message: 'host unreachable' };
  if (code === 'EADDRNOTAVAIL') return { failureKind: 'unreachable', message: 'network unreachable (address not available)' };
  if (CERTIFICATE_CODES.has(code)) return { failureKind: 'tls', message: `certificate not trusted: ${code}` };
  if (RESET_CODES.has(code)) {
    return context.duringTlsHandshake
      ? { failureKind: 'tls', message: 'TLS handshake failed: the server closed the connection' }
      : { failureKind: 'reset', message: 'connection reset' };
  }
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_')) {
    return { failureKind: 'tls', message: `TLS handshake failed: ${reason ?? firstLine}` };
  }
  return { failureKind: 'other', message: `${firstLine}` };
}

function dnsDetail(code: string | undefined): string {
  if (code === undefined || code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'ENONAME') return '';
  if (code === 'ETIMEOUT' || code === 'EAI_AGAIN') return ' (DNS server did not answer)';
  if (code === 'ENODATA' || code === 'EAI_NODATA') return ' (no address records)';
  return ` (${code})`;
}
