// Maps a Node network error to a FailureKind and one line a person can read.
// Pure (no I/O) and the one owner of the code tables (certificate codes: shared/certificate-words.ts), so every check, HTTP included, words a failure the same way.
import { CERTIFICATE_PROBLEMS } from '../../shared/certificate-words.ts';
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

/** This machine or process ran out of something: the check never reached the server. */
const LOCAL_MESSAGES: Record<string, string> = {
  EMFILE: 'Picket has too many files open (EMFILE): the server was not checked',
  ENFILE: 'this machine has too many files open (ENFILE): the server was not checked',
  ENOBUFS: 'this machine is out of network buffers (ENOBUFS): the server was not checked',
  ENOMEM: 'this machine is out of memory (ENOMEM): the server was not checked',
};

const UNREACHABLE_MESSAGES: Record<string, string> = {
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network is down',
  EHOSTUNREACH: 'host unreachable',
  EHOSTDOWN: 'host is down',
  EADDRNOTAVAIL: 'network unreachable (address not available)',
};

export interface ErrorFields {
  code?: string;
  syscall?: string;
  /** The name a resolver error was about, when Node (or resolver.ts) recorded it. */
  hostname?: string;
  message: string;
  reason?: string;
}

const stringOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Reads the fields Node errors carry from one error object, without looking at what it wraps. */
export function readFields(error: object): ErrorFields {
  const record = error as Record<string, unknown>;
  return {
    code: stringOr(record.code),
    syscall: stringOr(record.syscall),
    hostname: stringOr(record.hostname),
    reason: stringOr(record.reason),
    message: stringOr(record.message) ?? 'an error without a message',
  };
}

/** An AggregateError (one per address tried) speaks through its first error. */
function fieldsOf(error: unknown): ErrorFields {
  if (error instanceof AggregateError && error.errors.length > 0 && readFields(error).code === undefined) {
    return fieldsOf(error.errors[0]);
  }
  return error instanceof Error ? readFields(error) : { message: String(error) };
}

function firstLineOf(message: string): string {
  return message.split('\n')[0] ?? message;
}

export function formatSeconds(seconds: number): string {
  // toFixed drops float noise such as 0.30000000000000004.
  return `${Number(seconds.toFixed(3))} s`;
}

export function timeoutFailure(timeoutSeconds: number): Failure {
  return { failureKind: 'timeout', message: `timed out after ${formatSeconds(timeoutSeconds)}` };
}

/** One error's code read through the shared tables; undefined when no table knows it, so callers choose the fallback. */
export function describeErrorCode(fields: ErrorFields, context: FailureContext): Failure | undefined {
  const { code, syscall, reason, message } = fields;
  // Before the resolver's rule: getaddrinfo can fail with EMFILE too, and that is ours, not the DNS server's.
  const local = code === undefined ? undefined : LOCAL_MESSAGES[code];
  if (local !== undefined) return { failureKind: 'local', message: local };
  // Resolver errors reuse socket codes (ECONNREFUSED: the DNS server refused), so the syscall decides first.
  const fromResolver = syscall !== undefined && (syscall === 'getaddrinfo' || syscall.startsWith('query'));
  if (fromResolver || (code !== undefined && DNS_CODES.has(code))) {
    return { failureKind: 'dns', message: `cannot resolve ${context.host}${dnsDetail(code)}` };
  }
  if (code === undefined) return undefined;
  if (code === 'ECONNREFUSED') return { failureKind: 'refused', message: 'connection refused' };
  if (TIMEOUT_CODES.has(code)) return timeoutFailure(context.timeoutSeconds);
  const unreachable = UNREACHABLE_MESSAGES[code];
  if (unreachable !== undefined) return { failureKind: 'unreachable', message: unreachable };
  const certificate = CERTIFICATE_PROBLEMS[code];
  if (certificate !== undefined) return { failureKind: 'tls', message: certificate };
  if (RESET_CODES.has(code)) {
    if (context.duringTlsHandshake) return { failureKind: 'tls', message: 'TLS handshake failed: the server closed the connection' };
    return { failureKind: 'reset', message: code === 'ECONNRESET' ? 'connection reset by the server' : 'connection closed by the server' };
  }
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_')) {
    return { failureKind: 'tls', message: `TLS handshake failed: ${reason ?? firstLineOf(message)}` };
  }
  return undefined;
}

/** Classifies whatever a socket or the resolver threw. Never throws. */
export function describeNetworkError(error: unknown, context: FailureContext): Failure {
  const fields = fieldsOf(error);
  const known = describeErrorCode(fields, context);
  if (known !== undefined) return known;
  const cancelled = fields.code === 'ABORT_ERR' || (fields.code === undefined && error instanceof Error && error.name === 'AbortError');
  if (cancelled) return { failureKind: 'other', message: 'check cancelled' };
  return { failureKind: 'other', message: firstLineOf(fields.message) };
}

function dnsDetail(code: string | undefined): string {
  if (code === undefined || code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'ENONAME') return '';
  if (code === 'ETIMEOUT' || code === 'EAI_AGAIN') return ' (DNS server did not answer)';
  if (code === 'ENODATA' || code === 'EAI_NODATA') return ' (no address records)';
  return ` (${code})`;
}
