// Hostile servers: the check must end within its timeout + 1 s, say why, and close its sockets.
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CheckResult, HttpMonitor } from '../../../electron/shared/types.ts';
import { checkHttp } from '../../../electron/core/checks/http.ts';
import {
  startEndlessBodyServer,
  startFakeSynapse,
  startHttpServer,
  startHugeHeadersServer,
  startResettingServer,
  startSilentServer,
  startTricklingServer,
  FAKE_SYNAPSE_VERSION,
} from '../../fixtures/http-servers.ts';
import type { TestServer } from '../../fixtures/http-servers.ts';
import { httpMonitor } from './http-monitor.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function track(start: Promise<TestServer>): Promise<TestServer> {
  const server = await start;
  servers.push(server);
  return server;
}

/** Runs the check and asserts the hard deadline: it ends within timeoutSeconds + 1 s. */
async function checkWithinDeadline(monitor: HttpMonitor): Promise<CheckResult> {
  const started = performance.now();
  const result = await checkHttp(monitor);
  expect(performance.now() - started).toBeLessThan(monitor.timeoutSeconds * 1000 + 1000);
  return result;
}

describe('checkHttp against hostile servers', () => {
  it('a server that never answers times out waiting for the headers', async () => {
    const server = await track(startSilentServer());
    const result = await checkWithinDeadline(httpMonitor({ url: server.url, timeoutSeconds: 0.5 }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'timeout', latencyMs: null });
    expect(result.message).toBe('timed out after 0.5 s while waiting for the response headers');
  });

  it('a silent server on https:// times out during the TLS handshake', async () => {
    const server = await track(startSilentServer());
    const url = server.url.replace('http:', 'https:');
    const result = await checkWithinDeadline(httpMonitor({ url, timeoutSeconds: 0.5 }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'timeout' });
    expect(result.message).toBe('timed out after 0.5 s during the TLS handshake');
  });

  it('a resolver that never answers times out while resolving the name', async () => {
    const lookup = (() => {}) as unknown as LookupFunction;
    const started = performance.now();
    const result = await checkHttp(httpMonitor({ url: 'http://stuck.test/', timeoutSeconds: 0.5 }), { lookup });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(result).toMatchObject({ status: 'down', failureKind: 'timeout' });
    expect(result.message).toBe('timed out after 0.5 s while resolving the name');
  });

  it('a response that is not HTTP is a protocol failure', async () => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.resume(); // read the client's FIN, so the socket closes and server.close() can finish
      socket.end('HELLO THERE\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const result = await checkWithinDeadline(httpMonitor({ url: `http://127.0.0.1:${port}/` }));
      expect(result).toMatchObject({ status: 'down', failureKind: 'protocol' });
      expect(result.message).toMatch(/^malformed response/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a body trickling one byte at a time times out while reading the body', async () => {
    const server = await track(startTricklingServer(200));
    const result = await checkWithinDeadline(httpMonitor({ url: server.url, timeoutSeconds: 0.8 }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'timeout', statusCode: 200 });
    expect(result.message).toBe('timed out after 0.8 s while reading the body');
    const keyword = await checkWithinDeadline(httpMonitor({ url: server.url, timeoutSeconds: 0.8, keyword: 'never' }));
    expect(keyword).toMatchObject({ status: 'down', failureKind: 'timeout' });
  });

  it('an endless body is read only up to maxBodyBytes', async () => {
    const server = await track(startEndlessBodyServer());
    const drained = await checkWithinDeadline(httpMonitor({ url: server.url, maxBodyBytes: 256 * 1024 }));
    expect(drained).toMatchObject({ status: 'up', statusCode: 200 });
    const missing = await checkWithinDeadline(httpMonitor({ url: server.url, keyword: 'needle', maxBodyBytes: 256 * 1024 }));
    expect(missing).toMatchObject({ status: 'down', failureKind: 'keyword' });
    expect(missing.message).toBe('keyword "needle" not found in the first 262144 bytes');
  });

  it('an endless body: the server sees the connection closed when the check ends', async () => {
    let closed!: () => void;
    const socketClosed = new Promise<void>((resolve) => (closed = resolve));
    const chunk = Buffer.alloc(16 * 1024, 'y');
    const server = await track(
      startHttpServer((req, res) => {
        req.socket.once('close', closed);
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
        };
        res.on('drain', pump);
        pump();
      }),
    );
    const result = await checkWithinDeadline(httpMonitor({ url: server.url, maxBodyBytes: 64 * 1024 }));
    expect(result.status).toBe('up');
    await socketClosed; // the test times out if the check left the socket open
  });

  it('a connection reset mid-body is a reset', async () => {
    const server = await track(startResettingServer());
    const result = await checkWithinDeadline(httpMonitor({ url: server.url }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'reset', statusCode: 200 });
    expect(result.message).toMatch(/^connection closed/);
  });

  it('a connection closed before any answer is a reset', async () => {
    const server = await track(startHttpServer((req) => req.socket.destroy()));
    const result = await checkWithinDeadline(httpMonitor({ url: server.url }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'reset', latencyMs: null });
    expect(result.message).toBe('connection closed by the server before it answered');
  });

  it('huge response headers are a protocol failure', async () => {
    const server = await track(startHugeHeadersServer());
    const result = await checkWithinDeadline(httpMonitor({ url: server.url }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'protocol', message: 'response headers too large' });
  });
});

describe('checkHttp against a fake Synapse', () => {
  it('finds "versions" on the client API and the server name on federation', async () => {
    const server = await track(startFakeSynapse());
    const client = await checkHttp(httpMonitor({ url: `${server.url}/_matrix/client/versions`, keyword: 'versions' }));
    expect(client).toMatchObject({ status: 'up', statusCode: 200 });
    const federation = await checkHttp(
      httpMonitor({ url: `${server.url}/_matrix/federation/v1/version`, keyword: FAKE_SYNAPSE_VERSION }),
    );
    expect(federation.status).toBe('up');
    const unknown = await checkHttp(httpMonitor({ url: `${server.url}/_matrix/nothing` }));
    expect(unknown).toMatchObject({ status: 'down', failureKind: 'status', statusCode: 404 });
  });
});
