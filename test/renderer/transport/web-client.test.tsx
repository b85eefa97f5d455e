// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PicketClientError } from '../../../renderer/src/transport/client-error.ts';
import { createWebClient, eventsUrl, SIGNED_OUT_CLOSE_CODE, type ConnectionStatus, type WebSocketLike } from '../../../renderer/src/transport/web-client.ts';

class FakeSocket implements WebSocketLike {
  static instances: FakeSocket[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.({});
  }
  drop(): void {
    this.onclose?.({});
  }
  send(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const ORIGIN = 'http://127.0.0.1:4321';

describe('createWebClient requests', () => {
  it('signs in with the token first, then POSTs {name, params} and resolves with the envelope result', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => jsonResponse(200, { ok: true, result: { checked: 3 } }));
    const onSignedIn = vi.fn();
    const client = createWebClient({ origin: ORIGIN, token: 's3cret', onSignedIn, fetch, WebSocket: FakeSocket });
    await expect(client.request('checkNow', { monitorId: 'a' })).resolves.toEqual({ checked: 3 });
    const [signInUrl, signIn] = fetch.mock.calls[0] ?? [];
    expect(signInUrl).toBe(`${ORIGIN}/api/session`);
    expect(signIn?.method).toBe('POST');
    expect((signIn?.headers as Record<string, string>).authorization).toBe('Bearer s3cret');
    expect(onSignedIn).toHaveBeenCalledOnce();
    const [url, init] = fetch.mock.calls[1] ?? [];
    expect(url).toBe(`${ORIGIN}/api/request`);
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer s3cret');
    expect(JSON.parse(init?.body as string)).toEqual({ name: 'checkNow', params: { monitorId: 'a' } });
  });

  it('rejects with the contract error code, message and issues', async () => {
    const issues = [{ path: 'monitor.port', message: 'must be at most 65535' }];
    const fetch = vi.fn(async () => jsonResponse(400, { ok: false, error: { code: 'invalid-params', message: 'invalid monitor', issues } }));
    const client = createWebClient({ origin: ORIGIN, token: 't', fetch, WebSocket: FakeSocket });
    const error = await client.request('addMonitor', { monitor: { id: 'x', type: 'tcp', host: 'db.test', port: 70_000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PicketClientError);
    expect(error).toMatchObject({ code: 'invalid-params', message: 'invalid monitor', issues });
  });

  it('turns a refused token or session (401) into an "unauthorized" error with the server message', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => jsonResponse(401, { ok: false, error: { code: 'invalid-params', message: 'request refused: missing or wrong access token' } }));
    const client = createWebClient({ origin: ORIGIN, fetch, WebSocket: FakeSocket });
    await expect(client.request('listMonitors', {})).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/access token/) });
    // No token (a reload, a bookmark): no sign-in and no bearer, the session cookie goes by itself.
    expect(fetch).toHaveBeenCalledOnce();
    expect(fetch.mock.calls[0]?.[1]?.headers).not.toHaveProperty('authorization');
  });

  it('keeps the token in the address bar when the sign-in could not reach the server', async () => {
    const onSignedIn = vi.fn();
    const client = createWebClient({ origin: ORIGIN, token: 't', onSignedIn, fetch: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))), WebSocket: FakeSocket });
    await expect(client.request('listMonitors', {})).rejects.toMatchObject({ code: 'network' });
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('reports a network failure as code "network" and a non-JSON reply as "internal"', async () => {
    const down = createWebClient({ origin: ORIGIN, token: 't', fetch: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))), WebSocket: FakeSocket });
    await expect(down.request('listMonitors', {})).rejects.toMatchObject({ code: 'network' });
    const html = createWebClient({ origin: ORIGIN, token: 't', fetch: vi.fn(async () => new Response('<h1>bad gateway</h1>', { status: 502 })), WebSocket: FakeSocket });
    await expect(html.request('listMonitors', {})).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('502') });
  });

  it('rejects a malformed envelope', async () => {
    const client = createWebClient({ origin: ORIGIN, token: 't', fetch: vi.fn(async () => jsonResponse(200, { result: [] })), WebSocket: FakeSocket });
    await expect(client.request('listMonitors', {})).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('createWebClient events', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('builds ws:// and wss:// event URLs without the token (the session cookie goes along)', () => {
    expect(eventsUrl('http://127.0.0.1:4321')).toBe('ws://127.0.0.1:4321/api/events');
    expect(eventsUrl('https://picket.home')).toBe('wss://picket.home/api/events');
  });

  it('opens the event stream only after the sign-in answered', async () => {
    let answer: (response: Response) => void = () => undefined;
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    const client = createWebClient({ origin: ORIGIN, token: 'tok', fetch, WebSocket: FakeSocket });
    client.on('state', vi.fn());
    expect(FakeSocket.instances).toHaveLength(0);
    answer(new Response(null, { status: 204 }));
    await vi.waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    expect(FakeSocket.instances[0]?.url).toBe('ws://127.0.0.1:4321/api/events');
  });

  it('reports "signed-out" and stops retrying when the server closes the stream with 4401', () => {
    const client = createWebClient({ origin: ORIGIN, fetch: vi.fn(), WebSocket: FakeSocket });
    const statuses: ConnectionStatus[] = [];
    client.onConnectionChange((status) => statuses.push(status));
    client.on('state', vi.fn());
    FakeSocket.instances[0]!.open();
    FakeSocket.instances[0]!.onclose?.({ code: SIGNED_OUT_CLOSE_CODE });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(statuses).toEqual(['connecting', 'open', 'signed-out']);
  });

  it('opens one socket, delivers {event, payload} to that event only, and unsubscribes', () => {
    const client = createWebClient({ origin: ORIGIN, fetch: vi.fn(), WebSocket: FakeSocket });
    const results = vi.fn();
    const settings = vi.fn();
    const stopResults = client.on('results', results);
    const stopSettings = client.on('settings', settings);
    expect(FakeSocket.instances).toHaveLength(1);
    const socket = FakeSocket.instances[0]!;
    expect(socket.url).toBe('ws://127.0.0.1:4321/api/events');
    socket.open();
    const batch = [{ monitorId: 'a', status: 'up', at: 1, latencyMs: 5, message: 'ok' }];
    socket.send({ event: 'results', payload: batch });
    socket.send('not json');
    socket.send({ event: 'nonsense', payload: 1 });
    expect(results).toHaveBeenCalledExactlyOnceWith(batch);
    expect(settings).not.toHaveBeenCalled();

    stopResults();
    socket.send({ event: 'results', payload: batch });
    expect(results).toHaveBeenCalledTimes(1);
    expect(socket.closed).toBe(false); // settings still listens
    stopSettings();
    expect(socket.closed).toBe(true);
  });

  it('reconnects with growing backoff after the socket drops, and reports the status', () => {
    const client = createWebClient({ origin: ORIGIN, fetch: vi.fn(), WebSocket: FakeSocket });
    const statuses: ConnectionStatus[] = [];
    client.onConnectionChange((status) => statuses.push(status));
    const listener = vi.fn();
    client.on('state', listener);
    FakeSocket.instances[0]!.open();
    FakeSocket.instances[0]!.drop();
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.instances[1]!.drop(); // failed again before opening: the wait doubles
    vi.advanceTimersByTime(999);
    expect(FakeSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(3);
    FakeSocket.instances[2]!.open();
    FakeSocket.instances[2]!.send({ event: 'state', payload: { monitorId: 'a', from: 'up', to: 'down', at: 1, message: 'x' } });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('stops reconnecting once closed', () => {
    const client = createWebClient({ origin: ORIGIN, fetch: vi.fn(), WebSocket: FakeSocket });
    client.on('alert', vi.fn());
    FakeSocket.instances[0]!.drop();
    client.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });
});
