// The second transport of the contract: HTTP for requests, a WebSocket for events, on 127.0.0.1 unless
// told otherwise. It lets Picket run headless (a home server) and is how the dashboard is tested in a real browser.
// Every API request must carry the access token or a session cookie (web-access.ts) and come from this
// server's own origin; the Host header is checked too, so a DNS-rebinding page cannot reach the API through another name.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES, type ContractError } from '../shared/contract.ts';
import { dispatchRequest, toContractError, type ContractHandler } from '../shared/contract-dispatch.ts';
import { serveMetrics, type MetricsEndpoint } from './metrics-route.ts';
import { guardConnections, type ConnectionLimits } from './connection-guard.ts';
import { createHostPolicy, dashboardOrigin, LOOPBACK_LISTEN } from './listen-address.ts';
import { serveStatic } from './static-files.ts';
import { WebAccess } from './web-access.ts';

export type { ContractHandler } from '../shared/contract-dispatch.ts';

export interface WebServerOptions {
  handler: ContractHandler;
  /** 0 picks a free port. */
  port?: number;
  /** The built dashboard (out/renderer); absent means API only. */
  staticDir?: string;
  /** Tests pass a fixed token; otherwise 32 random bytes. serve passes the durable one (serve-token.ts). */
  token?: string;
  /** Prometheus metrics at /metrics, behind the same token (electron/web/metrics-route.ts). */
  metrics?: MetricsEndpoint;
  /** Caps and timeouts that keep local clients from starving the checks (connection-guard.ts). */
  limits?: ConnectionLimits;
  /** The IP address to bind (--listen); 127.0.0.1 by default. */
  listen?: string;
  /** The address a reverse proxy exposes (--public-url): its Host and Origin are accepted too. */
  publicUrl?: URL;
}

export interface WebServer {
  /** The dashboard's address with the token in its fragment (never sent to the server in requests). */
  url: string;
  origin: string;
  port: number;
  readonly token: string;
  /** A rotated token: old sessions and open event streams are signed out. */
  setToken(token: string): void;
  close(): Promise<void>;
  /** Open connections, refused connections and WebSockets dropped for not reading. */
  connectionStats(): { open: number; refused: number; droppedWebSockets: number };
}

/** The most a request body may be: an imported config is the largest legitimate one. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

/** The WebSocket close code that tells the dashboard it is signed out (4000-4999 are the application's). */
export const SIGNED_OUT_CLOSE_CODE = 4401;

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
  const access = new WebAccess(options.token ?? randomBytes(32).toString('hex'));
  const listen = options.listen ?? LOOPBACK_LISTEN;
  let origin = '';
  let policy = createHostPolicy({ listen, port: 0, publicUrl: options.publicUrl });

  /** Host must name this server (no DNS rebinding); Origin, when sent, must be this server's own. */
  const sameSite = (req: IncomingMessage): boolean =>
    policy.hostAllowed(req.headers.host) && (req.headers.origin === undefined || policy.originAllowed(req.headers.origin));

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      if (!sameSite(req)) return refuse(res, 403, 'request refused: wrong host or origin');
      if (url.pathname === '/api/session') {
        if (req.method !== 'POST') return refuse(res, 405, 'use POST');
        const cookie = access.signIn(req);
        if (cookie === undefined) return refuse(res, 401, 'sign-in refused: missing or wrong access token');
        res.writeHead(204, { 'set-cookie': cookie, 'cache-control': 'no-store' });
        return res.end();
      }
      if (url.pathname === '/api/request') {
        if (!access.authorized(req)) return refuse(res, 401, 'request refused: missing or wrong access token');
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
      if (url.pathname === '/metrics' && options.metrics) return serveMetrics(req, res, options.metrics, access.authorized(req));
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
    const trusted = url.pathname === '/api/events' && sameSite(req) && req.headers.origin !== undefined;
    if (!trusted) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const signedIn = access.authorized(req, url.searchParams.get('token') ?? undefined);
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A browser cannot read an upgrade's status, but it can read a close code: "signed out", not "reconnecting".
      if (!signedIn) return ws.close(SIGNED_OUT_CLOSE_CODE, 'signed out');
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // Events only flow one way; anything a client sends is ignored.
      ws.on('message', () => undefined);
    });
  });

  const stopRevoking = access.onRevoke(() => {
    for (const ws of sockets) ws.close(SIGNED_OUT_CLOSE_CODE, 'signed out');
  });
  const unsubscribers = EVENT_NAMES.map((name) =>
    options.handler.on(name, (payload) => {
      const message = JSON.stringify({ event: name, payload });
      for (const ws of sockets) guard.send(ws, message);
    }),
  );

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, listen, () => resolve());
    });
  } catch (error) {
    // Port in use, say: nothing may stay subscribed to the engine behind a server that never started.
    stopRevoking();
    for (const unsubscribe of unsubscribers) unsubscribe();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  origin = dashboardOrigin({ listen, port, publicUrl: options.publicUrl });
  policy = createHostPolicy({ listen, port, publicUrl: options.publicUrl });
  access.bindPort(port);

  return {
    get url() {
      return `${origin}/#token=${access.token}`;
    },
    origin,
    port,
    connectionStats: () => guard.stats(),
    get token() {
      return access.token;
    },
    setToken: (token) => access.setToken(token),
    close: async () => {
      stopRevoking();
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
