// HTTP monitors' connectTo: connect to another address while the URL's host stays the Host header and the
// TLS name (the fake servers' certificate is for example.org and other.example only, on free 127.0.0.1 ports).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHttp } from '../../../../electron/core/checks/http.ts';
import { parseMonitor, validateMonitor } from '../../../../electron/shared/config-validation.ts';
import type { HttpMonitor } from '../../../../electron/shared/types.ts';
import { makeLeafCert, writeCaFile } from '../../../fixtures/certificates.ts';
import { startFakeHomeserver } from '../../../fixtures/fake-homeserver.ts';
import type { FakeHomeserver } from '../../../fixtures/fake-homeserver.ts';

let caFile: string;
let server: FakeHomeserver;
let redirecting: FakeHomeserver;

/** "127.0.0.1:PORT" where a fake server really listens for the port it stands in for. */
const at = (fake: FakeHomeserver, port: number): string => `127.0.0.1:${fake.realPorts.get(port)}`;

const http = (config: Record<string, unknown>): HttpMonitor => parseMonitor({ id: 'ct', type: 'http', timeoutSeconds: 5, ...config }) as HttpMonitor;

beforeAll(async () => {
  caFile = await writeCaFile();
  const cert = await makeLeafCert({ commonName: 'example.org', altNames: ['example.org', 'other.example'] });
  server = await startFakeHomeserver({ names: ['example.org', 'other.example'], ports: [8448, 443], cert });
  // The redirect names other.example with the first server's real port: only the host is left to resolve.
  const otherExample = `https://other.example:${server.realPorts.get(443)}/_matrix/client/versions`;
  redirecting = await startFakeHomeserver({
    names: ['example.org'],
    ports: [443],
    cert,
    handler: (req, res) => {
      res.writeHead(302, { location: otherExample });
      res.end();
      return true;
    },
  });
});

afterAll(async () => {
  await Promise.all([server?.close(), redirecting?.close()]);
});

describe('http connectTo', () => {
  it('connects to address:port with the URL host as Host header and TLS name', async () => {
    const monitor = http({ url: 'https://example.org/_matrix/client/versions', connectTo: at(server, 8448), keyword: 'versions', tls: { caFile } });
    const result = await checkHttp(monitor);
    expect(result).toMatchObject({ status: 'up', statusCode: 200 });
    expect(server.requests.at(-1)).toMatchObject({ port: 8448, host: 'example.org', servername: 'example.org' });
  });

  it('still verifies the certificate against the URL host, not the address', async () => {
    const monitor = http({ url: 'https://wrong.example/_matrix/client/versions', connectTo: at(server, 443), tls: { caFile } });
    expect(await checkHttp(monitor)).toMatchObject({ status: 'down', failureKind: 'tls' });
  });

  it('applies tls.serverName over the URL host', async () => {
    const monitor = http({ url: 'https://wrong.example/_matrix/client/versions', connectTo: at(server, 443), tls: { caFile, serverName: 'example.org' } });
    expect(await checkHttp(monitor)).toMatchObject({ status: 'up' });
    expect(server.requests.at(-1)).toMatchObject({ host: 'wrong.example', servername: 'example.org' });
  });

  it('applies only to the URL origin: a redirect to another host resolves normally', async () => {
    const lookedUp: string[] = [];
    const monitor = http({ url: 'https://example.org/start', connectTo: at(redirecting, 443), tls: { caFile } });
    const result = await checkHttp(monitor, {
      lookup: (hostname, options, callback) => {
        lookedUp.push(hostname);
        // other.example lives on the first fake server; Node asks for every address (all: true) to race them.
        const answer = callback as (error: null, address: string | Array<{ address: string; family: number }>, family?: number) => void;
        if (options.all === true) answer(null, [{ address: '127.0.0.1', family: 4 }]);
        else answer(null, '127.0.0.1', 4);
      },
    });
    expect(lookedUp).toEqual(['other.example']);
    expect(result).toMatchObject({ status: 'up' });
    expect(server.requests.at(-1)).toMatchObject({ port: 443, host: `other.example:${server.realPorts.get(443)}`, servername: 'other.example' });
  });

  it('is validated: "address:port" with a port in range, http monitors only', () => {
    expect(validateMonitor({ id: 'a', type: 'http', url: 'https://example.org', connectTo: '[::1]:8448' }).ok).toBe(true);
    expect(validateMonitor({ id: 'a', type: 'http', url: 'https://example.org', connectTo: '127.0.0.1' })).toEqual({
      ok: false,
      issues: [{ path: 'connectTo', message: 'must be "address:port", like "192.0.2.10:8448" or "[2001:db8::1]:443"' }],
    });
    expect(validateMonitor({ id: 'a', type: 'http', url: 'https://example.org', connectTo: '127.0.0.1:70000' })).toEqual({
      ok: false,
      issues: [{ path: 'connectTo', message: 'port must be between 1 and 65535 (got "127.0.0.1:70000")' }],
    });
    expect(validateMonitor({ id: 'a', type: 'tcp', host: 'x', port: 1, connectTo: '127.0.0.1:80' })).toEqual({
      ok: false,
      issues: [{ path: 'connectTo', message: 'is not a field of a tcp monitor' }],
    });
  });
});
