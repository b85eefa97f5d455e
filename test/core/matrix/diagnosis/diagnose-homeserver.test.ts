// Every case of the diagnosis table, from group states as the engine would hold them.
import { describe, expect, it } from 'vitest';
import { diagnoseHomeserver } from '../../../../electron/core/matrix/diagnosis/diagnose-homeserver.ts';
import type { DiagnosisCase, DiagnosisRole, HomeserverStates, RoleStatus } from '../../../../electron/core/matrix/diagnosis/types.ts';
import type { DiscoveredHomeserver } from '../../../../electron/core/matrix/group/discovered.ts';
import type { CertificateInfo, CheckResult, FailureKind } from '../../../../electron/shared/types.ts';

const discovery: DiscoveredHomeserver = {
  serverName: 'example.org',
  federation: { host: 'matrix.example.org', port: 8448, hostHeader: 'example.org', tlsServerName: 'example.org', via: 'srv' },
  client: { baseUrl: 'https://matrix.example.org' },
};

function result(status: CheckResult['status'], message: string, extra: Partial<CheckResult> = {}): CheckResult {
  return { monitorId: 'm', status, at: 0, latencyMs: status === 'down' ? null : 10, message, ...extra };
}
const up = (extra: Partial<RoleStatus> = {}): RoleStatus => ({ state: 'up', lastResult: result('up', 'ok'), ...extra });
const down = (failureKind: FailureKind, message: string = failureKind, extra: Partial<CheckResult> = {}): RoleStatus => ({
  state: 'down',
  lastResult: result('down', message, { failureKind, ...extra }),
});
const certificate = (info: Partial<CertificateInfo>): CertificateInfo => ({
  validFrom: '2025-01-01T00:00:00Z',
  validTo: '2025-04-01T00:00:00Z',
  daysLeft: 60,
  issuer: 'CN=CA',
  subject: 'CN=example.org',
  names: ['example.org'],
  fingerprint256: 'AA',
  trusted: true,
  nameMatches: true,
  ...info,
});

/** All six monitors up, with some roles replaced. */
function group(changes: Partial<Record<DiagnosisRole, RoleStatus>>): HomeserverStates {
  return { client: up(), federation: up(), federationTcp: up(), clientCert: up(), federationCert: up(), keys: up(), discovery: up(), ...changes };
}

