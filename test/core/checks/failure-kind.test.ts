import { describe, expect, it } from 'vitest';
import { describeNetworkError } from '../../../electron/core/checks/failure-kind.ts';

function nodeError(code: string, extra: Record<string, string> = {}): Error {
  return Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code, ...extra });
}

const target = { host: 'host.example', timeoutSeconds: 10 };

describe('describeNetworkError', () => {
  it.each([
    ['ECONNREFUSED', 'refused', 'connection refused'],
    ['ETIMEDOUT', 'timeout', 'timed out after 10 s'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', 'timed out after 10 s'],
    ['ENOTFOUND', 'dns', 'cannot resolve host.example'],
    ['EAI_AGAIN', 'dns', 'cannot resolve host.example (DNS server did not answer)'],
    ['ESERVFAIL', 'dns', 'cannot resolve host.example (ESERVFAIL)'],
    ['ENETUNREACH', 'unreachable', 'network unreachable'],
    ['EHOSTUNREACH', 'unreachable', 'host unreachable'],
    ['EADDRNOTAVAIL', 'unreachable', 'network unreachable (address not available)'],
    ['ECONNRESET', 'reset', 'connection reset by the server'],
    ['CERT_HAS_EXPIRED', 'tls', 'certificate expired'],
  ])('maps %s to %s', (code, failureKind, message) => {
    expect(describeNetworkError(nodeError(code), target)).toEqual({ failureKind, message });
  });

  it('treats any error from a DNS query as dns, even with a socket-like code', () => {
    const refusedByDnsServer = nodeError('ECONNREFUSED', { syscall: 'queryA', hostname: 'host.example' });
    expect(describeNetworkError(refusedByDnsServer, target)).toEqual({ failureKind: 'dns', message: 'cannot resolve host.example (ECONNREFUSED)' });
  });

  it('blames the TLS handshake for a reset after the TCP connection was up', () => {
    expect(describeNetworkError(nodeError('ECONNRESET'), { ...target, duringTlsHandshake: true })).toEqual({
      failureKind: 'tls',
      message: 'TLS handshake failed: the server closed the connection',
    });
  });

  it("uses OpenSSL's reason for handshake errors", () => {
    const error = Object.assign(new Error('ssl3_get_record:wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER', reason: 'wrong version number' });
    expect(describeNetworkError(error, target)).toEqual({ failureKind: 'tls', message: 'TLS handshake failed: wrong version number' });
  });

  it('reads the first error of an AggregateError (one per address tried)', () => {
    const error = new AggregateError([nodeError('ECONNREFUSED'), nodeError('ENETUNREACH')], 'all failed');
    expect(describeNetworkError(error, target).failureKind).toBe('refused');
  });

  it('falls back to "other" with the first line of the message, whatever was thrown', () => {
    expect(describeNetworkError(new Error('odd\nsecond line'), target)).toEqual({ failureKind: 'other', message: 'odd' });
    expect(describeNetworkError('a string', target)).toEqual({ failureKind: 'other', message: 'a string' });
    expect(describeNetworkError(Object.assign(new Error('stop'), { code: 'ABORT_ERR' }), target)).toEqual({ failureKind: 'other', message: 'check cancelled' });
  });
});

describe('our own exhaustion is not the server failing', () => {
  it('EMFILE and ENFILE from connect or getaddrinfo are "local", not refused or dns', () => {
    for (const [code, syscall] of [['EMFILE', 'connect'], ['EMFILE', 'getaddrinfo'], ['ENFILE', 'connect'], ['ENOBUFS', 'write']]) {
      const error = Object.assign(new Error(`${syscall} ${code}`), { code, syscall });
      const failure = describeNetworkError(error, { host: 'example.test', timeoutSeconds: 5 });
      expect(failure.failureKind).toBe('local');
      expect(failure.message).toContain(`(${code}): the server was not checked`);
    }
  });
});
