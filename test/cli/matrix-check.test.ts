// `matrix check` end to end: fake homeservers on 127.0.0.140-149 (delegated to port 443 through the
// well-known, so a fixed 8448 check would be a false outage), names given by --resolve like curl's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLeafCert, writeCaFile } from '../fixtures/certificates.ts';
import { startDnsServer, type DnsServer } from '../fixtures/dns-server.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../fixtures/fake-homeserver.ts';
import { DAY_MS, keyAnswer, makeSigningKey } from '../core/matrix/checks/matrix-fixtures.ts';
import { runCli } from './cli-process.ts';

let dns: DnsServer;
let caFile: string;
let healthy: FakeHomeserver;
let noFederation: FakeHomeserver;

beforeAll(async () => {
  caFile = await writeCaFile();
  dns = await startDnsServer({});
  const key = makeSigningKey();
  const cert = await makeLeafCert({ commonName: 'check.test', altNames: ['check.test', 'matrix.check.test', 'broken.test', 'matrix.broken.test'] });
  healthy = await startFakeHomeserver({
    address: '127.0.0.140',
    ports: [443],
    cert,
    wellKnownServer: { 'm.server': 'matrix.check.test:443' },
    wellKnownClient: { 'm.homeserver': { base_url: 'https://matrix.check.test' } },
    signingKey: () => keyAnswer({ serverName: 'check.test', validUntil: Date.now() + DAY_MS, keys: [key] }),
  });
  noFederation = await startFakeHomeserver({
    address: '127.0.0.141',
    ports: [443],
    cert,
    wellKnownServer: { 'm.server': 'matrix.broken.test:443' },
    wellKnownClient: { 'm.homeserver': { base_url: 'https://matrix.broken.test' } },
    federationVersion: false,
    signingKey: () => keyAnswer({ serverName: 'broken.test', validUntil: Date.now() + DAY_MS, keys: [key] }),
  });
});

afterAll(async () => {
  await Promise.all([healthy?.close(), noFederation?.close(), dns?.close()]);
});

function args(name: string, address: string): string[] {
  return ['matrix', 'check', name, '--json', '--dns-server', dns.address, '--ca', caFile, '--resolve', `${name}:443:${address}`, '--resolve', `matrix.${name}:443:${address}`];
}

describe('matrix check', () => {
  it('checks the group built from discovery (federation delegated to 443) and exits 0 when all is up', async () => {
    const run = await runCli(args('check.test', '127.0.0.140'));
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const out = JSON.parse(run.stdout) as { results: Array<{ id: string; status: string; type: string }>; discovery: { federation: { port: number } }; diagnosis: { severity: string } | null };
    expect(out.discovery.federation.port).toBe(443);
    expect(out.results.map((r) => [r.type, r.status])).toEqual(expect.arrayContaining([['matrix-federation', 'up'], ['matrix-keys', 'up'], ['tcp', 'up']]));
    expect(out.results.every((r) => r.status === 'up')).toBe(true);
    expect(out.diagnosis?.severity).toBe('ok');
  });

  it('exits 2 and names the likely cause when federation is broken but the client API answers', async () => {
    const run = await runCli(args('broken.test', '127.0.0.141'));
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
});
