// --connect-to in each check type, against real servers on free 127.0.0.1 ports standing in for example.test:443:
// the socket goes to the rule's target, while the Host header, SNI and the certificate check keep example.test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createTlsServer } from 'node:tls';
import type { AddressInfo, Server } from 'node:net';
import { parseConnectTo } from '../../../electron/core/checks/connect-to.ts';
import { runCheck } from '../../../electron/core/checks/run-check.ts';
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import type { Monitor } from '../../../electron/shared/types.ts';
import { makeLeafCert, writeCaFile, wrongNameCert } from '../../fixtures/certificates.ts';
import { startHttpsServer, type TestServer } from '../../fixtures/http-servers.ts';

let caFile: string;
let https: TestServer;
let wrongName: TestServer;
let tlsServer: Server;
let tlsPort: number;
const tlsNames: string[] = [];
const seen: Array<{ host: string | undefined; servername: string | false | undefined }> = [];

const monitor = (config: Record<string, unknown>): Monitor => parseMonitor({ id: 'ct', timeoutSeconds: 5, ...config });
const rule = (port: number): ReturnType<typeof parseConnectTo> => parseConnectTo(`example.test:443:127.0.0.1:${port}`);

beforeAll(async () => {
  caFile = await writeCaFile();
  const cert = await makeLeafCert({ commonName: 'example.test', altNames: ['example.test'] });
  https = await startHttpsServer(cert, (req, res) => {
    seen.push({ host: req.headers.host, servername: (req.socket as { servername?: string | false }).servername });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('picket stand-in');
  });
  wrongName = await startHttpsServer(await wrongNameCert(), (_req, res) => res.end('never'));
  // The SNI is recorded during the handshake: the check may hang up before the server sees the connection.
  const SNICallback = (name: string, done: (error: Error | null) => void): void => {
    tlsNames.push(name);
    done(null);
  };
  tlsServer = createTlsServer({ key: cert.key, cert: cert.cert, SNICallback }, (socket) => socket.end());
  tlsServer.on('tlsClientError', () => {});
  tlsPort = await new Promise<number>((resolve) => tlsServer.listen(0, '127.0.0.1', () => resolve((tlsServer.address() as AddressInfo).port)));
});

afterAll(async () => {
  await Promise.all([https?.close(), wrongName?.close(), new Promise<void>((resolve) => (tlsServer ? tlsServer.close(() => resolve()) : resolve()))]);
});

describe('--connect-to in the checks', () => {
  it('HTTPS: https://example.test/ reaches the stand-in, Host and SNI example.test, certificate checked for example.test', async () => {
    const result = await runCheck(monitor({ type: 'http', url: 'https://example.test/', keyword: 'stand-in', tls: { caFile } }), { connectTo: [rule(https.port)] });
    expect(result, result.message).toMatchObject({ status: 'up', statusCode: 200 });
    expect(seen.at(-1)).toEqual({ host: 'example.test', servername: 'example.test' });
  });

  it('HTTPS: a certificate that is not for example.test fails, though the socket went to 127.0.0.1', async () => {
    const result = await runCheck(monitor({ type: 'http', url: 'https://example.test/', tls: { caFile } }), { connectTo: [rule(wrongName.port)] });
    expect(result).toMatchObject({ status: 'down', failureKind: 'tls', message: 'certificate is for another name' });
  });

  it('TCP: example.test:443 connects to the stand-in port', async () => {
    const result = await runCheck(monitor({ type: 'tcp', host: 'example.test', port: 443 }), { connectTo: [rule(tlsPort)] });
    expect(result, result.message).toMatchObject({ status: 'up' });
  });

  it('TCP: the rule decides where the socket goes: a closed target port is refused', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createTlsServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const result = await runCheck(monitor({ type: 'tcp', host: 'example.test', port: 443 }), { connectTo: [rule(closed)] });
    expect(result).toMatchObject({ status: 'down', failureKind: 'refused' });
  });

  it('TLS: example.test:443 reads the stand-in certificate, verified for example.test', async () => {
    const result = await runCheck(monitor({ type: 'tls', host: 'example.test', port: 443, tls: { caFile } }), { connectTo: [rule(tlsPort)] });
    expect(result, result.message).toMatchObject({ status: 'up', certificate: { trusted: true, nameMatches: true, names: ['example.test'] } });
    expect(tlsNames.at(-1)).toBe('example.test');
  });

  it('TLS: a certificate for another name is down, the name checked being example.test', async () => {
    const result = await runCheck(monitor({ type: 'tls', host: 'example.test', port: 443, tls: { caFile } }), { connectTo: [rule(wrongName.port)] });
    expect(result).toMatchObject({ status: 'down', failureKind: 'certificate', certificate: { trusted: true, nameMatches: false } });
    expect(result.message).toContain('example.test');
  });
});