const table: Array<[string, HomeserverStates, DiagnosisCase, 'ok' | 'warning' | 'down', RegExp]> = [
  ['everything up', group({}), 'healthy', 'ok', /^example\.org is healthy/],
  [
    'process crash: every port refuses',
    group({ client: down('refused'), federation: down('refused'), federationTcp: down('refused'), keys: down('refused'), clientCert: down('refused'), federationCert: down('refused') }),
    'process-down',
    'down',
    /not running/,
  ],
  [
    'host down: everything times out',
    group({ client: down('timeout'), federation: down('timeout'), federationTcp: down('timeout'), keys: down('timeout') }),
    'host-down',
    'down',
    /down or unreachable/,
  ],
  [
    'database gone: ports open, HTTP fails',
    group({ client: down('status', 'expected status 200-299, got 502 Bad Gateway'), federation: down('status') }),
    'not-answering',
    'down',
    /accepts connections but does not answer \(expected status 200-299, got 502 Bad Gateway\)/,
  ],
  [
    'federation listener or delegation broken: client up, federation down',
    group({ federation: down('status', 'expected status 200, got 404 Not Found'), keys: down('status') }),
    'federation-broken',
    'down',
    /Federation listener or delegation broken: expected status 200, got 404 Not Found/,
  ],
  [
    'federation down with a TLS name problem',
    group({ federation: down('tls', 'certificate is for another name (federation here needs a certificate for example.org)') }),
    'federation-broken',
    'down',
    /Federation listener or delegation broken: certificate is for another name/,
  ],
  [
    'firewall on the federation port: TCP times out, client HTTP up',
    group({ federationTcp: down('timeout'), federation: down('timeout'), keys: down('timeout'), federationCert: down('timeout') }),
    'federation-port-blocked',
    'down',
    /Firewall or routing blocks matrix\.example\.org:8448: connections time out/,
  ],
  [
    'federation listener not bound: TCP refused, client HTTP up',
    group({ federationTcp: down('refused'), federation: down('refused') }),
    'federation-listener-down',
    'down',
    /Nothing listens on matrix\.example\.org:8448/,
  ],
  [
    'certificate expired (client and federation fail as TLS errors too)',
    group({
      clientCert: down('certificate', 'certificate expired 3 days ago', { certificate: certificate({ daysLeft: -3 }) }),
      federationCert: down('certificate', 'certificate expired 3 days ago', { certificate: certificate({ daysLeft: -3 }) }),
      client: down('tls'),
      federation: down('tls'),
    }),
    'certificate-invalid',
    'down',
    /Certificate for matrix\.example\.org expired 3 days ago/,
  ],
  [
    'federation certificate for the wrong name',
    group({ federationCert: down('certificate', 'certificate is for another name', { certificate: certificate({ nameMatches: false }) }) }),
    'certificate-invalid',
    'down',
    /Certificate on matrix\.example\.org:8448 is not valid for example\.org/,
  ],
  [
    'certificate untrusted',
    group({ clientCert: down('certificate', 'untrusted', { certificate: certificate({ trusted: false, trustError: 'self-signed certificate' }) }) }),
    'certificate-invalid',
    'down',
    /not trusted \(self-signed certificate\)/,
  ],
  [
    'certificate about to expire',
    group({ federationCert: { state: 'warning', lastResult: result('warning', 'expires in 5 days', { certificate: certificate({ daysLeft: 5 }) }) } }),
    'certificate-expiring',
    'warning',
    /Certificate for example\.org expires in 5 days/,
  ],
  [
    'DNS misconfigured: every name fails to resolve',
    group({ client: down('dns'), federation: down('dns'), federationTcp: down('dns'), keys: down('dns'), clientCert: down('dns'), federationCert: down('dns'), discovery: down('dns') }),
    'dns',
    'down',
    /DNS misconfigured: names of example\.org do not resolve \(client API, federation API, federation port, client certificate, federation certificate, signing keys, server discovery\)/,
  ],
  ['DNS: only the SRV target fails', group({ federationTcp: down('dns'), federation: down('dns') }), 'dns', 'down', /federation API, federation port/],
  ['well-known broken', group({ discovery: down('protocol', '/.well-known/matrix/server is not JSON') }), 'well-known-broken', 'down', /Delegation broken: discovery of example\.org fails \(\/\.well-known\/matrix\/server is not JSON\)/],
  [
    'delegation changed',
    group({ discovery: { state: 'warning', lastResult: result('warning', 'federation port 8448 → 443') } }),
    'delegation-changed',
    'warning',
    /Delegation of example\.org changed: federation port 8448 → 443/,
  ],
  [
    'signing key expired',
    group({ keys: down('protocol', 'signing keys: keys expired 2 d ago', { detail: { keyProblem: 'expired' } }) }),
    'signing-key-invalid',
    'down',
    /Signing key invalid: keys expired 2 d ago/,
  ],
  [
    'signing key with a bad signature',
    group({ keys: down('protocol', 'signing keys: signature by ed25519:abc does not verify', { detail: { keyProblem: 'signature', keyIds: 'ed25519:abc' } }) }),
    'signing-key-invalid',
    'down',
    /signature by ed25519:abc does not verify/,
  ],
  [
    'signing key changed',
    group({
      keys: { state: 'up', lastResult: result('up', 'ok', { detail: { keyIds: 'ed25519:b', keyFingerprint: 'f2' } }), previousDetail: { keyIds: 'ed25519:a', keyFingerprint: 'f1' } },
    }),
    'signing-key-changed',
    'warning',
    /Signing key of example\.org changed: ed25519:a → ed25519:b/,
  ],
  [
    'a client worker or route failing: client down, federation up',
    group({ client: down('status', 'expected status 200-299, got 502 Bad Gateway') }),
    'route-failing',
    'down',
    /A worker or route is failing: client API down \(expected status 200-299, got 502 Bad Gateway\) while federation API/,
  ],
  ['the key route failing: keys 404, federation up', group({ keys: down('status', 'expected status 200, got 404 Not Found') }), 'route-failing', 'down', /signing keys down/],
  ['a slow client API', group({ client: { state: 'warning', lastResult: result('warning', '200 OK in 3000 ms, slower than 1000 ms') } }), 'slow', 'warning', /^Client API degraded: 200 OK in 3000 ms/],
];

