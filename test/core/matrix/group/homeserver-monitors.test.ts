import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { describeGroupChanges, groupChanges } from '../../../../electron/core/matrix/group/group-changes.ts';
import { homeserverMonitors } from '../../../../electron/core/matrix/group/homeserver-monitors.ts';
import { homeserverMonitorIds, roleOfMonitor, slugServerName } from '../../../../electron/core/matrix/group/roles.ts';
import type { DiscoveredHomeserver } from '../../../../electron/core/matrix/group/discovered.ts';
import type { MatrixDiscovery } from '../../../../electron/core/matrix/discovery/index.ts';
import { runCheck } from '../../../../electron/core/checks/run-check.ts';
import { createLookup } from '../../../../electron/core/checks/resolver.ts';
import { parseConnectTo } from '../../../../electron/core/checks/connect-to.ts';
import { validateMonitor } from '../../../../electron/shared/config-validation.ts';
import type { Alert, CheckResult, Monitor } from '../../../../electron/shared/types.ts';
import type { HomeserverGroup } from '../../../../electron/shared/contract.ts';
import { diagnoseHomeserver } from '../../../../electron/core/matrix/diagnosis/diagnose-homeserver.ts';
import { groupAlerts } from '../../../../electron/core/alerting/policy/alert-grouping.ts';
import { labelsOf } from '../../../../electron/core/alerting/policy/alert-wording.ts';
import { makeLeafCert, writeCaFile } from '../../../fixtures/certificates.ts';
import { startDnsServer } from '../../../fixtures/dns-server.ts';
import type { DnsServer } from '../../../fixtures/dns-server.ts';
import { startFakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import type { FakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import { keyAnswer, makeSigningKey } from '../checks/matrix-fixtures.ts';
import { DAY_MS } from '../../../../electron/shared/time.ts';

const delegatedTo443: DiscoveredHomeserver = {
  serverName: 'example.org',
  federation: { host: 'matrix.example.org', port: 443, hostHeader: 'matrix.example.org:443', tlsServerName: 'matrix.example.org', via: 'well-known-port' },
  client: { baseUrl: 'https://matrix.example.org' },
};
const plain8448: DiscoveredHomeserver = {
  serverName: 'example.net',
  federation: { host: 'example.net', port: 8448, hostHeader: 'example.net', tlsServerName: 'example.net', via: 'default-port' },
  client: { baseUrl: 'https://example.net/' },
};
const srv: DiscoveredHomeserver = {
  serverName: 'chat.example.com',
  federation: {
    host: 'fed1.example.com',
    port: 8449,
    hostHeader: 'chat.example.com',
    tlsServerName: 'chat.example.com',
    via: 'srv',
    srv: { query: '_matrix-fed._tcp.chat.example.com', priority: 10, weight: 5, port: 8449, target: 'fed1.example.com' },
  },
  client: { baseUrl: 'https://client.example.com:8443/matrix' },
};
const ipLiteral: DiscoveredHomeserver = {
  serverName: '[2001:db8::7]:8448',
  federation: { host: '2001:db8::7', port: 8448, hostHeader: '[2001:db8::7]:8448', tlsServerName: '2001:db8::7', via: 'ip-literal' },
  client: { baseUrl: 'http://[2001:db8::7]:8008' },
};

const byId = (monitors: ReturnType<typeof homeserverMonitors>): Map<string, (typeof monitors)[number]> => new Map(monitors.map((m) => [m.id, m]));

describe('homeserverMonitors', () => {
  it('takes what discovery returns (checked by tsc)', () => {
    expectTypeOf<MatrixDiscovery>().toExtend<DiscoveredHomeserver>();
  });

  it.each([
    ['well-known to 443', delegatedTo443],
    ['no delegation (8448)', plain8448],
    ['SRV to another host and port', srv],
    ['an IPv6 literal with plain-http client API', ipLiteral],
  ])('builds a group every monitor of which validates: %s', (_label, discovery) => {
    const monitors = homeserverMonitors(discovery);
    for (const config of monitors) {
      const result = validateMonitor(config, config.id);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      expect(config.group).toBe(discovery.serverName);
    }
    expect(new Set(monitors.map((m) => m.id)).size).toBe(monitors.length);
  });

  it('uses the delegated endpoint, not fixed ports', () => {
    const monitors = byId(homeserverMonitors(delegatedTo443));
    expect([...monitors.keys()]).toEqual([
      'example.org-client',
      'example.org-federation',
      'example.org-federation-tcp',
      'example.org-client-cert',
      'example.org-federation-cert',
      'example.org-keys',
    ]);
    expect(monitors.get('example.org-client')).toMatchObject({ type: 'http', url: 'https://matrix.example.org/_matrix/client/versions', keyword: 'versions', cacheBust: true, failureThreshold: 2 });
    expect(monitors.get('example.org-federation')).toMatchObject({
      type: 'matrix-federation',
      serverName: 'example.org',
      host: 'matrix.example.org',
      port: 443,
      hostHeader: 'matrix.example.org:443',
      tlsServerName: 'matrix.example.org',
      failureThreshold: 2,
      intervalSeconds: 300,
    });
    expect(monitors.get('example.org-federation-tcp')).toMatchObject({ type: 'tcp', host: 'matrix.example.org', port: 443, failureThreshold: 1 });
    expect(monitors.get('example.org-client-cert')).toMatchObject({ type: 'tls', host: 'matrix.example.org', port: 443 });
    expect(monitors.get('example.org-federation-cert')).toMatchObject({ type: 'tls', host: 'matrix.example.org', port: 443, tls: { serverName: 'matrix.example.org' } });
    // Left to the service, which fills in Settings' default reminder days.
    expect(monitors.get('example.org-client-cert')).not.toHaveProperty('expiryWarningDays');
    expect(byId(homeserverMonitors(delegatedTo443, { expiryWarningDays: [10, 2] })).get('example.org-federation-cert')).toMatchObject({ expiryWarningDays: [10, 2] });
    expect(monitors.get('example.org-keys')).toMatchObject({ type: 'matrix-keys', host: 'matrix.example.org', port: 443, failureThreshold: 1 });
  });

  it('follows SRV targets and client base URLs with ports and paths', () => {
    const monitors = byId(homeserverMonitors(srv, { intervalSeconds: 30, caFile: '/ca.pem' }));
    expect(monitors.get('chat.example.com-client')).toMatchObject({ url: 'https://client.example.com:8443/matrix/_matrix/client/versions', intervalSeconds: 30, tls: { caFile: '/ca.pem' } });
    expect(monitors.get('chat.example.com-federation-tcp')).toMatchObject({ host: 'fed1.example.com', port: 8449, intervalSeconds: 30 });
    expect(monitors.get('chat.example.com-client-cert')).toMatchObject({ host: 'client.example.com', port: 8443, tls: { caFile: '/ca.pem' } });
    expect(monitors.get('chat.example.com-federation-cert')).toMatchObject({ host: 'fed1.example.com', port: 8449, tls: { serverName: 'chat.example.com', caFile: '/ca.pem' } });
    expect(monitors.get('chat.example.com-keys')).toMatchObject({ hostHeader: 'chat.example.com', tls: { caFile: '/ca.pem' } });
  });

  it('watches the SRV record discovery followed, expecting the record it found', () => {
    const record = byId(homeserverMonitors(srv, { intervalSeconds: 30 })).get('chat.example.com-delegation-srv');
    expect(record).toEqual({
      id: 'chat.example.com-delegation-srv',
      type: 'dns',
      name: 'chat.example.com delegation record (_matrix-fed._tcp.chat.example.com)',
      group: 'chat.example.com',
      query: '_matrix-fed._tcp.chat.example.com',
      recordType: 'SRV',
      expect: ['10 5 8449 fed1.example.com'],
      failureThreshold: 2,
      intervalSeconds: 300,
    });
    expect(roleOfMonitor('chat.example.com', 'chat.example.com-delegation-srv')).toBe('delegationRecord');
  });

  it.each([
    ['well-known to 443', delegatedTo443],
    ['no delegation (8448)', plain8448],
    ['an IP literal', ipLiteral],
    ['SRV in a discovery saved before the record was kept', { ...srv, federation: { ...srv.federation, srv: undefined } }],
  ])('has no delegation record monitor without an SRV record: %s', (_label, discovery) => {
    expect(homeserverMonitors(discovery).filter((m) => m.type === 'dns')).toEqual([]);
  });

  it('has no client certificate monitor for a plain-http client API, and ids safe for an IPv6 server name', () => {
    const ids = homeserverMonitors(ipLiteral).map((m) => m.id);
    expect(ids).toEqual(['2001-db8-7-8448-client', '2001-db8-7-8448-federation', '2001-db8-7-8448-federation-tcp', '2001-db8-7-8448-federation-cert', '2001-db8-7-8448-keys']);
    expect(byId(homeserverMonitors(ipLiteral)).get('2001-db8-7-8448-federation-cert')).toMatchObject({ host: '2001:db8::7', tls: { serverName: '2001:db8::7' } });
  });

  it('keeps ids within 64 characters and distinct for long server names', () => {
    const long = (tail: string): string => `${'a'.repeat(60)}.${tail}.example`;
    const first = homeserverMonitorIds(long('one'));
    const second = homeserverMonitorIds(long('two'));
    expect(first.federationCert.length).toBeLessThanOrEqual(64);
    expect(first.federationCert).not.toBe(second.federationCert);
    expect(validateMonitor({ id: first.federationCert, type: 'tcp', host: 'x', port: 1 }).ok).toBe(true);
    expect(slugServerName('Example.ORG:8448')).toBe('example.org-8448');
    expect(() => slugServerName('[::]')).toThrow('serverName');
  });

  it('maps monitor ids back to roles', () => {
    expect(roleOfMonitor('example.org', 'example.org-federation-tcp')).toBe('federationTcp');
    expect(roleOfMonitor('example.org', 'something-else')).toBeUndefined();
  });
});

describe('groupChanges', () => {
  it('is empty when nothing moved', () => {
    expect(groupChanges(delegatedTo443, structuredClone(delegatedTo443))).toEqual([]);
  });

  it('reports a moved delegation with the monitors that must follow', () => {
    const moved: DiscoveredHomeserver = {
      ...delegatedTo443,
      federation: { host: 'example.org', port: 8448, hostHeader: 'example.org', tlsServerName: 'example.org', via: 'default-port' },
    };
    const changes = groupChanges(delegatedTo443, moved);
    expect(changes.map((c) => c.field)).toEqual(['delegation', 'federation host', 'federation port', 'host header', 'TLS name']);
    expect(changes.find((c) => c.field === 'federation port')).toEqual({
      field: 'federation port',
      before: '443',
      after: '8448',
      monitorIds: ['example.org-federation', 'example.org-federation-tcp', 'example.org-federation-cert', 'example.org-keys'],
    });
    expect(describeGroupChanges(changes)).toBe(
      'delegation well-known-port → default-port; federation host matrix.example.org → example.org; federation port 443 → 8448; host header matrix.example.org:443 → example.org; TLS name matrix.example.org → example.org',
    );
  });

  it('reports a new client base URL, ignoring a trailing slash', () => {
    expect(groupChanges(plain8448, { ...plain8448, client: { baseUrl: 'https://example.net' } })).toEqual([]);
    expect(groupChanges(plain8448, { ...plain8448, client: { baseUrl: 'https://matrix.example.net' } })).toEqual([
      { field: 'client base URL', before: 'https://example.net', after: 'https://matrix.example.net', monitorIds: ['example.net-client', 'example.net-client-cert'] },
    ]);
  });

  it('reports a changed SRV record, and moves the delegation record monitor with it', () => {
    const moved: DiscoveredHomeserver = { ...srv, federation: { ...srv.federation, host: 'fed2.example.com', srv: { ...srv.federation.srv!, target: 'fed2.example.com' } } };
    const changes = groupChanges(srv, moved);
    expect(changes.find((c) => c.field === 'delegation record')).toEqual({
      field: 'delegation record',
      before: '_matrix-fed._tcp.chat.example.com 10 5 8449 fed1.example.com',
      after: '_matrix-fed._tcp.chat.example.com 10 5 8449 fed2.example.com',
      monitorIds: ['chat.example.com-delegation-srv'],
    });
    // A weight alone is a changed record too: the monitor expects the whole record.
    const reweighted: DiscoveredHomeserver = { ...srv, federation: { ...srv.federation, srv: { ...srv.federation.srv!, weight: 50 } } };
    expect(groupChanges(srv, reweighted).map((c) => c.field)).toEqual(['delegation record']);
    // SRV no more: the record's field says none.
    const noSrv: DiscoveredHomeserver = { ...srv, federation: { host: 'chat.example.com', port: 8448, hostHeader: 'chat.example.com', tlsServerName: 'chat.example.com', via: 'default-port' } };
    expect(groupChanges(srv, noSrv).find((c) => c.field === 'delegation record')?.after).toBe('none');
  });

  it('sees no change when a discovery saved before the record was kept is compared with one that has it', () => {
    const saved: DiscoveredHomeserver = { ...srv, federation: { ...srv.federation, srv: undefined } };
    expect(groupChanges(saved, srv)).toEqual([]);
  });

  it('refuses to compare two different homeservers', () => {
    expect(() => groupChanges(delegatedTo443, plain8448)).toThrow('serverName differs');
  });
});

// The whole group against one fake homeserver: matrix.example.org resolved by a DNS fixture, its port 443 moved
// to the fake's free port by a --connect-to rule that keeps the name (so the lookup still happens).
describe('a built group, run', () => {
  let server: FakeHomeserver;
  let dns: DnsServer;
  let caFile: string;
  const key = makeSigningKey('ed25519:k1');

  beforeAll(async () => {
    caFile = await writeCaFile();
    const cert = await makeLeafCert({ commonName: 'matrix.example.org', altNames: ['matrix.example.org'] });
    server = await startFakeHomeserver({
      names: ['matrix.example.org'],
      ports: [443],
      cert,
      signingKey: () => keyAnswer({ serverName: 'example.org', validUntil: Date.now() + DAY_MS, keys: [key] }),
    });
    dns = await startDnsServer({ 'matrix.example.org': { A: ['127.0.0.1'] } });
  });

  afterAll(async () => {
    await Promise.all([server?.close(), dns?.close()]);
  });

  it('is up on every monitor, with the federation version and key recorded', async () => {
    const lookup = createLookup(dns.address);
    const monitors = homeserverMonitors(delegatedTo443, { caFile }).map((config) => {
      const result = validateMonitor(config);
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      return { ...result.monitor, timeoutSeconds: 5 };
    });
    const connectTo = [parseConnectTo(`matrix.example.org:443::${server.realPorts.get(443)}`)];
    const results = await Promise.all(monitors.map((monitor) => runCheck(monitor, { connectTo, ...(lookup ? { lookup } : {}) })));
    for (const result of results) expect(result, `${result.monitorId}: ${result.message}`).toMatchObject({ status: 'up' });
    expect(results.find((r) => r.monitorId === 'example.org-federation')?.detail).toEqual({ serverName: 'Synapse', serverVersion: '1.95.1' });
    expect(results.find((r) => r.monitorId === 'example.org-keys')?.detail?.keyIds).toBe('ed25519:k1');
    expect(server.requests.filter((r) => r.path.startsWith('/_matrix/federation') || r.path.startsWith('/_matrix/key')).map((r) => r.host)).toEqual([
      'matrix.example.org:443',
      'matrix.example.org:443',
    ]);
  });
});

// The delegation record monitor against the loopback DNS fixture: the record it was built from answers, then the
// record changes under it, and the group's diagnosis and its notification say so as a delegation change.
describe('the delegation record, run', () => {
  let dns: DnsServer;
  const query = '_matrix-fed._tcp.chat.example.com';

  beforeAll(async () => {
    dns = await startDnsServer({ [query]: { SRV: [{ priority: 10, weight: 5, port: 8449, target: 'fed1.example.com' }] } });
  });

  afterAll(async () => {
    await dns?.close();
  });

  const recordMonitor = (): Monitor => {
    const config = homeserverMonitors(srv).find((m) => m.id === 'chat.example.com-delegation-srv');
    const result = validateMonitor(config);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return { ...result.monitor, timeoutSeconds: 5 };
  };
  const notification = (result: CheckResult): { cause: string; title: string; body: string } => {
    const monitor = recordMonitor();
    const diagnosis = diagnoseHomeserver({ delegationRecord: { state: result.status, lastResult: result }, federation: { state: 'up' } }, srv);
    if (diagnosis === null) throw new Error('no diagnosis');
    const group: HomeserverGroup = { group: srv.serverName, serverName: srv.serverName, diagnosis, discovery: null, discoveredAt: 0 };
    const alert: Alert = { monitorId: monitor.id, kind: 'down', at: result.at, message: `${monitor.name} is down: ${result.message}` };
    const [notice] = groupAlerts([alert], labelsOf([monitor]), [group]);
    return { cause: diagnosis.cause, title: notice?.title ?? '', body: notice?.body ?? '' };
  };

  it('is up while the record is the one discovery followed', async () => {
    const result = await runCheck(recordMonitor(), { dnsServer: dns.address });
    expect(result).toMatchObject({ status: 'up', detail: { answer: '10 5 8449 fed1.example.com' } });
    expect(diagnoseHomeserver({ delegationRecord: { state: 'up', lastResult: result } }, srv)?.case).toBe('healthy');
  });

  it('is down when the record points elsewhere, and the homeserver says its delegation changed', async () => {
    dns.setRecords(query, { SRV: [{ priority: 10, weight: 5, port: 443, target: 'fed2.example.com' }] });
    const result = await runCheck(recordMonitor(), { dnsServer: dns.address });
    expect(result).toMatchObject({ status: 'down', failureKind: 'keyword' });
    const said = notification(result);
    expect(said.cause).toBe('The delegation record of chat.example.com changed: now fed2.example.com:443, was fed1.example.com:8449');
    // One monitor's alert, yet worded as the homeserver's: the DNS words would not say what it means.
    expect(said.title).toBe('chat.example.com: The delegation record of chat.example.com changed: now fed2.example.com:443, was fed1.example.com:8449');
    expect(said.body).toMatch(/^If you moved federation on purpose.*\nchat\.example\.com delegation record/);
  });

  it('says which record changed when only its weight did, and when the record is gone', async () => {
    dns.setRecords(query, { SRV: [{ priority: 10, weight: 50, port: 8449, target: 'fed1.example.com' }] });
    const reweighted = await runCheck(recordMonitor(), { dnsServer: dns.address });
    expect(notification(reweighted).cause).toBe('The delegation record of chat.example.com changed: now 10 50 8449 fed1.example.com, was 10 5 8449 fed1.example.com');
    dns.setRecords(query, undefined);
    const gone = await runCheck(recordMonitor(), { dnsServer: dns.address });
    expect(notification(gone).cause).toBe('The delegation record of chat.example.com changed: now no SRV record (NXDOMAIN), was fed1.example.com:8449');
  });

  it('is DNS trouble, not a changed delegation, when the DNS server fails', async () => {
    dns.setRecords(query, { servfail: true });
    const result = await runCheck(recordMonitor(), { dnsServer: dns.address });
    const diagnosis = diagnoseHomeserver({ delegationRecord: { state: 'down', lastResult: result }, federation: { state: 'up' } }, srv);
    expect(diagnosis).toMatchObject({ case: 'dns', severity: 'down' });
  });
});
