import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createSecureContext, createServer as createTlsServer } from 'node:tls';
import type { TlsMonitor } from '../../../electron/shared/types.ts';
import { checkTls } from '../../../electron/core/checks/tls.ts';
import { createLookup } from '../../../electron/core/checks/resolver.ts';
import {
  expiredCert,
  expiringCert,
  makeLeafCert,
  selfSignedCert,
  validCert,
  writeCaFile,
  wrongNameCert,
} from '../../fixtures/certificates.ts';
import type { KeyAndCert } from '../../fixtures/certificates.ts';
import { startDnsServer } from '../../fixtures/dns-server.ts';
import { DAY_MS } from '../../../electron/shared/time.ts';

function tlsMonitor(port: number, overrides: Partial<TlsMonitor> = {}): TlsMonitor {
  return {
    id: 'tls-1',
    name: 'TLS',
    type: 'tls',
    host: 'localhost',
    port,
    intervalSeconds: 3600,
    timeoutSeconds: 2,
    failureThreshold: 1,
    reminderIntervalMinutes: 0,
    paused: false,
    expiryWarningDays: [30, 14, 7, 3, 1],
    tls: {},
    ...overrides,
  };
}

const servers: Server[] = [];

function listen(server: Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function serveCertificate(pair: KeyAndCert): Promise<number> {
  return listen(createTlsServer({ key: pair.key, cert: pair.cert }));
}

afterAll(async () => {
  for (const server of servers) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe('checkTls', () => {
  let caFile: string;
  beforeAll(async () => {
    caFile = await writeCaFile();
  });

  it('is up for a valid, trusted certificate and reports every certificate field', async () => {
    const pair = await validCert();
    const port = await serveCertificate(pair);
    const result = await checkTls(tlsMonitor(port, { tls: { caFile } }));
    const x509 = new X509Certificate(pair.cert);
    expect(result).toMatchObject({ monitorId: 'tls-1', status: 'up', message: 'certificate valid for 90 more days' });
    expect(result.failureKind).toBeUndefined();
    expect(result.certificate).toEqual({
      validFrom: new Date(x509.validFrom).toISOString(),
      validTo: new Date(x509.validTo).toISOString(),
      daysLeft: 90,
      issuer: 'CN=Picket Test CA',
      subject: 'CN=localhost',
      names: ['localhost', '127.0.0.1'],
      fingerprint256: x509.fingerprint256,
      trusted: true,
      nameMatches: true,
    });
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(result.timings?.dnsMs).toBeGreaterThanOrEqual(0);
    expect(result.timings?.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.timings?.tlsMs).toBeGreaterThan(0);
  });

  it('is down when the chain is not trusted, and says why', async () => {
    const port = await serveCertificate(await validCert());
    const result = await checkTls(tlsMonitor(port));
    expect(result).toMatchObject({
      status: 'down',
      failureKind: 'certificate',
      // In words, as the HTTP check says it (http-tls.test.ts); the code stays in the details.
      message: 'certificate is not trusted (its issuer is unknown)',
      certificate: { trusted: false, trustError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', nameMatches: true },
    });

    const selfSignedPort = await serveCertificate(await selfSignedCert());
    const selfSigned = await checkTls(tlsMonitor(selfSignedPort, { tls: { caFile } }));
    expect(selfSigned).toMatchObject({ status: 'down', message: 'certificate is self-signed', certificate: { trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
  });

  it('accepts an untrusted chain when told to ignore errors (a private CA)', async () => {
    const port = await serveCertificate(await selfSignedCert());
    const result = await checkTls(tlsMonitor(port, { tls: { ignoreErrors: true } }));
    expect(result).toMatchObject({ status: 'up', certificate: { trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
  });

  it('is down for an expired certificate, even when told to ignore trust errors', async () => {
    const port = await serveCertificate(await expiredCert());
    for (const tls of [{ caFile }, { ignoreErrors: true }]) {
      const result = await checkTls(tlsMonitor(port, { tls }));
      expect(result).toMatchObject({ status: 'down', failureKind: 'certificate', message: 'certificate expired 1 day ago' });
      expect(result.certificate?.daysLeft).toBeLessThan(0);
    }
  });

  it('warns inside the largest expiry threshold', async () => {
    const pair = await expiringCert();
    const port = await serveCertificate(pair);
    const result = await checkTls(tlsMonitor(port, { tls: { caFile } }));
    const day = new Date(new X509Certificate(pair.cert).validTo).toISOString().slice(0, 10);
    expect(result).toMatchObject({ status: 'warning', failureKind: 'certificate', message: `certificate expires in 5 days (${day})` });
    expect(result.certificate?.daysLeft).toBe(5);

    const quiet = await checkTls(tlsMonitor(port, { tls: { caFile }, expiryWarningDays: [3, 1] }));
    expect(quiet).toMatchObject({ status: 'up', message: 'certificate valid for 5 more days' });
  });

  it('is down for a certificate issued to another name', async () => {
    const port = await serveCertificate(await wrongNameCert());
    const result = await checkTls(tlsMonitor(port, { tls: { caFile } }));
    expect(result).toMatchObject({
      status: 'down',
      failureKind: 'certificate',
      message: 'certificate is for wrong.example, not localhost',
      certificate: { trusted: true, nameMatches: false, names: ['wrong.example'] },
    });
  });

  it('sends serverName as SNI and checks the certificate against it; no SNI for an IP address', async () => {
    const fallback = await validCert();
    const named = await makeLeafCert({ commonName: 'a.test', altNames: ['a.test'] });
    const asked: string[] = [];
    const port = await listen(
      createTlsServer({
        key: fallback.key,
        cert: fallback.cert,
        SNICallback: (servername, callback) => {
          asked.push(servername);
          callback(null, createSecureContext(servername === 'a.test' ? named : fallback));
        },
      }),
    );

    const bySni = await checkTls(tlsMonitor(port, { host: '127.0.0.1', tls: { caFile, serverName: 'a.test' } }));
    expect(bySni).toMatchObject({ status: 'up', certificate: { names: ['a.test'], subject: 'CN=a.test', nameMatches: true } });
    expect(asked).toEqual(['a.test']);

    const byAddress = await checkTls(tlsMonitor(port, { host: '127.0.0.1', tls: { caFile } }));
    expect(byAddress).toMatchObject({ status: 'up', certificate: { names: ['localhost', '127.0.0.1'], nameMatches: true } });
    expect(asked).toEqual(['a.test']); // the IP literal sent no SNI

    const dns = await startDnsServer({ 'a.test': { A: ['127.0.0.1'] } });
    try {
      const lookup = createLookup(dns.address, { queryTimeoutMs: 500, tries: 1 });
      const byName = await checkTls(tlsMonitor(port, { host: 'a.test', tls: { caFile } }), { lookup });
      expect(byName).toMatchObject({ status: 'up', certificate: { names: ['a.test'] } });
      const unknown = await checkTls(tlsMonitor(port, { host: 'b.test', tls: { caFile } }), { lookup });
      expect(unknown).toMatchObject({ status: 'down', failureKind: 'dns', message: 'cannot resolve b.test' });
    } finally {
      await dns.close();
    }
  });

  it('computes days left from the injected clock', async () => {
    const port = await serveCertificate(await validCert());
    const at = (offsetDays: number) => checkTls(tlsMonitor(port, { tls: { caFile } }), { now: () => Date.now() + offsetDays * DAY_MS });

    const soon = await at(80);
    expect(soon).toMatchObject({ status: 'warning', certificate: { daysLeft: 10 } });
    expect(soon.message).toMatch(/^certificate expires in 10 days \(\d{4}-\d{2}-\d{2}\)$/);
    expect(await at(91)).toMatchObject({ status: 'down', message: 'certificate expired today' });
    expect(await at(100)).toMatchObject({ status: 'down', message: 'certificate expired 9 days ago', certificate: { daysLeft: -10 } });
    expect(await at(-3)).toMatchObject({ status: 'down', failureKind: 'certificate', message: expect.stringMatching(/^certificate not valid until \d{4}-/) });
  });

  it('reports a server that does not speak TLS as a failed handshake, without waiting for the deadline', async () => {
    const banner = await listen(createTcpServer((socket: Socket) => socket.resume().end('220 smtp.example ESMTP ready\r\n')));
    const started = Date.now();
    const result = await checkTls(tlsMonitor(banner, { timeoutSeconds: 5 }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'tls', latencyMs: null });
    expect(result.message).toMatch(/^TLS handshake failed: /);
    expect(Date.now() - started).toBeLessThan(4000);

    const hangUp = await listen(createTcpServer((socket: Socket) => socket.destroy()));
    expect(await checkTls(tlsMonitor(hangUp, { timeoutSeconds: 5 }))).toMatchObject({
      status: 'down',
      failureKind: 'tls',
      message: 'TLS handshake failed: the server closed the connection',
    });
  });

  it('times out against a server that accepts and never speaks', async () => {
    const port = await listen(createTcpServer((socket: Socket) => socket.resume().on('error', () => undefined)));
    const started = Date.now();
    const result = await checkTls(tlsMonitor(port, { timeoutSeconds: 0.5 }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'timeout', message: 'timed out after 0.5 s' });
    expect(result.timings?.connectMs).toBeGreaterThanOrEqual(0);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('says "connection refused" for a closed port', async () => {
    const closed = createTcpServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await checkTls(tlsMonitor(port))).toMatchObject({ status: 'down', failureKind: 'refused', message: 'connection refused' });
  });

  it('reports an unusable CA file as a config failure naming the file', async () => {
    const port = await serveCertificate(await validCert());
    const missing = `${caFile}.missing`;
    expect(await checkTls(tlsMonitor(port, { tls: { caFile: missing } }))).toMatchObject({
      status: 'down',
      failureKind: 'config',
      message: `cannot read CA file ${missing}: ENOENT`,
    });
    const notPem = `${caFile}.txt`;
    await writeFile(notPem, 'not a certificate');
    expect(await checkTls(tlsMonitor(port, { tls: { caFile: notPem } }))).toMatchObject({
      failureKind: 'config',
      message: `CA file ${notPem} holds no PEM certificate`,
    });
  });
});
