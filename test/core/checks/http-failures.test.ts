// The error-to-FailureKind mapping, for codes a loopback test cannot provoke (unreachable networks, DNS).
import { describe, expect, it } from 'vitest';
import { classifyError } from '../../../electron/core/checks/http/failures.ts';

const coded = (code: string, message = code): Error => Object.assign(new Error(message), { code });

describe('classifyError', () => {
  it('maps Node and undici codes to failure kinds', () => {
    const cases: Array<[string, string]> = [
      ['ENOTFOUND', 'dns'],
      ['EAI_AGAIN', 'dns'],
      ['ECONNREFUSED', 'refused'],
      ['ETIMEDOUT', 'timeout'],
      ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
      ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
      ['UND_ERR_BODY_TIMEOUT', 'timeout'],
      ['ENETUNREACH', 'unreachable'],
      ['EHOSTUNREACH', 'unreachable'],
      ['ECONNRESET', 'reset'],
      ['UND_ERR_SOCKET', 'reset'],
      ['CERT_HAS_EXPIRED', 'tls'],
      ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
      ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
      ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
      ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'tls'],
      ['UND_ERR_HEADERS_OVERFLOW', 'protocol'],
      ['HPE_INVALID_CONSTANT', 'protocol'],
      ['UND_ERR_INVALID_ARG', 'config'],
    ];
    for (const [code, kind] of cases) {
      expect(classifyError(coded(code), 'connecting', 2).failureKind, code).toBe(kind);
    }
  });

  it('treats every error of the name lookup as dns, whatever its code', () => {
    const dnsServerDown = Object.assign(coded('ECONNREFUSED', 'queryA ECONNREFUSED x.test'), { syscall: 'queryA' });
    expect(classifyError(dnsServerDown, 'resolving the name', 2)).toEqual({
      failureKind: 'dns',
      message: 'cannot resolve the host name (ECONNREFUSED)',
    });
    expect(classifyError(coded('ETIMEOUT'), 'resolving the name', 2).failureKind).toBe('dns');
    expect(classifyError(coded('ESERVFAIL'), 'resolving the name', 2).failureKind).toBe('dns');
    const notFound = Object.assign(coded('ENOTFOUND'), { syscall: 'queryA' });
    expect(classifyError(notFound, 'resolving the name', 2).message).toBe('cannot resolve the host name');
  });

  it('looks through causes and AggregateErrors (Happy Eyeballs)', () => {
    const wrapped = new Error('fetch failed', { cause: coded('ECONNREFUSED') });
    expect(classifyError(wrapped, 'connecting', 2)).toEqual({ failureKind: 'refused', message: 'connection refused' });
    const aggregate = new AggregateError([coded('ENETUNREACH'), coded('EHOSTUNREACH')], 'connect failed');
    expect(classifyError(aggregate, 'connecting', 2).failureKind).toBe('unreachable');
  });

  it('words timeouts with the phase, and keeps unknown errors readable', () => {
    expect(classifyError(coded('UND_ERR_BODY_TIMEOUT'), 'reading the body', 1.5).message).toBe(
      'timed out after 1.5 s while reading the body',
    );
    expect(classifyError(new Error('something odd\nsecond line'), 'connecting', 2)).toEqual({
      failureKind: 'other',
      message: 'something odd',
    });
    expect(classifyError(new Error('other side closed'), 'reading the body', 2).failureKind).toBe('reset');
  });
});
