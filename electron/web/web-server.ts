// The second transport of the contract: HTTP for requests, a WebSocket for events, on 127.0.0.1 only.
// It lets Picket run headless (a home server) and is how the dashboard is tested in a real browser.
// Every API request must carry the access token and come from this server's own origin; the Host
// header is checked too, so a DNS-rebinding page cannot reach the API through another name.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES, type ContractError } from '../shared/contract.ts';
import { dispatchRequest, toContractError, type ContractHandler } from '../shared/contract-dispatch.ts';
import { bearerToken, serveMetrics, type MetricsEndpoint } from './metrics-route.ts';
import { serveStatic } from './static-files.ts';
import { guardConnections, type ConnectionLimits } from './connection-guard.ts';

export type { ContractHandler } from '../shared/contract-dispatch.ts';

export interface WebServerOptions {
  handler: ContractHandler;
  /** 0 picks a free port. */
  port?: number;
  /** The built dashboard (out/renderer); absent means API only. */
  staticDir?: string;
  /** Tests pass a fixed token; otherwise 32 random bytes. */
  token?: string;
  /** Prometheus metrics at /metrics, behind the same token (electron/web/metrics-route.ts). */
  metrics?: MetricsEndpoint;
  /** Caps and timeouts that keep local clients from starving the checks (connection-guard.ts). */
  limits?: ConnectionLimits;
}

export interface WebServer {
  /** The dashboard's address with the token in its fragment (never sent to the server in requests). */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
  /** Open connections, refused connections and WebSockets dropped for not reading. */
  connectionStats(): { open: number; refused: number; droppedWebSockets: number };
}

/** The most a request body may be: an imported config is the largest legitimate one. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { ok: false, error: { code: 'invalid-params', message } satisfies ContractError });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  let origin = '';
  let allowedHosts = new Set<string>();

  /** Host must name this server (no DNS rebinding); Origin, when sent, must be this server's own. */
  const sameSite = (req: IncomingMessage): boolean => {
    if (!allowedHosts.has(req.headers.host ?? '')) return false;
    const from = req.headers.origin;
    return from === undefined || from === origin || allowedHosts.has(from.replace(/^http:\/\//, ''));
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      if (!sameSite(req)) return refuse(res, 403, 'request refused: wrong host or origin');
      if (url.pathname === '/api/request') {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!sameToken(bearer, token)) return refuse(res, 401, 'request refused: missing or wrong access token');
        if (req.method !== 'POST') return refuse(res, 405, 'use POST');
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req)) as unknown;
        } catch (error) {
          return refuse(res, 400, `request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
        }
        const { name, params } = (typeof body === 'object' && body !== null ? body : {}) as { name?: unknown; params?: unknown };
        const envelope = await dispatchRequest(options.handler, name, params);
        return sendJson(res, envelope.ok ? 200 : envelope.error.code === 'internal' ? 500 : 400, envelope);
      }
      if (url.pathname.startsWith('/api/')) return refuse(res, 404, 'no such endpoint');
      if (url.pathname === '/metrics' && options.metrics) return serveMetrics(req, res, options.metrics, sameToken(bearerToken(req), token));
      if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(options.staticDir, url.pathname, req, res);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(options.staticDir ? 'not found' : 'the dashboard is not built: run npm run build');
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: toContractError(error) });
      else res.destroy();
    });
  });

  const guard = guardConnections(server, options.limits);
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    // Browsers always send Origin on WebSocket upgrades, so a missing one is refused too.
    const trusted = url.pathname === '/api/events' && sameSite(req) && req.headers.origin !== undefined && sameToken(url.searchParams.get('token') ?? undefined, token);
    if (!trusted) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // Events only flow one way; anything a client sends is ignored.
      ws.on('message', () => undefined);
    });
  });

  const unsubscribers = EVENT_NAMES.map((name) =>
    options.handler.on(name, (payload) => {
      const message = JSON.stringify({ event: name, payload });
      for (const ws of sockets) guard.send(ws, message);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    connectionStats: () => guard.stats(),
    close: async () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
