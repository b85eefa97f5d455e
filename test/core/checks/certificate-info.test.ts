import { describe, expect, it } from 'vitest';
import { formatDistinguishedName, parseSubjectAltNames } from '../../../electron/core/checks/certificate-info.ts';
import { judgeCertificate } from '../../../electron/core/checks/certificate-verdict.ts';
import type { CertificateInfo } from '../../../electron/shared/types.ts';

describe('parseSubjectAltNames', () => {
  it('keeps DNS names and IP addresses, drops other kinds', () => {
    expect(parseSubjectAltNames('DNS:a.example, DNS:*.b.example, IP Address:127.0.0.1, URI:https://x/, IP Address:0:0:0:0:0:0:0:1')).toEqual([
      'a.example',
      '*.b.example',
      '127.0.0.1',
      '0:0:0:0:0:0:0:1',
    ]);
  });

  it('unquotes the names Node JSON-quotes instead of splitting them', () => {
    expect(parseSubjectAltNames('DNS:"evil, DNS:fake.example", DNS:ok.example')).toEqual(['evil, DNS:fake.example', 'ok.example']);
  });

  it('gives no names when the certificate has none', () => {
    expect(parseSubjectAltNames(undefined)).toEqual([]);
  });
});

describe('formatDistinguishedName', () => {
  it('puts the common name first and repeats multi-valued fields', () => {
    expect(formatDistinguishedName({ C: 'NL', O: 'Picket', OU: ['Ops', 'Web'], CN: 'Test CA' })).toBe('CN=Test CA, C=NL, O=Picket, OU=Ops, OU=Web');
    expect(formatDistinguishedName(undefined)).toBe('');
  });
});

describe('judgeCertificate', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const info: CertificateInfo = {
    validFrom: '2025-12-01T00:00:00.000Z',
    validTo: '2026-03-01T12:00:00.000Z',
    daysLeft: 59,
    issuer: 'CN=CA',
    subject: 'CN=a.example',
    names: ['a.example', 'b.example'],
    fingerprint256: 'AA',
    trusted: true,
    nameMatches: true,
  };
  const monitor = { expiryWarningDays: [30, 7], tls: {} };

  it('reports the first problem: expiry before trust before name', () => {
    const everythingWrong = { ...info, trusted: false, trustError: 'X', nameMatches: false };
    expect(judgeCertificate(everythingWrong, monitor, 'c.example', Date.parse('2026-03-04T13:00:00Z')).message).toBe('certificate expired 3 days ago');
    expect(judgeCertificate(everythingWrong, monitor, 'c.example', now).message).toBe('certificate is not trusted (X)');
    expect(judgeCertificate({ ...info, nameMatches: false }, monitor, 'c.example', now).message).toBe(
      'certificate is for a.example, b.example, not c.example',
    );
  });

  it('warns from the largest threshold down, and is up above it', () => {
    expect(judgeCertificate({ ...info, daysLeft: 30 }, monitor, 'a.example', now)).toEqual({
      status: 'warning',
      failureKind: 'certificate',
      message: 'certificate expires in 30 days (2026-03-01)',
    });
    expect(judgeCertificate({ ...info, daysLeft: 31 }, monitor, 'a.example', now)).toEqual({ status: 'up', message: 'certificate valid for 31 more days' });
    expect(judgeCertificate({ ...info, daysLeft: 1 }, { ...monitor, expiryWarningDays: [] }, 'a.example', now).status).toBe('up');
  });
});
