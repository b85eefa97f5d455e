// Discovery against fake homeservers, one delegation style each: SRV records from the DNS fixture, connections
// sent to each fake's free port on 127.0.0.1 by --connect-to rules, certificates for the real names from the test CA.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLeafCert, wrongNameCert, writeCaFile } from '../../../fixtures/certificates.ts';
import { startDnsServer } from '../../../fixtures/dns-server.ts';
import type { DnsServer } from '../../../fixtures/dns-server.ts';
import { startFakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import type { FakeHomeserver, FakeHomeserverOptions } from '../../../fixtures/fake-homeserver.ts';
import { discoverHomeserver } from '../../../../electron/core/matrix/discovery/discover.ts';
import type { ConnectToRule } from '../../../../electron/core/checks/connect-to.ts';
import type { DiscoveryOptions, DiscoveryStep, MatrixDiscovery } from '../../../../electron/core/matrix/discovery/types.ts';

const NAMES = [
  'wk-port.test', 'hs.wk-port.test',
  'wk-srv.test', 'hs.wk-srv.test', 'wk-old.test',
  'srv-only.test', 'srv-old.test', 'plain.test',
  'broken.test', 'badname.test', 'redirect.test', 'target.redirect.test', 'hs.redirect.test', 'loop.test',
  'wrongcert.test', 'hs.wrongcert.test', 'slow.test', 'huge.test', 'noclient.test', 'cached.test',
];

let dns: DnsServer;
let caFile: string;
const servers: FakeHomeserver[] = [];

async function serve(names: string[], ports: number[], rest: Omit<FakeHomeserverOptions, 'names' | 'ports' | 'cert'> = {}, cert?: FakeHomeserverOptions['cert']): Promise<FakeHomeserver> {
  const certificate = cert ?? (await makeLeafCert({ commonName: 'fake homeserver', altNames: [...NAMES, '127.0.0.26'] }));
  const server = await startFakeHomeserver({ names, ports, cert: certificate, ...rest });
  servers.push(server);
  return server;
}

/** Every fake server's --connect-to rules: their names and ports lead to their real ports on 127.0.0.1. */
const connectTo = (): ConnectToRule[] => servers.flatMap((server) => server.connectTo);

const byName: Record<string, FakeHomeserver> = {};

beforeAll(async () => {
  caFile = await writeCaFile();
  dns = await startDnsServer({
    'wk-srv.test': { A: ['127.0.0.1'] },
    '_matrix-fed._tcp.hs.wk-srv.test': { SRV: [{ priority: 10, weight: 5, port: 8448, target: 'fed.wk-srv.test' }] },
    'fed.wk-srv.test': { A: ['127.0.0.1'] },
    'wk-old.test': { A: ['127.0.0.1'] },
    '_matrix._tcp.hs.wk-old.test': { SRV: [{ priority: 10, weight: 5, port: 8448, target: 'fed.wk-srv.test' }] },
    'srv-only.test': { A: ['127.0.0.1'] },
    '_matrix-fed._tcp.srv-only.test': { SRV: [{ priority: 10, weight: 5, port: 8449, target: 'matrix.srv-only.test' }] },
    'matrix.srv-only.test': { A: ['127.0.0.1'] },
    'srv-old.test': { A: ['127.0.0.1'] },
    '_matrix._tcp.srv-old.test': { SRV: [{ priority: 10, weight: 5, port: 8450, target: 'srv-old.test' }] },
    'plain.test': { A: ['127.0.0.1'] },
    'broken.test': { A: ['127.0.0.1'] },
    'badname.test': { A: ['127.0.0.1'] },
    'redirect.test': { A: ['127.0.0.1'] },
    'target.redirect.test': { A: ['127.0.0.1'] },
    'hs.redirect.test': { A: ['127.0.0.1'] },
    'loop.test': { A: ['127.0.0.1'] },
    'wrongcert.test': { A: ['127.0.0.1'] },
    'hs.wrongcert.test': { A: ['127.0.0.1'] },
    'slow.test': { A: ['127.0.0.1'] },
    'huge.test': { A: ['127.0.0.1'] },
    'dangling.test': { A: ['127.0.0.1'] },
    '_matrix-fed._tcp.dangling.test': { SRV: [{ priority: 0, weight: 0, port: 8448, target: 'nowhere.dangling.test' }] },
    'noclient.test': { A: ['127.0.0.1'] },
    'cached.test': { A: ['127.0.0.1'] },
  });
  // wk-port.test is in no DNS record: only --connect-to leads to it.
  byName['wk-port.test'] = await serve(['wk-port.test', 'hs.wk-port.test'], [443, 8448], {
    wellKnownServer: { 'm.server': 'hs.wk-port.test:443' },
    wellKnownClient: { 'm.homeserver': { base_url: 'https://hs.wk-port.test/' } },
  });
  byName['wk-srv.test'] = await serve(['wk-srv.test'], [443], { wellKnownServer: { 'm.server': 'hs.wk-srv.test' } });
  byName['fed.wk-srv.test'] = await serve(['fed.wk-srv.test'], [8448]);
  byName['wk-old.test'] = await serve(['wk-old.test'], [443], { wellKnownServer: { 'm.server': 'hs.wk-old.test' } });
  byName['srv-only.test'] = await serve(['srv-only.test', 'matrix.srv-only.test'], [443, 8449]);
  byName['srv-old.test'] = await serve(['srv-old.test'], [443, 8450]);
  byName['plain.test'] = await serve(['plain.test'], [443, 8448]);
  byName.ip = await serve(['127.0.0.26'], [443, 8448, 8449]);
  byName['broken.test'] = await serve(['broken.test'], [443, 8448], { wellKnownServer: '{"m.server": ' });
  byName['badname.test'] = await serve(['badname.test'], [443, 8448], { wellKnownServer: { 'm.server': 'bad name:99999' } });
  byName['redirect.test'] = await serve(['redirect.test'], [443], {
    wellKnownServer: { redirectTo: 'https://target.redirect.test/.well-known/matrix/server', status: 301 },
  });
  byName['target.redirect.test'] = await serve(['target.redirect.test', 'hs.redirect.test'], [443, 8448], { wellKnownServer: { 'm.server': 'hs.redirect.test:8448' } });
  byName['loop.test'] = await serve(['loop.test'], [443, 8448], {
    wellKnownServer: { redirectTo: 'https://loop.test/.well-known/matrix/server' },
  });
  byName['wrongcert.test'] = await serve(['wrongcert.test'], [443], { wellKnownServer: { 'm.server': 'hs.wrongcert.test:8448' } });
  byName['hs.wrongcert.test'] = await serve(['hs.wrongcert.test'], [8448], {}, await wrongNameCert());
  // Answers nothing, ever: the well-known request must time out.
  byName['slow.test'] = await serve(['slow.test'], [443], { handler: (req) => req.url === '/.well-known/matrix/server' });
  byName['huge.test'] = await serve(['huge.test'], [443], { wellKnownServer: `{"m.server": "${'a'.repeat(70 * 1024)}"}` });
  byName['noclient.test'] = await serve(['noclient.test'], [443, 8448], { clientVersions: false });
  byName['cached.test'] = await serve(['cached.test'], [443, 8448], {
    wellKnownServer: { 'm.server': 'cached.test:8448' },
    wellKnownHeaders: { 'cache-control': 'public, max-age=3600' },
  });
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await dns?.close();
});

function discover(name: string, extra: DiscoveryOptions = {}): Promise<MatrixDiscovery> {
  return discoverHomeserver(name, { dnsServer: dns.address, caFile, timeoutMs: 3000, connectTo: connectTo(), ...extra });
}

function stepNamed(discovery: MatrixDiscovery, step: string): DiscoveryStep {
  const found = discovery.steps.find((s) => s.step === step);
  if (!found) throw new Error(`no "${step}" step in ${JSON.stringify(discovery.steps, null, 2)}`);
  return found;
}

function federationRequest(server: FakeHomeserver | undefined): { host: string; servername: string; port: number } | undefined {
  return server?.requests.find((r) => r.path === '/_matrix/federation/v1/version');
}

describe('discoverHomeserver: federation, each delegation style', () => {
  it('well-known with a port (names only from --connect-to): that name and port, Host name:port', async () => {
    const result = await discover('wk-port.test');
    expect(result.federation).toEqual({
      host: 'hs.wk-port.test',
      port: 443,
      hostHeader: 'hs.wk-port.test:443',
      tlsServerName: 'hs.wk-port.test',
      via: 'well-known-port',
      verified: true,
    });
    expect(stepNamed(result, 'well-known').found).toContain('m.server "hs.wk-port.test:443"');
    expect(stepNamed(result, 'address').found).toBe(`127.0.0.1:${byName['wk-port.test']?.realPorts.get(443)} (from --connect-to)`);
    expect(stepNamed(result, 'federation version').found).toBe('Synapse 1.95.1');
    expect(federationRequest(byName['wk-port.test'])).toMatchObject({ host: 'hs.wk-port.test:443', servername: 'hs.wk-port.test', port: 443 });
    // No SRV lookup when m.server has a port.
    expect(dns.queries.some((q) => q.includes('wk-port'))).toBe(false);
  });

  it('well-known without a port plus SRV _matrix-fed._tcp: the SRV target, Host and certificate the delegated name', async () => {
    const result = await discover('wk-srv.test');
    expect(result.federation).toMatchObject({
      host: 'fed.wk-srv.test',
      port: 8448,
      hostHeader: 'hs.wk-srv.test',
      tlsServerName: 'hs.wk-srv.test',
      via: 'well-known-srv',
      verified: true,
    });
    expect(stepNamed(result, 'srv _matrix-fed._tcp')).toMatchObject({ tried: 'SRV _matrix-fed._tcp.hs.wk-srv.test', found: 'fed.wk-srv.test:8448' });
    expect(result.federation.srv).toEqual({ query: '_matrix-fed._tcp.hs.wk-srv.test', priority: 10, weight: 5, port: 8448, target: 'fed.wk-srv.test' });
    expect(federationRequest(byName['fed.wk-srv.test'])).toMatchObject({ host: 'hs.wk-srv.test', servername: 'hs.wk-srv.test' });
  });

  it('well-known without a port and only the deprecated SRV: well-known-srv-deprecated', async () => {
    const result = await discover('wk-old.test');
    expect(result.federation).toMatchObject({ host: 'fed.wk-srv.test', port: 8448, hostHeader: 'hs.wk-old.test', via: 'well-known-srv-deprecated' });
    expect(stepNamed(result, 'srv _matrix-fed._tcp').error).toBe('no SRV record');
    expect(stepNamed(result, 'srv _matrix._tcp').found).toBe('fed.wk-srv.test:8448');
  });

  it('SRV only (well-known 404): the SRV target and port, Host the server name', async () => {
    const result = await discover('srv-only.test');
    expect(result.federation).toEqual({
      host: 'matrix.srv-only.test',
      port: 8449,
      hostHeader: 'srv-only.test',
      tlsServerName: 'srv-only.test',
      via: 'srv',
      srv: { query: '_matrix-fed._tcp.srv-only.test', priority: 10, weight: 5, port: 8449, target: 'matrix.srv-only.test' },
      verified: true,
    });
    expect(stepNamed(result, 'well-known').error).toMatch(/status 404.*continues without it/);
  });

  it('deprecated SRV only: srv-deprecated', async () => {
    const result = await discover('srv-old.test');
    expect(result.federation).toMatchObject({ host: 'srv-old.test', port: 8450, hostHeader: 'srv-old.test', via: 'srv-deprecated', verified: true });
    // The record followed is the one the group's delegation record monitor watches: the deprecated name here.
    expect(result.federation.srv).toEqual({ query: '_matrix._tcp.srv-old.test', priority: 10, weight: 5, port: 8450, target: 'srv-old.test' });
  });

  it('nothing at all: the server name on 8448', async () => {
    const result = await discover('plain.test');
    expect(result.federation).toEqual({
      host: 'plain.test',
      port: 8448,
      hostHeader: 'plain.test',
      tlsServerName: 'plain.test',
      via: 'default-port',
      verified: true,
    });
    expect(result.steps.map((s) => s.step)).toEqual([
      'well-known',
      'srv _matrix-fed._tcp',
      'srv _matrix._tcp',
      'default port',
      'address',
      'federation version',
      'client well-known',
      'client fallback',
      'client versions',
    ]);
  });

  it('an IP literal: that address, Host the literal as written, certificate for the IP, no lookups', async () => {
    const withPort = await discover('127.0.0.26:8449');
    expect(withPort.federation).toEqual({
      host: '127.0.0.26',
      port: 8449,
      hostHeader: '127.0.0.26:8449',
      tlsServerName: '127.0.0.26',
      via: 'ip-literal',
      verified: true,
    });
    const bare = await discover('127.0.0.26');
    expect(bare.federation).toMatchObject({ port: 8448, hostHeader: '127.0.0.26', verified: true });
    expect(bare.steps.some((s) => s.step === 'well-known' || s.step.startsWith('srv'))).toBe(false);
    // No SNI for an IP address (the spec: SNI is not sent for IP certificates).
    expect(federationRequest(byName.ip)?.servername).toBe('');
  });

  it('an explicit port on a host name: no well-known, no SRV', async () => {
    const result = await discover('plain.test:8448');
    expect(result.federation).toMatchObject({ host: 'plain.test', port: 8448, hostHeader: 'plain.test:8448', via: 'explicit-port', verified: true });
    expect(result.steps[0]?.step).toBe('explicit port');
  });

  it('a rule that keeps the name (empty HOST2) moves only the port: the name is still resolved, and --resolve applies there', async () => {
    const real = byName['plain.test']?.realPorts.get(8448);
    const keepName: ConnectToRule = { fromHost: 'plain.test', fromPort: 8448, toHost: '', toPort: real ?? 0 };
    const viaDns = await discover('plain.test:8448', { connectTo: [keepName] });
    expect(viaDns.federation).toMatchObject({ host: 'plain.test', port: 8448, verified: true });
    expect(stepNamed(viaDns, 'address').found).toBe(`127.0.0.1 port ${real} (from --connect-to)`);
    expect(dns.queries.some((q) => q.includes('plain.test'))).toBe(true);
    // curl's order: the port moves first, then --resolve gives the name's address on the new port.
    const viaResolve = await discover('plain.test:8448', { connectTo: [keepName], resolve: [{ host: 'plain.test', port: real ?? 0, address: '127.0.0.1' }] });
    expect(stepNamed(viaResolve, 'address').found).toBe(`127.0.0.1 port ${real} (from --connect-to and --resolve)`);
    expect(viaResolve.federation.verified).toBe(true);
  });
});

describe('discoverHomeserver: broken and odd well-knowns', () => {
  it('broken JSON (served as text/plain): an error step, then resolution goes on without it', async () => {
    const result = await discover('broken.test');
    expect(stepNamed(result, 'well-known').error).toMatch(/invalid JSON.*continues without it/);
    expect(result.federation).toMatchObject({ host: 'broken.test', port: 8448, via: 'default-port', verified: true });
    expect(result.wellKnownCacheMs).toBe(60 * 60 * 1000);
  });

  it('an m.server that is not a server name: the error names m.server', async () => {
    const result = await discover('badname.test');
    expect(stepNamed(result, 'well-known').error).toMatch(/^m\.server/);
    expect(result.federation.via).toBe('default-port');
  });

  it('a redirected well-known is followed and reported', async () => {
    const result = await discover('redirect.test');
    expect(stepNamed(result, 'well-known').found).toContain('redirected to https://target.redirect.test/.well-known/matrix/server');
    expect(result.federation).toMatchObject({ host: 'hs.redirect.test', port: 8448, via: 'well-known-port', verified: true });
  });

  it('a redirect loop is an error step, not a hang', async () => {
    const result = await discover('loop.test');
    expect(stepNamed(result, 'well-known').error).toMatch(/redirect loop/);
    expect(result.federation.via).toBe('default-port');
  });

  it('a well-known that never answers times out', async () => {
    const result = await discover('slow.test', { timeoutMs: 500 });
    expect(stepNamed(result, 'well-known').error).toMatch(/timed out after 0.5 s/);
  });

  it('a well-known over the 64 KiB cap is refused', async () => {
    const result = await discover('huge.test');
    expect(stepNamed(result, 'well-known').error).toMatch(/larger than 65536 bytes/);
  });

  it('honours Cache-Control max-age for the lifetime it reports', async () => {
    const result = await discover('cached.test');
    expect(result.wellKnownCacheMs).toBe(3_600_000);
    expect(stepNamed(result, 'well-known').found).toContain('cacheable for 1 h');
  });
});

describe('discoverHomeserver: failures at the target', () => {
  it('a wrong-name certificate on the delegated host: the target is still reported, the TLS error is a step', async () => {
    const result = await discover('wrongcert.test');
    expect(result.federation).toMatchObject({
      host: 'hs.wrongcert.test',
      port: 8448,
      hostHeader: 'hs.wrongcert.test:8448',
      tlsServerName: 'hs.wrongcert.test',
      via: 'well-known-port',
      verified: false,
    });
    expect(stepNamed(result, 'federation version').error).toMatch(/certificate is for another name.*wrong\.example/);
  });

  it('an SRV target without an address: DNS error as a step', async () => {
    const result = await discover('dangling.test');
    expect(result.federation).toMatchObject({ host: 'nowhere.dangling.test', via: 'srv', verified: false });
    expect(stepNamed(result, 'address').error).toMatch(/cannot resolve nowhere\.dangling\.test/);
    expect(result.steps.some((s) => s.step === 'federation version')).toBe(false);
  });
});

describe('discoverHomeserver: client API', () => {
  it('client well-known base_url (trailing slash stripped), verified by /versions', async () => {
    const result = await discover('wk-port.test');
    expect(result.client).toEqual({ baseUrl: 'https://hs.wk-port.test', verified: true });
    expect(stepNamed(result, 'client well-known').found).toBe('base_url https://hs.wk-port.test');
    expect(stepNamed(result, 'client versions').found).toBe('4 versions, last listed v1.11');
  });

  it('without a client well-known, falls back to https://<server name> and says so', async () => {
    const result = await discover('plain.test');
    expect(result.client).toEqual({ baseUrl: 'https://plain.test', verified: true });
    expect(stepNamed(result, 'client well-known').error).toMatch(/status 404/);
    expect(stepNamed(result, 'client fallback').found).toContain('https://plain.test');
  });

  it('a failing /versions leaves the client unverified', async () => {
    const result = await discover('noclient.test');
    expect(result.client.verified).toBe(false);
    expect(stepNamed(result, 'client versions').error).toMatch(/status 404/);
  });
});

describe('discoverHomeserver: input', () => {
  it('throws for an invalid server name or option, naming it', async () => {
    await expect(discoverHomeserver('not a name')).rejects.toThrow(/server name/);
    await expect(discoverHomeserver('plain.test', { dnsServer: 'nope' })).rejects.toThrow(/dnsServer/);
    await expect(discoverHomeserver('plain.test', { caFile: '/nonexistent/ca.pem' })).rejects.toThrow(/caFile/);
    await expect(discoverHomeserver('plain.test', { timeoutMs: 0 })).rejects.toThrow(/timeoutMs/);
  });
});
