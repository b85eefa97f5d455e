// Reads what a TLS monitor reports about a server's certificate out of Node's peer-certificate object.
import { checkServerIdentity } from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import { DAY_MS } from '../../shared/time.ts';
import type { CertificateInfo } from '../../shared/types.ts';

export interface PeerTrust {
  /** socket.authorized */
  authorized: boolean;
  /** socket.authorizationError: typed as Error, but Node sets the OpenSSL code as a string. */
  authorizationError?: Error | string | null;
}

/** "CN=Picket Test CA, O=Picket": the common name first, then the rest in certificate order. */
export function formatDistinguishedName(dn: object | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(dn ?? {}) as Array<[string, unknown]>) {
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    const formatted = values.map((v) => `${key}=${v}`);
    if (key === 'CN') parts.unshift(...formatted);
    else parts.push(...formatted);
  }
  return parts.join(', ');
}

/**
 * The DNS names and IP addresses in Node's subjectaltname string ("DNS:a.example, IP Address:127.0.0.1").
 * Node JSON-quotes values holding commas or quotes, so those are unquoted rather than split.
 */
export function parseSubjectAltNames(subjectaltname: string | undefined): string[] {
  const names: string[] = [];
  const entry = /\s*([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:,|$)/g;
  for (const match of (subjectaltname ?? '').matchAll(entry)) {
    const [, kind = '', raw = ''] = match;
    if (kind !== 'DNS' && kind !== 'IP Address') continue;
    names.push(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.trim());
  }
  return names;
}

function trustErrorOf(trust: PeerTrust): string | undefined {
  if (trust.authorized) return undefined;
  const error = trust.authorizationError;
  if (typeof error === 'string') return error;
  const code = (error as (Error & { code?: unknown }) | null | undefined)?.code;
  return typeof code === 'string' ? code : (error?.message ?? 'UNKNOWN');
}

/** name: the name the certificate must carry (serverName, else the monitor's host). */
export function readCertificateInfo(cert: PeerCertificate, trust: PeerTrust, name: string, nowMs: number): CertificateInfo {
  const validFrom = new Date(cert.valid_from);
  const validTo = new Date(cert.valid_to);
  const trustError = trustErrorOf(trust);
  const info: CertificateInfo = {
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - nowMs) / DAY_MS),
    issuer: formatDistinguishedName(cert.issuer),
    subject: formatDistinguishedName(cert.subject),
    names: parseSubjectAltNames(cert.subjectaltname),
    fingerprint256: cert.fingerprint256,
    trusted: trustError === undefined,
    nameMatches: checkServerIdentity(name, cert) === undefined,
  };
  if (trustError !== undefined) info.trustError = trustError;
  return info;
}
