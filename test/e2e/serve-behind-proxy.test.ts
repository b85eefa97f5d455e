// serve behind an HTTPS reverse proxy, as docs/running-as-a-service.md sets it up: serve on loopback with
// --public-url, a proxy that passes Host and WebSocket upgrades through (like Caddy), and Chromium reaching
// it by name (picket.test, mapped to 127.0.0.1 inside the browser).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeLeafCert } from '../fixtures/certificates.ts';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

const PUBLIC_NAME = 'picket.test';

/** A TLS-terminating proxy to 127.0.0.1:target(), Host unchanged, WebSocket upgrades piped as bytes. */
async function startTlsProxy(target: () => number): Promise<{ port: number; close(): Promise<void> }> {
  const { key, cert } = await makeLeafCert({ commonName: PUBLIC_NAME, altNames: [PUBLIC_NAME] });
  const server: Server = createServer({ key, cert }, (req, res) => {
    const upstream = httpRequest({ host: '127.0.0.1', port: target(), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (req, socket, head) => {
    const upstream = connect(target(), '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let dir: string;
let reference: TestServer;
let serve: ServeProcess;
let proxy: Awaited<ReturnType<typeof startTlsProxy>>;
let browser: LaunchedBrowser;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-proxy-'));
  reference = await startHttpServer((_req, res) => res.end('{"versions":["v1.11"]}'));
  const seed = path.join(dir, 'seed.json');
  await writeFile(seed, JSON.stringify({ version: 1, settings: { referenceTarget: `127.0.0.1:${reference.port}` }, monitors: [] }));
  let servePort = 0;
  proxy = await startTlsProxy(() => servePort);
  serve = await startServe(['--data', path.join(dir, 'data'), '--config', seed, '--public-url', `https://${PUBLIC_NAME}:${proxy.port}`]);
  // The printed URL is the public one; serve's own port is in the address it records beside its token.
  servePort = (JSON.parse(await readFile(path.join(dir, 'data', 'serve-address.json'), 'utf8')) as { port: number }).port;
  browser = await launchBrowser([`--host-resolver-rules=MAP ${PUBLIC_NAME} 127.0.0.1`]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await proxy?.close();
  await reference?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serve behind an HTTPS reverse proxy', () => {
  it('prints the public URL, signs in through the proxy with a Secure cookie, and gets live updates over wss://', async () => {
    const publicOrigin = `https://${PUBLIC_NAME}:${proxy.port}`;
    expect(serve.url).toBe(`${publicOrigin}/#token=${serve.token}`);
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // A Content-Security-Policy that forgot wss:// through the proxy would show up here as "Refused to connect".
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().startsWith('Refused to')) pageErrors.push(message.text());
    });
    await page.goto(serve.url);
    await page.getByText('No monitors yet').waitFor();
    await expect.poll(() => page.url()).toBe(`${publicOrigin}/#/`);
    expect(await context.cookies(publicOrigin)).toEqual([expect.objectContaining({ httpOnly: true, sameSite: 'Strict', secure: true })]);

    // A monitor added elsewhere (a script with the bearer token, through the proxy) reaches the page as an event.
    const added = await page.evaluate(
      async ({ origin, token }) => {
        const response = await fetch(`${origin}/api/request`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'addMonitor', params: { monitor: { id: 'tcp', name: 'Proxied TCP', type: 'tcp', host: '127.0.0.1', port: 1 } } }),
        });
        return response.status;
      },
      { origin: publicOrigin, token: serve.token },
    );
    expect(added).toBe(200);
    await page.getByText('Proxied TCP').waitFor({ timeout: 10_000 });
    await page.reload();
    await page.getByText('Proxied TCP').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
