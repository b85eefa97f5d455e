import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import WebSocket from 'ws';
import { SIGNED_OUT_CLOSE_CODE, startWebServer, type ContractHandler, type WebServer } from '../../electron/web/web-server.ts';
import { resolveInside } from '../../electron/web/static-files.ts';
import type { EventMap, EventName, RequestName } from '../../electron/shared/contract.ts';

/** A handler that records calls and lets the test emit events. */
class RecordingHandler implements ContractHandler {
  calls: Array<{ name: RequestName; params: unknown }> = [];
  listeners = new Map<string, Set<(payload: unknown) => void>>();
  async handle(name: RequestName, params: unknown): Promise<unknown> {
    this.calls.push({ name, params });
    if (name === 'removeMonitor') throw Object.assign(new Error('no'), { error: { code: 'not-found', message: 'no monitor with id "x"' } });
    return { echoed: name };
  }
  on<Name extends EventName>(name: Name, listener: (payload: EventMap[Name]) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    this.listeners.set(name, set);
    return () => set.delete(listener as (payload: unknown) => void);
  }
  emit(name: EventName, payload: unknown): void {
    for (const listener of this.listeners.get(name) ?? []) listener(payload);
  }
}

let server: WebServer;
let handler: RecordingHandler;
let staticDir: string;

beforeEach(async () => {
  staticDir = await mkdtemp(path.join(tmpdir(), 'picket-web-'));
  await mkdir(path.join(staticDir, 'assets'));
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Picket</title>');
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  handler = new RecordingHandler();
  server = await startWebServer({ handler, staticDir, token: 'secret-token' });
});

afterEach(async () => {
  await server.close();
  await rm(staticDir, { recursive: true, force: true });
});

async function api(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await request(`${server.origin}/api/request`, {
    method: 'POST',
    headers: { authorization: 'Bearer secret-token', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.statusCode, json: (await response.body.json()) as Record<string, unknown> };
}

describe('web transport', () => {
  it('prints a loopback URL with the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=secret-token`);
  });

  it('answers a valid request with the same envelope as IPC', async () => {
    const reply = await api({ name: 'listMonitors', params: {} });
    expect(reply).toEqual({ status: 200, json: { ok: true, result: { echoed: 'listMonitors' } } });
    expect(handler.calls).toEqual([{ name: 'listMonitors', params: {} }]);
  });

  it('refuses requests without the token, with a wrong one, from another origin or through another host name', async () => {
    expect((await api({ name: 'listMonitors', params: {} }, { authorization: '' })).status).toBe(401);
    expect((await api({ name: 'listMonitors', params: {} }, { authorization: 'Bearer wrong-token!' })).status).toBe(401);
    expect((await api({ name: 'listMonitors', params: {} }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api({ name: 'listMonitors', params: {} }, { host: 'rebound.example' })).status).toBe(403);
    expect(handler.calls).toEqual([]);
  });

  it('rejects malformed payloads naming the field, without calling the service', async () => {
    const reply = await api({ name: 'getHistory', params: { monitorId: 'a', range: 'forever' } });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ ok: false, error: { code: 'invalid-params', issues: [{ path: 'range' }] } });
    expect((await api({ name: 'dropTables', params: {} })).json).toMatchObject({ ok: false, error: { message: 'unknown request "dropTables"' } });
    const bad = await api({ name: 'addMonitor', params: { monitor: { id: 'a', type: 'tcp', host: 'h', port: 70000 } } });
    expect(bad.json).toMatchObject({ ok: false, error: { issues: [{ path: 'monitor.port' }] } });
    expect(handler.calls).toEqual([]);
  });

  it('passes the service\'s own errors through', async () => {
    const reply = await api({ name: 'removeMonitor', params: { monitorId: 'x' } });
    expect(reply).toEqual({ status: 400, json: { ok: false, error: { code: 'not-found', message: 'no monitor with id "x"' } } });
  });

  it('pushes events over a WebSocket that carries the token and this origin, and refuses others', async () => {
    const good = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=secret-token`, { origin: server.origin });
    await new Promise((resolve, reject) => {
      good.once('open', resolve);
      good.once('error', reject);
    });
    const received = new Promise<unknown>((resolve) => good.once('message', (data) => resolve(JSON.parse((data as Buffer).toString('utf8')))));
    handler.emit('state', { monitorId: 'a', from: 'up', to: 'down', at: 1, message: 'refused' });
    expect(await received).toEqual({ event: 'state', payload: { monitorId: 'a', from: 'up', to: 'down', at: 1, message: 'refused' } });
    good.close();

    const foreign = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=secret-token`, { origin: 'http://evil.example' });
    expect(await new Promise<string>((resolve) => {
      foreign.once('open', () => resolve('open'));
      foreign.once('error', () => resolve('refused'));
    })).toBe('refused');
  });

  it('tells a WebSocket without the token or a session that it is signed out (close 4401), and sends it nothing', async () => {
    const stranger = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { origin: server.origin });
    const messages: unknown[] = [];
    stranger.on('message', (data) => messages.push(data));
    const closed = new Promise<number>((resolve) => stranger.once('close', (code) => resolve(code)));
    handler.emit('state', { monitorId: 'a', from: 'up', to: 'down', at: 1, message: 'refused' });
    expect(await closed).toBe(SIGNED_OUT_CLOSE_CODE);
    expect(messages).toEqual([]);
  });

  it('serves the dashboard with a strict CSP and never a file outside its folder', async () => {
    const index = await request(`${server.origin}/`);
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(await index.body.text()).toContain('<title>Picket</title>');
    const script = await request(`${server.origin}/assets/app.js`);
    expect(script.headers['content-type']).toContain('text/javascript');
    await script.body.dump();
    const escape = await request(`${server.origin}/..%2f..%2fetc%2fpasswd`);
    expect(escape.statusCode).toBe(404);
    await escape.body.dump();
    expect(resolveInside('/srv/out', '/../../etc/passwd')).toBeUndefined();
    expect(resolveInside('/srv/out', '/%2e%2e/secret')).toBeUndefined();
    expect(resolveInside('/srv/out', '/assets/app.js')).toBe('/srv/out/assets/app.js');
  });
});

describe('web transport under hostile local clients', () => {
  it('a WebSocket client that never reads is told to resync and dropped: memory stays bounded', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?token=secret-token`, { origin: server.origin });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The client stops reading: the kernel buffers fill, then the server's own queue would grow without bound.
    ws.pause();
    const before = process.memoryUsage().rss;
    const big = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 200; i++) handler.emit('problems', [big]);
    const growth = process.memoryUsage().rss - before;
    expect(server.connectionStats().droppedWebSockets).toBe(1);
    // 200 MB were sent; a few MB of kernel buffers plus the 4 MB queue limit stay.
    expect(growth).toBeLessThan(64 * 1024 * 1024);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.resume();
    expect([4000, 1006]).toContain(await closed);
  });
});
