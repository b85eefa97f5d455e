// The federation check against fake homeservers on free 127.0.0.1 ports, each standing in for its own name on
// 8448 (--connect-to rules) with a certificate for the server name only, so passing means the Host header and
// TLS name were the right ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMatrixFederation } from '../../../../electron/core/matrix/checks/federation-version.ts';
import { runCheck } from '../../../../electron/core/checks/run-check.ts';
import { createLookup } from '../../../../electron/core/checks/resolver.ts';
import { parseConnectTo, type ConnectToRule } from '../../../../electron/core/checks/connect-to.ts';
import type { ProbeOptions } from '../../../../electron/core/checks/probe-options.ts';
import { makeLeafCert, writeCaFile } from '../../../fixtures/certificates.ts';
import { startDnsServer } from '../../../fixtures/dns-server.ts';
import type { DnsServer } from '../../../fixtures/dns-server.ts';
import { startFakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import { closedPort } from '../../../fixtures/http-servers.ts';
import type { FakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import { federationMonitor } from './matrix-fixtures.ts';

let caFile: string;
let good: FakeHomeserver;
let nameless: FakeHomeserver;
let wrongName: FakeHomeserver;
let delegated: FakeHomeserver;
let dns: DnsServer;
/** Every fake's rules, plus closed.test:8448 leading to a port where nothing listens. */
const connectTo: ConnectToRule[] = [];
const probe = (): ProbeOptions => ({ connectTo });

beforeAll(async () => {
  caFile = await writeCaFile();
  const cert = await makeLeafCert({ commonName: 'example.org', altNames: ['example.org'] });
  good = await startFakeHomeserver({ names: ['good.test'], ports: [8448], cert, federationVersion: { name: 'Synapse', version: '1.95.1' } });
  nameless = await startFakeHomeserver({
    names: ['nameless.test'],
    ports: [8448],
    cert,
    handler: (req, res) => {
      if (req.url !== '/_matrix/federation/v1/version') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ server: { version: '1.0' } }));
      return true;
    },
  });
  wrongName = await startFakeHomeserver({ names: ['wrongname.test'], ports: [8448], cert: await makeLeafCert({ commonName: 'other.example', altNames: ['other.example'] }) });
  delegated = await startFakeHomeserver({
    names: ['matrix.example.org'],
    ports: [443],
    cert: await makeLeafCert({ commonName: 'matrix.example.org', altNames: ['matrix.example.org'] }),
    federationVersion: { name: 'Dendrite', version: '0.13.7' },
  });
  dns = await startDnsServer({ 'matrix.example.org': { A: ['127.0.0.1'] } });
  connectTo.push(
    ...[good, nameless, wrongName].flatMap((fake) => fake.connectTo),
    // An empty HOST2 keeps the name, so the DNS fixture still resolves matrix.example.org; only the port moves.
    parseConnectTo(`matrix.example.org:443::${delegated.realPorts.get(443)}`),
    parseConnectTo(`closed.test:8448:127.0.0.1:${await closedPort()}`),
  );
});

afterAll(async () => {
  await Promise.all([good, nameless, wrongName, delegated, dns].map((s) => s?.close()));
});

describe('matrix-federation check', () => {
  it('is up at the resolved address with the server name as Host and TLS name, and records the version', async () => {
    const monitor = federationMonitor({ id: 'fed', serverName: 'example.org', host: 'good.test', port: 8448, tls: { caFile } });
    const result = await checkMatrixFederation(monitor, probe());
    expect(result).toMatchObject({ monitorId: 'fed', status: 'up', statusCode: 200, detail: { serverName: 'Synapse', serverVersion: '1.95.1' } });
    expect(result.message).toMatch(/^Synapse 1\.95\.1 in \d+ ms$/);
    const request = good.requests.at(-1);
    expect(request).toMatchObject({ path: '/_matrix/federation/v1/version', host: 'example.org', servername: 'example.org' });
  });

  it('is dispatched by runCheck', async () => {
    const monitor = federationMonitor({ id: 'fed-run', serverName: 'example.org', host: 'good.test', port: 8448, tls: { caFile } });
    expect(await runCheck(monitor, probe())).toMatchObject({ status: 'up', detail: { serverName: 'Synapse' } });
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
    const lookup = createLookup(dns.address);
    const result = await checkMatrixFederation(monitor, { ...probe(), ...(lookup ? { lookup } : {}) });
    expect(result).toMatchObject({ status: 'up', detail: { serverName: 'Dendrite', serverVersion: '0.13.7' } });
    expect(delegated.requests.at(-1)).toMatchObject({ host: 'matrix.example.org:443', servername: 'matrix.example.org' });
  });

  it('is down when the JSON has no server.name', async () => {
    const monitor = federationMonitor({ id: 'fed-nameless', serverName: 'example.org', host: 'nameless.test', port: 8448, tls: { caFile } });
    const result = await checkMatrixFederation(monitor, probe());
    expect(result).toMatchObject({ status: 'down', failureKind: 'protocol', statusCode: 200, message: 'federation version: the answer has no "server.name"' });
    expect(result.latencyMs).not.toBeNull();
  });

  it('is down when the endpoint answers 404 (no federation there)', async () => {
    const monitor = federationMonitor({ id: 'fed-404', serverName: 'example.org', host: 'nofederation.test', port: 8448, hostHeader: 'example.org', tls: { caFile } });
    const noFederation = await startFakeHomeserver({ names: ['nofederation.test'], ports: [8448], cert: await makeLeafCert({ commonName: 'example.org', altNames: ['example.org'] }), federationVersion: false });
    try {
      const result = await checkMatrixFederation(monitor, { connectTo: noFederation.connectTo });
      expect(result).toMatchObject({ status: 'down', failureKind: 'status', statusCode: 404 });
    } finally {
      await noFederation.close();
    }
  });

  it('is down with a TLS failure when the certificate there is not for the server name', async () => {
    const monitor = federationMonitor({ id: 'fed-wrong', serverName: 'example.org', host: 'wrongname.test', port: 8448, tls: { caFile } });
    const result = await checkMatrixFederation(monitor, probe());
    expect(result).toMatchObject({ status: 'down', failureKind: 'tls' });
    expect(result.message).toContain('example.org');
  });

  it('is down (refused) when nothing listens there', async () => {
    const monitor = federationMonitor({ id: 'fed-closed', serverName: 'example.org', host: 'closed.test', port: 8448, tls: { caFile } });
    expect(await checkMatrixFederation(monitor, probe())).toMatchObject({ status: 'down', failureKind: 'refused' });
  });
});