describe('diagnoseHomeserver', () => {
  it.each(table)('%s', (_label, states, expectedCase, severity, cause) => {
    const diagnosis = diagnoseHomeserver(states, discovery);
    expect(diagnosis).not.toBeNull();
    expect(diagnosis?.case).toBe(expectedCase);
    expect(diagnosis?.severity).toBe(severity);
    expect(diagnosis?.cause).toMatch(cause);
    expect(diagnosis?.advice.length).toBeGreaterThan(10);
  });

  it('gives advice in the seed guide\'s words for the main cases', () => {
    expect(diagnoseHomeserver(group({ client: down('refused'), federation: down('refused'), federationTcp: down('refused') }), discovery)?.advice).toMatch(/Synapse process/);
    expect(diagnoseHomeserver(group({ federationTcp: down('timeout'), federation: down('timeout') }), discovery)?.advice).toMatch(/Allow port 8448\/tcp inbound/);
    expect(diagnoseHomeserver(group({ federation: down('status') }), discovery)?.advice).toMatch(/does not route \/_matrix\/federation/);
  });

  it('names each host once in the DNS advice, without ports: a made-up name is the server, client and federation host at once', () => {
    const made: DiscoveredHomeserver = {
      serverName: 'made-up-homeserver.test',
      federation: { host: 'made-up-homeserver.test', port: 8448, hostHeader: 'made-up-homeserver.test', tlsServerName: 'made-up-homeserver.test', via: 'default-port' },
      client: { baseUrl: 'https://made-up-homeserver.test' },
    };
    const everything = group({ client: down('dns'), federation: down('dns'), federationTcp: down('dns'), discovery: down('dns') });
    expect(diagnoseHomeserver(everything, made)?.advice).toMatch(/ of made-up-homeserver\.test at your DNS provider/);
    expect(diagnoseHomeserver(everything, discovery)?.advice).toMatch(/ of example\.org and matrix\.example\.org at your DNS provider/);
  });

  it('lists the roles the cause explains, so one notification can stand for them', () => {
    const diagnosis = diagnoseHomeserver(group({ federationTcp: down('timeout'), federation: down('timeout'), keys: down('timeout') }), discovery);
    expect(diagnosis?.roles).toEqual(['federation', 'federationTcp', 'keys']);
  });

  it('does not count pending monitors as failing', () => {
    expect(diagnoseHomeserver(group({ federation: { state: 'pending', lastResult: result('down', 'x', { failureKind: 'timeout' }) } }), discovery)?.case).toBe('healthy');
  });

  it('is null while nothing is known, and works without a discovery or with roles missing', () => {
    expect(diagnoseHomeserver({}, discovery)).toBeNull();
    expect(diagnoseHomeserver({ client: { state: 'unknown' }, federation: { state: 'paused' } })).toBeNull();
    const diagnosis = diagnoseHomeserver({ client: up(), federation: down('status') });
    expect(diagnosis).toMatchObject({ case: 'federation-broken', severity: 'down' });
    expect(diagnosis?.advice).toContain('the federation endpoint');
    expect(diagnoseHomeserver({ client: down('refused'), federation: down('refused') })?.cause).toMatch(/^The homeserver is not running/);
  });
});
