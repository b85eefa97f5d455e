// The federation check against fake homeservers on 127.0.0.60-63:8448, each with a certificate for the
// server name (never for the address), so passing means the Host header and TLS name were the right ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMatrixFederation } from '../../../../electron/core/matrix/checks/federation-version.ts';
import { runCheck } from '../../../../electron/core/checks/run-check.ts';
import { createLookup } from '../../../../electron/core/checks/resolver.ts';
import { makeLeafCert, writeCaFile } from '../../../fixtures/certificates.ts';
import { startDnsServer } from '../../../fixtures/dns-server.ts';
import type { DnsServer } from '../../../fixtures/dns-server.ts';
import { startFakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import type { FakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import { federationMonitor } from './matrix-fixtures.ts';

let caFile: string;
let good: FakeHomeserver;
let nameless: FakeHomeserver;
let wrongName: FakeHomeserver;
let delegated: FakeHomeserver;
let dns: DnsServer;

beforeAll(async () => {
  caFile = await writeCaFile();
  const cert = await makeLeafCert({ commonName: 'example.org', altNames: ['example.org'] });
  good = await startFakeHomeserver({ address: '127.0.0.60', ports: [8448], cert, federationVersion: { name: 'Synapse', version: '1.95.1' } });
  nameless = await startFakeHomeserver({
    address: '127.0.0.61',
    ports: [8448],
    cert,
    handler: (req, res) => {
      if (req.url !== '/_matrix/federation/v1/version') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ server: { version: '1.0' } }));
      return true;
    },
  });
  wrongName = await startFakeHomeserver({ address: '127.0.0.62', ports: [8448], cert: await makeLeafCert({ commonName: 'other.example', altNames: ['other.example'] }) });
  delegated = await startFakeHomeserver({
    address: '127.0.0.63',
    ports: [443],
    cert: await makeLeafCert({ commonName: 'matrix.example.org', altNames: ['matrix.example.org'] }),
    federationVersion: { name: 'Dendrite', version: '0.13.7' },
  });
  dns = await startDnsServer({ 'matrix.example.org': { A: ['127.0.0.63'] } });
});

afterAll(async () => {
  await Promise.all([good, nameless, wrongName, delegated, dns].map((s) => s?.close()));
});

describe('matrix-federation check', () => {
  it('is up at the resolved address with the server name as Host and TLS name, and records the version', async () => {
    const monitor = federationMonitor({ id: 'fed', serverName: 'example.org', host: '127.0.0.60', port: 8448, tls: { caFile } });
    const result = await checkMatrixFederation(monitor);
    expect(result).toMatchObject({ monitorId: 'fed', status: 'up', statusCode: 200, detail: { serverName: 'Synapse', serverVersion: '1.95.1' } });
    expect(result.message).toMatch(/^Synapse 1\.95\.1 in \d+ ms$/);
    const request = good.requests.at(-1);
    expect(request).toMatchObject({ path: '/_matrix/federation/v1/version', host: 'example.org', servername: 'example.org' });
  });

  it('is dispatched by runCheck', async () => {
    const monitor = federationMonitor({ id: 'fed-run', serverName: 'example.org', host: '127.0.0.60', port: 8448, tls: { caFile } });
    expect(await runCheck(monitor)).toMatchObject({ status: 'up', detail: { serverName: 'Synapse' } });
  });

  it('follows a delegation: connects to the delegated name through the given resolver, sends its Host header', async () => {
    const monitor = federationMonitor({
      id: 'fed-delegated',
      serverName: 'example.org',
      host: 'matrix.example.org',
      port: 443,
      hostHeader: 'matrix.example.org:443',
      tlsServerName: 'matrix.example.org',
      tls: { caFile },
    });
    const result = await checkMatrixFederation(monitor, { lookup: createLookup(dns.address) });
    expect(result).toMatchObject({ status: 'up', detail: { serverName: 'Dendrite', serverVersion: '0.13.7' } });
    expect(delegated.requests.at(-1)).toMatchObject({ host: 'matrix.example.org:443', servername: 'matrix.example.org' });
  });

  it('is down when the JSON has no server.name', async () => {
    const monitor = federationMonitor({ id: 'fed-nameless', serverName: 'example.org', host: '127.0.0.61', port: 8448, tls: { caFile } });
    const result = await checkMatrixFederation(monitor);
    expect(result).toMatchObject({ status: 'down', failureKind: 'protocol', statusCode: 200, message: 'federation version: the answer has no "server.name"' });
    expect(result.latencyMs).not.toBeNull();
  });

  it('is down when the endpoint answers 404 (no federation there)', async () => {
    const monitor = federationMonitor({ id: 'fed-404', serverName: 'example.org', host: '127.0.0.61', port: 8448, hostHeader: 'example.org', tls: { caFile } });
    const noFederation = await startFakeHomeserver({ address: '127.0.0.64', ports: [8448], cert: await makeLeafCert({ commonName: 'example.org', altNames: ['example.org'] }), federationVersion: false });
    try {
      const result = await checkMatrixFederation({ ...monitor, host: '127.0.0.64' });
      expect(result).toMatchObject({ status: 'down', failureKind: 'status', statusCode: 404 });
    } finally {
      await noFederation.close();
    }
  });

  it('is down with a TLS failure when the certificate there is not for the server name', async () => {
    const monitor = federationMonitor({ id: 'fed-wrong', serverName: 'example.org', host: '127.0.0.62', port: 8448, tls: { caFile } });
    const result = await checkMatrixFederation(monitor);
    expect(result).toMatchObject({ status: 'down', failureKind: 'tls' });
    expect(result.message).toContain('example.org');
  });

  it('is down (refused) when nothing listens there', async () => {
    const monitor = federationMonitor({ id: 'fed-closed', serverName: 'example.org', host: '127.0.0.65', port: 8448, tls: { caFile } });
    expect(await checkMatrixFederation(monitor)).toMatchObject({ status: 'down', failureKind: 'refused' });
  });
});
