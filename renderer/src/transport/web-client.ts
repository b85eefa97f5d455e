// The web transport (see electron/web/web-server.ts): requests are POSTs to /api/request; events arrive over
// one WebSocket that reconnects with backoff when it drops. A token from the printed URL is traded once for
// a session cookie (POST /api/session), which carries the event stream and every later visit; while the page
// holds the token, requests also send it as a bearer.
import type { ContractError, EventMap, EventName, PicketClient, RequestName, RequestParams, RequestResult } from '../../../electron/shared/contract.ts';
import { PicketClientError, toClientError } from './client-error.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'signed-out';

/** The server's WebSocket close code for "no valid token or session" (electron/web/web-server.ts). */
export const SIGNED_OUT_CLOSE_CODE = 4401;

/** The part of the browser WebSocket this client uses, so tests can pass a fake class. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code?: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}
export type WebSocketFactory = new (url: string) => WebSocketLike;

export interface WebClientOptions {
  /** e.g. http://127.0.0.1:4321 */
  origin: string;
  /** From the URL's #token=; absent on a reload or a bookmark, where the session cookie does the work. */
  token?: string;
  /** Called once the server answered the sign-in, so the token can leave the address bar. */
  onSignedIn?: () => void;
  fetch?: typeof fetch;
  WebSocket?: WebSocketFactory;
}

/** A PicketClient that can also say whether its event stream is live (the store shows it). */
export interface WebClient extends PicketClient {
  onConnectionChange(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

function isContractError(value: unknown): value is ContractError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

/** No token in it: a query string ends up in a reverse proxy's logs; the session cookie goes along instead. */
export function eventsUrl(origin: string): string {
  const url = new URL('/api/events', origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function createWebClient(options: WebClientOptions): WebClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const Socket = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketFactory);
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let socket: WebSocketLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retries = 0;
  let status: ConnectionStatus = 'closed';
  let signingIn = options.token !== undefined && options.token !== '';
  const signedIn: Promise<void> = signingIn ? signIn() : Promise.resolve();

  async function signIn(): Promise<void> {
    try {
      await doFetch(`${options.origin}/api/session`, { method: 'POST', headers: { authorization: `Bearer ${options.token ?? ''}` } });
      // Refused or not, the answer came: a wrong token in the address bar is no use either.
      options.onSignedIn?.();
    } catch {
      // Unreachable: the requests that follow say so; the token stays in the address bar for a reload.
    } finally {
      signingIn = false;
    }
  }

  const setStatus = (next: ConnectionStatus): void => {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  };

  const listenerCount = (): number => [...listeners.values()].reduce((sum, set) => sum + set.size, 0);

  const deliver = (data: unknown): void => {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return; // Not ours to interpret; the server only sends JSON.
    }
    const { event, payload } = (typeof message === 'object' && message !== null ? message : {}) as { event?: unknown; payload?: unknown };
    // An event nobody here subscribed to (or one this dashboard does not know) finds no listener.
    if (typeof event !== 'string') return;
    for (const listener of [...(listeners.get(event as EventName) ?? [])]) (listener as (p: unknown) => void)(payload);
  };

  const open = (): void => {
    if (socket) return;
    if (signingIn) {
      // The event stream needs the session cookie that the sign-in is about to set.
      void signedIn.then(() => {
        if (listenerCount() > 0) open();
      });
      return;
    }
    setStatus(retries === 0 ? 'connecting' : 'reconnecting');
    const ws = new Socket(eventsUrl(options.origin));
    socket = ws;
    ws.onopen = () => {
      retries = 0;
      setStatus('open');
    };
    ws.onmessage = (event) => deliver(event.data);
    ws.onerror = () => undefined; // onclose follows and does the work.
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      if (listenerCount() === 0) return setStatus('closed');
      // Retrying cannot help until someone opens the URL with the (new) token.
      if (event.code === SIGNED_OUT_CLOSE_CODE) return setStatus('signed-out');
      // Exponential backoff so a stopped server is not hammered; a successful open resets it.
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** retries);
      retries += 1;
      setStatus('reconnecting');
      retryTimer = setTimeout(() => {
        retryTimer = null;
        open();
      }, delay);
    };
  };

  const shut = (): void => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    const ws = socket;
    socket = null;
    retries = 0;
    ws?.close();
    setStatus('closed');
  };

  return {
    async request<Name extends RequestName>(name: Name, params: RequestParams<Name>): Promise<RequestResult<Name>> {
      // No wait for the sign-in: the bearer goes along while the token is at hand, so it costs no round trip.
      let response: Response;
      try {
        response = await doFetch(`${options.origin}/api/request`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
          body: JSON.stringify({ name, params }),
        });
      } catch (error) {
        throw new PicketClientError('network', `Picket could not be reached: ${toClientError(error).message}`);
      }
      let envelope: unknown;
      try {
        envelope = await response.json();
      } catch {
        throw new PicketClientError('internal', `${name}: the server answered ${response.status} without a JSON reply`);
      }
      const reply = (typeof envelope === 'object' && envelope !== null ? envelope : {}) as { ok?: unknown; result?: unknown; error?: unknown };
      if (reply.ok === true && 'result' in reply) return reply.result as RequestResult<Name>;
      if (response.status === 401) throw new PicketClientError('unauthorized', isContractError(reply.error) ? reply.error.message : 'not signed in');
      if (reply.ok === false && isContractError(reply.error)) throw toClientError(reply.error);
      throw new PicketClientError('internal', `${name}: malformed reply from the server (HTTP ${response.status})`);
    },

    on<Name extends EventName>(name: Name, listener: (payload: EventMap[Name]) => void): () => void {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const entry = listener as (payload: never) => void;
      set.add(entry);
      open();
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        set.delete(entry);
        if (listenerCount() === 0) shut();
      };
    },

    onConnectionChange(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },

    close() {
      listeners.clear();
      shut();
    },
  };
}
