// Sign-in and sessions over real HTTP and WebSocket connections to the web server on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import WebSocket from 'ws';
import { SIGNED_OUT_CLOSE_CODE, startWebServer, type ContractHandler, type WebServer } from '../../electron/web/web-server.ts';
import { createHostPolicy, describeListenError, listenWarning, parseListenAddress, parsePublicUrl } from '../../electron/web/listen-address.ts';
import { issueSession, SESSION_MAX_AGE_SECONDS, verifySession } from '../../electron/web/session-cookie.ts';
import type { EventMap, EventName } from '../../electron/shared/contract.ts';

const TOKEN = 'a'.repeat(64);
const NEW_TOKEN = 'b'.repeat(64);

class EchoHandler implements ContractHandler {
  listeners = new Set<(payload: unknown) => void>();
  async handle(name: string): Promise<unknown> {
    return { echoed: name };
  }
  on<Name extends EventName>(_name: Name, listener: (payload: EventMap[Name]) => void): () => void {
    this.listeners.add(listener as (payload: unknown) => void);
    return () => this.listeners.delete(listener as (payload: unknown) => void);
  }
}

const servers: WebServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(options: Partial<Parameters<typeof startWebServer>[0]> = {}): Promise<WebServer> {
  const server = await startWebServer({ handler: new EchoHandler(), token: TOKEN, ...options });
  servers.push(server);
  return server;
}

async function signIn(server: WebServer, token: string, headers: Record<string, string> = {}) {
  const response = await request(`http://127.0.0.1:${server.port}/api/session`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers } });
  await response.body.dump();
  const setCookie = response.headers['set-cookie'];
  return { status: response.statusCode, setCookie: typeof setCookie === 'string' ? setCookie : undefined };
}

async function callWithCookie(server: WebServer, cookie: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await request(`http://127.0.0.1:${server.port}/api/request`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name: 'listMonitors', params: {} }),
  });
  await response.body.dump();
  return response.statusCode;
}

function openEvents(server: WebServer, cookie: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { origin: server.origin, headers: { cookie } });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

const cookiePair = (setCookie: string | undefined): string => (setCookie ?? '').split(';')[0] ?? '';

describe('sign-in with the token, then a session cookie', () => {
  it('sets an HttpOnly, SameSite=Strict cookie that the API and the event stream accept instead of the token', async () => {
    const server = await start();
    const { status, setCookie } = await signIn(server, TOKEN);
    expect(status).toBe(204);
    expect(setCookie).toMatch(new RegExp(`^picket_session_${server.port}=[^;]+; Path=/; Max-Age=${SESSION_MAX_AGE_SECONDS}; HttpOnly; SameSite=Strict$`));
    expect(await callWithCookie(server, cookiePair(setCookie))).toBe(200);
    const { ws } = await openEvents(server, cookiePair(setCookie));
    ws.close();
  });

  it('refuses a wrong token at sign-in, and forged or foreign cookies afterwards', async () => {
    const server = await start();
    expect(await signIn(server, 'wrong'.repeat(10))).toEqual({ status: 401, setCookie: undefined });
    expect(await callWithCookie(server, `picket_session_${server.port}=1.AAAAAAAAAAAAAAAA.${'A'.repeat(43)}`)).toBe(401);
    const other = await start({ token: NEW_TOKEN });
    const { setCookie } = await signIn(other, NEW_TOKEN);
    // The same cookie value under this server's name: signed with another token, so worthless here.
    const value = cookiePair(setCookie).split('=')[1] ?? '';
    expect(await callWithCookie(server, `picket_session_${server.port}=${value}`)).toBe(401);
  });

  it('keeps a session across a restart with the same token and port', async () => {
    const first = await start();
    const cookie = cookiePair((await signIn(first, TOKEN)).setCookie);
    const port = first.port;
    await servers.pop()?.close();
    const second = await start({ port });
    expect(await callWithCookie(second, cookie)).toBe(200);
  });

  it('a new token signs every session out: requests are refused and open event streams closed with 4401', async () => {
    const server = await start();
    const cookie = cookiePair((await signIn(server, TOKEN)).setCookie);
    const { closed } = await openEvents(server, cookie);
    server.setToken(NEW_TOKEN);
    expect(await closed).toBe(SIGNED_OUT_CLOSE_CODE);
    expect(await callWithCookie(server, cookie)).toBe(401);
    expect(server.url).toContain(`#token=${NEW_TOKEN}`);
    expect((await signIn(server, TOKEN)).status).toBe(401);
    expect(await callWithCookie(server, cookiePair((await signIn(server, NEW_TOKEN)).setCookie))).toBe(200);
  });

  it('behind a reverse proxy: accepts its public Host and Origin, marks the cookie Secure, and still refuses other sites', async () => {
    const publicUrl = new URL('https://picket.example.org');
    const server = await start({ publicUrl });
    expect(server.url).toBe(`https://picket.example.org/#token=${TOKEN}`);
    const proxied = { host: 'picket.example.org', origin: 'https://picket.example.org' };
    const { status, setCookie } = await signIn(server, TOKEN, proxied);
    expect(status).toBe(204);
    expect(setCookie).toMatch(/; Secure$/);
    expect(await callWithCookie(server, cookiePair(setCookie), proxied)).toBe(200);
    expect(await callWithCookie(server, cookiePair(setCookie), { ...proxied, origin: 'https://evil.example' })).toBe(403);
    expect(await callWithCookie(server, cookiePair(setCookie), { host: 'evil.example' })).toBe(403);
  });
});

