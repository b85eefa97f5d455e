// The HTTP check against real servers on 127.0.0.1: methods, headers, auth, status, keyword, redirects.
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import { checkHttp } from '../../../electron/core/checks/http.ts';
import { closedPort, startHttpServer, startRedirectLoopServer } from '../../fixtures/http-servers.ts';
import type { Handler, TestServer } from '../../fixtures/http-servers.ts';
import { httpMonitor } from './http-monitor.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startHttpServer(handler);
  servers.push(server);
  return server;
}

/** A server that records every request and answers 200 "hello". */
async function recordingServer(): Promise<{ server: TestServer; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = await serve((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.end('hello');
    });
  });
  return { server, seen };
}

describe('checkHttp: a healthy endpoint', () => {
  it('is up with status, latency, timings and the injected clock', async () => {
    const { server } = await recordingServer();
    const result = await checkHttp(httpMonitor({ url: `${server.url}/health` }), { now: () => 1234 });
    expect(result).toMatchObject({ monitorId: 'm1', status: 'up', statusCode: 200, at: 1234 });
    expect(result.message).toMatch(/^200 OK in \d+ ms$/);
    expect(result.failureKind).toBeUndefined();
    expect(result.latencyMs).toBeTypeOf('number');
    expect(result.timings?.totalMs).toBe(result.latencyMs);
    expect(result.timings?.connectMs).toBeTypeOf('number');
    expect(result.timings?.firstByteMs).toBeTypeOf('number');
    expect(result.timings?.tlsMs).toBeUndefined();
  });

  it('times name resolution through an injected lookup', async () => {
    const { server, seen } = await recordingServer();
    const names: string[] = [];
    const lookup = ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      names.push(hostname);
      if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    }) as unknown as LookupFunction;
    const result = await checkHttp(httpMonitor({ url: `http://picket.test:${server.port}/` }), { lookup });
    expect(result.status).toBe('up');
    expect(names).toEqual(['picket.test']);
    expect(seen[0]?.headers.host).toBe(`picket.test:${server.port}`);
    expect(result.timings?.dnsMs).toBeTypeOf('number');
  });

  it('closes its connection when the check ends (no kept-alive sockets)', async () => {
    let closed!: () => void;
    const socketClosed = new Promise<void>((resolve) => (closed = resolve));
    const server = await serve((req, res) => {
      req.socket.once('close', closed);
      res.writeHead(200, { connection: 'keep-alive', 'keep-alive': 'timeout=60' });
      res.end('ok');
    });
    const result = await checkHttp(httpMonitor({ url: server.url }));
    expect(result.status).toBe('up');
    await socketClosed; // hangs (and the test times out) if the socket were kept alive
  });
});

