// `matrix check` end to end: fake homeservers on free 127.0.0.1 ports standing in for port 443 (delegated there
// through the well-known, so a fixed 8448 check would be a false outage), reached with --connect-to (and
// --resolve on the moved port), as curl does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLeafCert, writeCaFile } from '../fixtures/certificates.ts';
import { startDnsServer, type DnsServer } from '../fixtures/dns-server.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../fixtures/fake-homeserver.ts';
import { keyAnswer, makeSigningKey } from '../core/matrix/checks/matrix-fixtures.ts';
import { runCli } from './cli-process.ts';
import { DAY_MS } from '../../electron/shared/time.ts';

let dns: DnsServer;
let caFile: string;
let healthy: FakeHomeserver;
let noFederation: FakeHomeserver;
let bySrv: FakeHomeserver;

beforeAll(async () => {
  caFile = await writeCaFile();
  // srv.test delegates by SRV only (no well-known); every other name is NXDOMAIN, never the system resolver.
  dns = await startDnsServer({
    '_matrix-fed._tcp.srv.test': { SRV: [{ priority: 10, weight: 5, port: 443, target: 'matrix.srv.test' }] },
    'matrix.srv.test': { A: ['127.0.0.1'] },
  });
  const key = makeSigningKey();
  const cert = await makeLeafCert({ commonName: 'check.test', altNames: ['check.test', 'matrix.check.test', 'broken.test', 'matrix.broken.test', 'srv.test'] });
  healthy = await startFakeHomeserver({
    names: ['check.test', 'matrix.check.test'],
    ports: [443],
    cert,
    wellKnownServer: { 'm.server': 'matrix.check.test:443' },
    wellKnownClient: { 'm.homeserver': { base_url: 'https://matrix.check.test' } },
    signingKey: () => keyAnswer({ serverName: 'check.test', validUntil: Date.now() + DAY_MS, keys: [key] }),
  });
  noFederation = await startFakeHomeserver({
    names: ['broken.test', 'matrix.broken.test'],
    ports: [443],
    cert,
    wellKnownServer: { 'm.server': 'matrix.broken.test:443' },
    wellKnownClient: { 'm.homeserver': { base_url: 'https://matrix.broken.test' } },
    federationVersion: false,
    signingKey: () => keyAnswer({ serverName: 'broken.test', validUntil: Date.now() + DAY_MS, keys: [key] }),
  });
  bySrv = await startFakeHomeserver({
    names: ['srv.test', 'matrix.srv.test'],
    ports: [443],
    cert,
    signingKey: () => keyAnswer({ serverName: 'srv.test', validUntil: Date.now() + DAY_MS, keys: [key] }),
  });
});

afterAll(async () => {
  await Promise.all([healthy?.close(), noFederation?.close(), bySrv?.close(), dns?.close()]);
});

function args(name: string, network: string[]): string[] {
  return ['matrix', 'check', name, '--json', '--dns-server', dns.address, '--ca', caFile, ...network];
}

/** --connect-to straight to 127.0.0.1:PORT for every name of the fake. */
const connectTo = (fake: FakeHomeserver): string[] => fake.connectToFlags.flatMap((flag) => ['--connect-to', flag]);

/** curl's order: --connect-to moves the port and keeps the name, then --resolve gives the name's address on that port. */
function connectToThenResolve(fake: FakeHomeserver): string[] {
  const port = fake.realPorts.get(443);
  return fake.names.flatMap((name) => ['--connect-to', `${name}:443::${port}`, '--resolve', `${name}:${port}:127.0.0.1`]);
}

describe('matrix check', () => {
  it('checks the group built from discovery (federation delegated to 443) and exits 0 when all is up', async () => {
    const run = await runCli(args('check.test', connectTo(healthy)));
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const out = JSON.parse(run.stdout) as { results: Array<{ id: string; status: string; type: string }>; discovery: { federation: { port: number } }; diagnosis: { severity: string } | null };
    expect(out.discovery.federation.port).toBe(443);
    expect(out.results.map((r) => [r.type, r.status])).toEqual(expect.arrayContaining([['matrix-federation', 'up'], ['matrix-keys', 'up'], ['tcp', 'up']]));
    expect(out.results.every((r) => r.status === 'up')).toBe(true);
    expect(out.diagnosis?.severity).toBe('ok');
  });

  it('checks the SRV record discovery followed, through --dns-server, as the group does', async () => {
    const run = await runCli(args('srv.test', connectTo(bySrv)));
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const out = JSON.parse(run.stdout) as { results: Array<{ id: string; status: string; type: string }>; discovery: { federation: { via: string; srv?: object } } };
    expect(out.discovery.federation).toMatchObject({ via: 'srv', srv: { query: '_matrix-fed._tcp.srv.test', priority: 10, weight: 5, port: 443, target: 'matrix.srv.test' } });
    expect(out.results.find((r) => r.id === 'srv.test-delegation-srv')).toMatchObject({ type: 'dns', status: 'up' });
    // The group without SRV has no such monitor.
    const plain = JSON.parse((await runCli(args('check.test', connectTo(healthy)))).stdout) as { results: Array<{ type: string }> };
    expect(plain.results.filter((r) => r.type === 'dns')).toEqual([]);
  });

  it('exits 2 and names the likely cause when federation is broken but the client API answers', async () => {
    const run = await runCli(args('broken.test', connectToThenResolve(noFederation)));
    expect(run.code).toBe(2);
    const out = JSON.parse(run.stdout) as { diagnosis: { severity: string; cause: string } | null; results: Array<{ id: string; status: string }> };
    expect(out.results.find((r) => r.id.endsWith('-client'))?.status).toBe('up');
    expect(out.results.find((r) => r.id.endsWith('-federation'))?.status).toBe('down');
    expect(out.diagnosis?.severity).toBe('down');
    expect(out.diagnosis?.cause).toMatch(/federation/i);
  });

  it('exits 3 on an invalid server name', async () => {
    const run = await runCli(['matrix', 'check', 'not a name']);
    expect(run.code).toBe(3);
  });

  it('exits 3 on a malformed --connect-to, naming the flag', async () => {
    const run = await runCli(['matrix', 'check', 'check.test', '--connect-to', 'check.test:443:127.0.0.1']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--connect-to must be HOST1:PORT1:HOST2:PORT2');
  });
});
