// HTTPS: trust through caFile, ignoreErrors, serverName, and certificates that must fail.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkHttp } from '../../../electron/core/checks/http.ts';
import {
  expiredCert,
  makeLeafCert,
  makeOtherCa,
  selfSignedCert,
  validCert,
  wrongNameCert,
  writeCaFile,
} from '../../fixtures/certificates.ts';
import type { KeyAndCert } from '../../fixtures/certificates.ts';
import { startHttpServer, startHttpsServer } from '../../fixtures/http-servers.ts';
import type { TestServer } from '../../fixtures/http-servers.ts';
import { httpMonitor } from './http-monitor.ts';

let caFile: string;
beforeAll(async () => {
  caFile = await writeCaFile();
});
afterAll(async () => {
  await rm(dirname(caFile), { recursive: true, force: true });
});

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function https(credentials: KeyAndCert | Promise<KeyAndCert>): Promise<TestServer> {
  const server = await startHttpsServer(await credentials, (_req, res) => res.end('secure hello'));
  servers.push(server);
  return server;
}

describe('checkHttp over TLS', () => {
  it('is up when caFile trusts the issuer, with TLS timings', async () => {
    const server = await https(validCert());
    const result = await checkHttp(httpMonitor({ url: server.url, keyword: 'secure', tls: { caFile } }));
    expect(result).toMatchObject({ status: 'up', statusCode: 200 });
    expect(result.timings?.connectMs).toBeTypeOf('number');
    expect(result.timings?.tlsMs).toBeTypeOf('number');
    expect(result.timings?.firstByteMs).toBeTypeOf('number');
  });

  it('is down (tls) when nothing trusts the issuer, and up with ignoreErrors', async () => {
    const server = await https(validCert());
    const untrusted = await checkHttp(httpMonitor({ url: server.url }));
    expect(untrusted).toMatchObject({ status: 'down', failureKind: 'tls', latencyMs: null });
    expect(untrusted.message).toBe('certificate is not trusted (its issuer is unknown)');
    const ignored = await checkHttp(httpMonitor({ url: server.url, tls: { ignoreErrors: true } }));
    expect(ignored.status).toBe('up');
  });

  it('is down when the issuer is another CA than the one in caFile', async () => {
    const server = await https(makeLeafCert({ ca: await makeOtherCa() }));
    const result = await checkHttp(httpMonitor({ url: server.url, tls: { caFile } }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'tls' });
  });

  it('an expired certificate is down (tls), even from a trusted CA', async () => {
    const server = await https(expiredCert());
    const result = await checkHttp(httpMonitor({ url: server.url, tls: { caFile } }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'tls', message: 'certificate expired' });
    expect((await checkHttp(httpMonitor({ url: server.url, tls: { ignoreErrors: true } }))).status).toBe('up');
  });

  it('a certificate for another name is down (tls); serverName makes it the name verified', async () => {
    const server = await https(wrongNameCert());
    const wrong = await checkHttp(httpMonitor({ url: server.url, tls: { caFile } }));
    expect(wrong).toMatchObject({ status: 'down', failureKind: 'tls', message: 'certificate is for another name' });
    const named = await checkHttp(httpMonitor({ url: server.url, tls: { caFile, serverName: 'wrong.example' } }));
    expect(named.status).toBe('up');
  });

  it('serverName is sent as SNI', async () => {
    const sni: Array<string | false | null> = [];
    const server = await startHttpsServer(await validCert(), (req, res) => {
      sni.push((req.socket as import('node:tls').TLSSocket).servername);
      res.end('ok');
    });
    servers.push(server);
    const result = await checkHttp(httpMonitor({ url: server.url, tls: { serverName: 'sni.example', ignoreErrors: true } }));
    expect(result.status).toBe('up');
    expect(sni).toEqual(['sni.example']);
  });

  it('a self-signed certificate is down (tls)', async () => {
    const server = await https(selfSignedCert());
    const result = await checkHttp(httpMonitor({ url: server.url }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'tls', message: 'certificate is self-signed' });
  });

  it('https:// to a plain HTTP port is a tls failure', async () => {
    const server = await startHttpServer((_req, res) => res.end('plain'));
    servers.push(server);
    const result = await checkHttp(httpMonitor({ url: server.url.replace('http:', 'https:') }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'tls' });
  });

  it('an unreadable caFile is a config failure naming the file', async () => {
    const server = await https(validCert());
    const missing = `${caFile}.missing`;
    const result = await checkHttp(httpMonitor({ url: server.url, tls: { caFile: missing } }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'config', latencyMs: null });
    expect(result.message).toBe(`tls.caFile: cannot read "${missing}" (ENOENT)`);
  });
});