describe('checkHttp: the request', () => {
  it('sends GET by default, HEAD, and POST with the body', async () => {
    const { server, seen } = await recordingServer();
    await checkHttp(httpMonitor({ url: server.url }));
    await checkHttp(httpMonitor({ url: server.url, method: 'HEAD' }));
    const post = await checkHttp(
      httpMonitor({ url: server.url, method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json' } }),
    );
    expect(post.status).toBe('up');
    expect(seen.map((s) => s.method)).toEqual(['GET', 'HEAD', 'POST']);
    expect(seen[2]?.body).toBe('{"a":1}');
    expect(seen[2]?.headers['content-type']).toBe('application/json');
  });

  it('sends the monitor headers', async () => {
    const { server, seen } = await recordingServer();
    await checkHttp(httpMonitor({ url: server.url, headers: { 'X-Picket': 'yes', Accept: 'text/plain' } }));
    expect(seen[0]?.headers['x-picket']).toBe('yes');
    expect(seen[0]?.headers.accept).toBe('text/plain');
  });

  it('sends basic and bearer auth', async () => {
    const { server, seen } = await recordingServer();
    await checkHttp(httpMonitor({ url: server.url, auth: { type: 'basic', username: 'ann', password: 'pä:ss' } }));
    await checkHttp(httpMonitor({ url: server.url, auth: { type: 'bearer', token: 'tok123' } }));
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('ann:pä:ss').toString('base64')}`);
    expect(seen[1]?.headers.authorization).toBe('Bearer tok123');
  });

  it('cacheBust sends no-cache headers and leaves the URL alone', async () => {
    const { server, seen } = await recordingServer();
    await checkHttp(httpMonitor({ url: `${server.url}/p?q=1`, cacheBust: true }));
    await checkHttp(httpMonitor({ url: `${server.url}/p?q=1` }));
    expect(seen[0]?.url).toBe('/p?q=1');
    expect(seen[0]?.headers['cache-control']).toBe('no-cache');
    expect(seen[0]?.headers.pragma).toBe('no-cache');
    expect(seen[1]?.headers['cache-control']).toBeUndefined();
  });
});

describe('checkHttp: the status', () => {
  async function statusServer(code: number): Promise<TestServer> {
    return serve((_req, res) => {
      res.statusCode = code;
      res.end('body');
    });
  }

  it('is down on a status outside the expected ones, with the code', async () => {
    const server = await statusServer(503);
    const result = await checkHttp(httpMonitor({ url: server.url }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'status', statusCode: 503 });
    expect(result.message).toBe('expected status 200-299, got 503 Service Unavailable');
    expect(result.latencyMs).toBeTypeOf('number');
  });

  it('accepts numbers and ranges from expectedStatus', async () => {
    const server = await statusServer(418);
    expect((await checkHttp(httpMonitor({ url: server.url, expectedStatus: [418] }))).status).toBe('up');
    expect((await checkHttp(httpMonitor({ url: server.url, expectedStatus: [200, '400-499'] }))).status).toBe('up');
    expect((await checkHttp(httpMonitor({ url: server.url, expectedStatus: ['500-599'] }))).status).toBe('down');
  });

  it('a malformed expectedStatus is a config failure, not a throw', async () => {
    const server = await statusServer(200);
    const result = await checkHttp(httpMonitor({ url: server.url, expectedStatus: ['2xx'] }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'config' });
    expect(result.message).toMatch(/expectedStatus/);
  });

  it('a correct but slow answer is a warning', async () => {
    const server = await serve((_req, res) => {
      setTimeout(() => res.end('late'), 300);
    });
    const slow = await checkHttp(httpMonitor({ url: server.url, slowResponseMs: 100 }));
    expect(slow.status).toBe('warning');
    expect(slow.message).toMatch(/^200 OK in \d+ ms, slower than 100 ms$/);
    const fine = await checkHttp(httpMonitor({ url: server.url, slowResponseMs: 60_000 }));
    expect(fine.status).toBe('up');
  });
});

describe('checkHttp: the keyword', () => {
  /** Writes the pieces with a pause between them, so each arrives as its own chunk. */
  async function chunkedServer(pieces: Array<string | Buffer>, endAfter = true): Promise<TestServer> {
    return serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      // Writes and timers only: nothing here can reject, so the request listener need not wait for it.
      void (async () => {
        for (const piece of pieces) {
          res.write(piece);
          await new Promise((r) => setTimeout(r, 40));
        }
        if (endAfter) res.end();
      })();
    });
  }

  it('is up when the keyword is there and down with the byte count when not', async () => {
    const server = await chunkedServer(['{"versions":["v1.1"]}']);
    expect((await checkHttp(httpMonitor({ url: server.url, keyword: 'versions' }))).status).toBe('up');
    const missing = await checkHttp(httpMonitor({ url: server.url, keyword: 'unstable' }));
    expect(missing).toMatchObject({ status: 'down', failureKind: 'keyword', statusCode: 200 });
    expect(missing.message).toBe('keyword "unstable" not found in 21 bytes');
  });

  it('compares case-insensitively only when asked', async () => {
    const server = await chunkedServer(['Service is HEALTHY']);
    expect((await checkHttp(httpMonitor({ url: server.url, keyword: 'healthy' }))).status).toBe('down');
    const result = await checkHttp(httpMonitor({ url: server.url, keyword: 'healthy', keywordCaseInsensitive: true }));
    expect(result.status).toBe('up');
  });

  it('inverted: down when the keyword appears, up when it does not', async () => {
    const server = await chunkedServer(['maintenance mode']);
    const found = await checkHttp(httpMonitor({ url: server.url, keyword: 'maintenance', keywordInvert: true }));
    expect(found).toMatchObject({ status: 'down', failureKind: 'keyword' });
    expect(found.message).toBe('keyword "maintenance" found, but it must not appear');
    expect((await checkHttp(httpMonitor({ url: server.url, keyword: 'error', keywordInvert: true }))).status).toBe('up');
  });

  it('finds a keyword split across network chunks', async () => {
    const server = await chunkedServer(['{"ver', 'sions":[]}']);
    expect((await checkHttp(httpMonitor({ url: server.url, keyword: 'versions' }))).status).toBe('up');
  });

  it('finds a keyword whose multi-byte character is split across chunks', async () => {
    const bytes = Buffer.from('état: prêt à servir');
    const cut = bytes.indexOf(Buffer.from('ê')) + 1; // between the two bytes of "ê"
    const server = await chunkedServer([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect((await checkHttp(httpMonitor({ url: server.url, keyword: 'prêt' }))).status).toBe('up');
  });

  it('stops reading as soon as the keyword is found, even if the body never ends', async () => {
    const server = await chunkedServer(['ok: versions'], false);
    const result = await checkHttp(httpMonitor({ url: server.url, keyword: 'versions', timeoutSeconds: 5 }));
    expect(result.status).toBe('up');
  });

  it('reads at most maxBodyBytes', async () => {
    const server = await chunkedServer(['x'.repeat(5000), 'needle']);
    const capped = await checkHttp(httpMonitor({ url: server.url, keyword: 'needle', maxBodyBytes: 1000 }));
    expect(capped).toMatchObject({ status: 'down', failureKind: 'keyword' });
    expect(capped.message).toBe('keyword "needle" not found in the first 1000 bytes');
    const inverted = await checkHttp(httpMonitor({ url: server.url, keyword: 'needle', keywordInvert: true, maxBodyBytes: 1000 }));
    expect(inverted.status).toBe('up');
    expect((await checkHttp(httpMonitor({ url: server.url, keyword: 'needle' }))).status).toBe('up');
  });
});

describe('checkHttp: redirects', () => {
  it('follows a relative Location', async () => {
    const { server: target, seen } = await recordingServer();
    const server = await serve((req, res) => {
      res.writeHead(302, { location: req.url === '/start' ? 'dir/next' : `${target.url}/final` });
      res.end();
    });
    const hops: string[] = [];
    const first = await serve((req, res) => {
      hops.push(req.url ?? '');
      res.writeHead(301, { location: `${server.url}/start` });
      res.end();
    });
    const result = await checkHttp(httpMonitor({ url: `${first.url}/` }));
    expect(result).toMatchObject({ status: 'up', statusCode: 200 });
    expect(seen[0]?.url).toBe('/final');
    expect(hops).toEqual(['/']);
  });

  it('resolves a relative Location against the current URL', async () => {
    const paths: string[] = [];
    const server = await serve((req, res) => {
      paths.push(req.url ?? '');
      if (req.url === '/a/b') res.writeHead(302, { location: 'c?x=1' }).end();
      else res.end('done');
    });
    expect((await checkHttp(httpMonitor({ url: `${server.url}/a/b` }))).status).toBe('up');
    expect(paths).toEqual(['/a/b', '/a/c?x=1']);
  });

  it('303 turns POST into GET without the body; 307 keeps both', async () => {
    for (const [code, method, body] of [
      [303, 'GET', ''],
      [307, 'POST', 'payload'],
      [308, 'POST', 'payload'],
      [302, 'GET', ''],
    ] as const) {
      const { server: target, seen } = await recordingServer();
      const server = await serve((req, res) => {
        req.resume();
        res.writeHead(code, { location: `${target.url}/to` }).end();
      });
      const result = await checkHttp(httpMonitor({ url: server.url, method: 'POST', body: 'payload' }));
      expect(result.status, `after ${code}`).toBe('up');
      expect(seen[0]?.method, `after ${code}`).toBe(method);
      expect(seen[0]?.body, `after ${code}`).toBe(body);
    }
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const { server: target, seen } = await recordingServer();
    const server = await serve((_req, res) => res.writeHead(302, { location: target.url }).end());
    await checkHttp(httpMonitor({ url: server.url, auth: { type: 'bearer', token: 'secret' } }));
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('detects a redirect loop', async () => {
    const server = await startRedirectLoopServer();
    servers.push(server);
    const result = await checkHttp(httpMonitor({ url: `${server.url}/a` }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'redirect', statusCode: 302 });
    expect(result.message).toBe(`redirect loop: ${server.url}/a -> ${server.url}/b -> ${server.url}/a`);
  });

  it('gives up after maxRedirects', async () => {
    const server = await serve((req, res) => {
      const n = Number((req.url ?? '/0').slice(1));
      res.writeHead(302, { location: `/${n + 1}` }).end();
    });
    const result = await checkHttp(httpMonitor({ url: `${server.url}/0`, maxRedirects: 3 }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'redirect' });
    expect(result.message).toBe('too many redirects (max 3)');
    const ok = await serve((req, res) => {
      const n = Number((req.url ?? '/0').slice(1));
      if (n < 3) res.writeHead(302, { location: `/${n + 1}` }).end();
      else res.end('there');
    });
    expect((await checkHttp(httpMonitor({ url: `${ok.url}/0`, maxRedirects: 3 }))).status).toBe('up');
  });

  it('a redirect to a non-HTTP URL is a redirect failure', async () => {
    const server = await serve((_req, res) => res.writeHead(301, { location: 'ftp://files.example/x' }).end());
    const result = await checkHttp(httpMonitor({ url: server.url }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'redirect', statusCode: 301 });
    expect(result.message).toBe('redirect to an unsupported URL "ftp://files.example/x"');
  });

  it('with maxRedirects 0 judges the 3xx itself against expectedStatus', async () => {
    const server = await serve((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end());
    const down = await checkHttp(httpMonitor({ url: server.url, maxRedirects: 0 }));
    expect(down).toMatchObject({ status: 'down', failureKind: 'status', statusCode: 302 });
    const up = await checkHttp(httpMonitor({ url: server.url, maxRedirects: 0, expectedStatus: [302] }));
    expect(up).toMatchObject({ status: 'up', statusCode: 302 });
  });
});

describe('checkHttp: failures before any answer', () => {
  it('a closed port is refused, with no latency', async () => {
    const port = await closedPort();
    const result = await checkHttp(httpMonitor({ url: `http://127.0.0.1:${port}/` }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'refused', message: 'connection refused', latencyMs: null });
    expect(result.statusCode).toBeUndefined();
    expect(result.timings?.totalMs).toBeTypeOf('number');
  });

  it('a name that does not resolve is a dns failure', async () => {
    const lookup = ((hostname: string, _options: unknown, callback: (error: Error) => void) => {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
      process.nextTick(() => callback(error));
    }) as unknown as LookupFunction;
    const result = await checkHttp(httpMonitor({ url: 'http://no-such-host.test/' }), { lookup });
    expect(result).toMatchObject({ status: 'down', failureKind: 'dns', latencyMs: null });
    expect(result.message).toBe('cannot resolve no-such-host.test');
  });

  it('a malformed URL or method is a config failure', async () => {
    expect(await checkHttp(httpMonitor({ url: 'not a url' }))).toMatchObject({ status: 'down', failureKind: 'config' });
    const ftp = await checkHttp(httpMonitor({ url: 'ftp://127.0.0.1/' }));
    expect(ftp).toMatchObject({ failureKind: 'config', message: 'url: "ftp://127.0.0.1/" is not http:// or https://' });
  });

  it('a header value undici refuses is a config failure, not a throw', async () => {
    const { server } = await recordingServer();
    const result = await checkHttp(httpMonitor({ url: server.url, headers: { 'x-bad': 'a\r\nb' } }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'config' });
  });

  it('can be cancelled through its signal', async () => {
    const server = await serve(() => {}); // never answers
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await checkHttp(httpMonitor({ url: server.url, timeoutSeconds: 10 }), { signal: controller.signal });
    expect(result).toMatchObject({ status: 'down', failureKind: 'other', message: 'check cancelled' });
  });
});
