// serve's protection against local clients that take more than their share: any process on this machine can
// open a TCP connection to the port (no token is needed for that), and ~20,000 idle ones once exhausted the file
// descriptors the checks need, so servers were reported down. Here: caps on open connections (in all and per
// client address), short timeouts for requests and idle sockets, and backpressure on every WebSocket.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

export interface ConnectionLimits {
  /** Open connections at once, WebSockets included. Default: a quarter of the process's file descriptor limit, at most 256. */
  maxConnections?: number;
  /** Open connections from one client address. Default: half of maxConnections. */
  maxPerAddress?: number;
  /** A request's headers and body must arrive within this. */
  requestTimeoutMs?: number;
  /** A connection with no request in progress is closed after this. */
  idleTimeoutMs?: number;
  /** Bytes a WebSocket may have queued and unsent before its client is told to resync and is dropped. */
  maxWebSocketBufferedBytes?: number;
}

export type ResolvedConnectionLimits = Required<ConnectionLimits>;

/** The dashboard needs a handful of connections; the checks keep the rest of the file descriptors. */
const MAX_DASHBOARD_CONNECTIONS = 256;
const FALLBACK_FD_LIMIT = 1024;

/** The soft RLIMIT_NOFILE, read where the platform shows it (Linux); elsewhere a common default. */
export function openFileLimit(limitsText?: string): number {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return FALLBACK_FD_LIMIT;
    }
  }
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(text)?.[1];
  if (soft === undefined) return FALLBACK_FD_LIMIT;
  return soft === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(soft);
}

export function resolveConnectionLimits(limits: ConnectionLimits = {}): ResolvedConnectionLimits {
  const maxConnections = limits.maxConnections ?? Math.max(16, Math.min(MAX_DASHBOARD_CONNECTIONS, Math.floor(openFileLimit() / 4)));
  return {
    maxConnections,
    maxPerAddress: limits.maxPerAddress ?? Math.max(1, Math.floor(maxConnections / 2)),
    requestTimeoutMs: limits.requestTimeoutMs ?? 15_000,
    idleTimeoutMs: limits.idleTimeoutMs ?? 10_000,
    maxWebSocketBufferedBytes: limits.maxWebSocketBufferedBytes ?? 4 * 1024 * 1024,
  };
}

export interface ConnectionGuard {
  limits: ResolvedConnectionLimits;
  /** Open connections now, and those refused so far. */
  stats(): { open: number; refused: number; droppedWebSockets: number };
  /** Sends an event to a WebSocket, or tells a client that stopped reading to resync and drops it. */
  send(ws: WebSocket, message: string): void;
}

/** Installs the caps and timeouts on an HTTP server; call before listen(). */
export function guardConnections(server: Server, limits: ConnectionLimits = {}): ConnectionGuard {
  const resolved = resolveConnectionLimits(limits);
  const perAddress = new Map<string, number>();
  let open = 0;
  let refused = 0;
  let droppedWebSockets = 0;

  server.requestTimeout = resolved.requestTimeoutMs;
  server.headersTimeout = Math.min(resolved.requestTimeoutMs, 10_000);
  server.keepAliveTimeout = Math.min(resolved.idleTimeoutMs, 5_000);
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '?';
    const fromAddress = perAddress.get(address) ?? 0;
    if (open >= resolved.maxConnections || fromAddress >= resolved.maxPerAddress) {
      refused += 1;
      socket.destroy();
      return;
    }
    open += 1;
    perAddress.set(address, fromAddress + 1);
    // A socket that never sends a request is closed; ws turns this off (setTimeout(0)) once a WebSocket is open.
    socket.setTimeout(resolved.idleTimeoutMs, () => socket.destroy());
    socket.once('close', () => {
      open -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });

  return {
    limits: resolved,
    stats: () => ({ open, refused, droppedWebSockets }),
    send(ws, message) {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount + Buffer.byteLength(message) <= resolved.maxWebSocketBufferedBytes) {
        ws.send(message);
        return;
      }
      // The client stopped reading: never buffer without bound. It reconnects and reloads everything.
      droppedWebSockets += 1;
      ws.send(JSON.stringify({ event: 'resync', payload: null }));
      ws.close(4000, 'resync: events were coming faster than they were read');
      // A client that does not read will not read the close frame either.
      setTimeout(() => ws.terminate(), 1_000).unref();
    },
  };
}