describe('listen address and host policy', () => {
  const policy = createHostPolicy({ listen: '0.0.0.0', port: 8080, publicUrl: new URL('https://picket.example.org') });

  it('accepts IP addresses and localhost at its own port and the public host; never another name (DNS rebinding)', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '192.168.1.20:8080', '[::1]:8080', 'picket.example.org']) expect(policy.hostAllowed(host), host).toBe(true);
    for (const host of ['rebound.example:8080', '192.168.1.20:9090', 'picket.example.org:8080', '', undefined]) expect(policy.hostAllowed(host), String(host)).toBe(false);
    expect(policy.originAllowed('http://192.168.1.20:8080')).toBe(true);
    expect(policy.originAllowed('https://picket.example.org')).toBe(true);
    expect(policy.originAllowed('http://picket.example.org')).toBe(false);
    expect(policy.originAllowed('null')).toBe(false);
  });

  it('checks --listen and --public-url with errors that name the flag', () => {
    expect(parseListenAddress(undefined)).toBe('127.0.0.1');
    expect(parseListenAddress('[::]')).toBe('::');
    expect(() => parseListenAddress('my-server')).toThrow('--listen: must be an IP address such as 0.0.0.0, :: or 192.168.1.10, got "my-server"');
    expect(parsePublicUrl('https://picket.example.org/')?.origin).toBe('https://picket.example.org');
    expect(() => parsePublicUrl('picket.example.org')).toThrow(/^--public-url: must be an address such as https:\/\/picket\.example\.org/);
    expect(() => parsePublicUrl('ftp://picket.example.org')).toThrow(/^--public-url: must start with https:\/\//);
    expect(() => parsePublicUrl('https://example.org/picket/')).toThrow('--public-url: Picket must be served at the root of its host, e.g. https://example.org');
  });

  it('warns when leaving loopback, recommending a TLS reverse proxy, and says nothing on loopback', () => {
    expect(listenWarning('127.0.0.1')).toBeUndefined();
    expect(listenWarning('::1')).toBeUndefined();
    expect(listenWarning('0.0.0.0')).toMatch(/^warning: listening on every address of this machine.*TLS reverse proxy/);
    expect(listenWarning('192.168.1.10')).toMatch(/^warning: listening on 192\.168\.1\.10, not only this machine/);
  });

  it('turns a port it cannot bind into one line', async () => {
    const taken = await start();
    const error = await startWebServer({ handler: new EchoHandler(), token: TOKEN, port: taken.port }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(describeListenError(error, { listen: '127.0.0.1', port: taken.port })).toBe(`port ${taken.port} is in use; pick another with --port`);
    expect(describeListenError(Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL' }), { listen: '10.9.9.9', port: 1 })).toBe('address 10.9.9.9 does not belong to this machine; check --listen');
    expect(describeListenError(new Error('other'), { listen: '127.0.0.1', port: 1 })).toBeUndefined();
  });
});

describe('session values', () => {
  it('expire after the cookie lifetime and break when tampered with or signed with another token', () => {
    const now = Date.UTC(2026, 0, 1);
    const session = issueSession(TOKEN, now);
    expect(verifySession(session, TOKEN, now + 1000)).toBe(true);
    expect(verifySession(session, TOKEN, now + (SESSION_MAX_AGE_SECONDS + 1) * 1000)).toBe(false);
    expect(verifySession(session, NEW_TOKEN, now)).toBe(false);
    expect(verifySession(session.replace(/^\d/, (d) => String((Number(d) + 1) % 10)), TOKEN, now)).toBe(false);
    expect(verifySession(undefined, TOKEN, now)).toBe(false);
  });
});
