// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { PicketBridge } from '../../../electron/shared/bridge.ts';
import { chooseClient, restartOnNewToken, type ClientWindow } from '../../../renderer/src/transport/choose-client.ts';
import { createIpcClient } from '../../../renderer/src/transport/ipc-client.ts';

function fakeWindow(hash: string, picket?: PicketBridge) {
  const replaceState = vi.fn();
  const win: ClientWindow = {
    picket,
    location: { hash, origin: 'http://127.0.0.1:4321', pathname: '/', search: '' },
    history: { replaceState, state: null },
  };
  return { win, replaceState };
}

const okFetch = () => vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify({ ok: true, result: [] })));

describe('chooseClient', () => {
  it('uses the preload bridge when window.picket exists', async () => {
    const bridge = { request: vi.fn(async () => ({ ok: true, result: { fields: [], rows: [] } })), on: vi.fn() } as unknown as PicketBridge;
    const fetch = okFetch();
    const client = chooseClient(fakeWindow('', bridge).win, { fetch });
    await client.request('listMonitors', {});
    expect(bridge.request).toHaveBeenCalledWith('listMonitors', {});
    expect(fetch).not.toHaveBeenCalled();
  });

  it('signs in with the token from #token=, then removes it from the address bar', async () => {
    const { win, replaceState } = fakeWindow('#token=abc123');
    const fetch = okFetch();
    await chooseClient(win, { fetch }).request('listMonitors', {});
    expect(fetch.mock.calls[0]?.[0]).toBe('http://127.0.0.1:4321/api/session');
    expect((fetch.mock.calls[0]?.[1]?.headers as Record<string, string>).authorization).toBe('Bearer abc123');
    expect(replaceState).toHaveBeenCalledOnce();
    expect(String(replaceState.mock.calls[0]?.[2])).toBe('/#/');
    expect(fetch.mock.calls[1]?.[0]).toBe('http://127.0.0.1:4321/api/request');
  });

  it('leaves the address bar alone when the user moved to another view before the sign-in answered', async () => {
    const { win, replaceState } = fakeWindow('#token=abc123');
    let answer: (response: Response) => void = () => undefined;
    const fetch = vi.fn((url: RequestInfo | URL) => ((url as string).endsWith('/api/session') ? new Promise<Response>((resolve) => (answer = resolve)) : Promise.resolve(new Response('{"ok":true,"result":[]}'))));
    chooseClient(win, { fetch });
    win.location.hash = '#/add-homeserver';
    answer(new Response(null, { status: 204 }));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledOnce());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('after a reload or from a bookmark (no token in the hash) relies on the session cookie and leaves the URL alone', async () => {
    const { win, replaceState } = fakeWindow('#/monitor/a');
    const fetch = okFetch();
    await chooseClient(win, { fetch }).request('listMonitors', {});
    expect(fetch).toHaveBeenCalledOnce();
    expect(fetch.mock.calls[0]?.[1]?.headers).not.toHaveProperty('authorization');
    expect(replaceState).not.toHaveBeenCalled();
  });
});

describe('restartOnNewToken', () => {
  it('reloads when a link with a token is pasted into the open tab (only the fragment changes), and not for navigation', () => {
    const listeners: Array<() => void> = [];
    const location = { hash: '#/', reload: vi.fn() };
    restartOnNewToken({ location, addEventListener: ((_type: string, listener: () => void) => listeners.push(listener)) as unknown as Window['addEventListener'] });
    location.hash = '#/settings';
    for (const listener of listeners) listener();
    expect(location.reload).not.toHaveBeenCalled();
    location.hash = '#token=new-token';
    for (const listener of listeners) listener();
    expect(location.reload).toHaveBeenCalledOnce();
  });
});

describe('createIpcClient', () => {
  it('passes each request to the bridge as (name, params), and events to its on()', async () => {
    const bridge = {
      request: vi.fn(async () => ({ ok: true, result: { checked: 1 } })),
      on: vi.fn(() => () => undefined),
    } as unknown as PicketBridge;
    const client = createIpcClient(bridge);
    await expect(client.request('checkNow', {})).resolves.toEqual({ checked: 1 });
    await client.request('getHistory', { monitorId: 'a', range: '7d' });
    expect(bridge.request).toHaveBeenNthCalledWith(1, 'checkNow', {});
    expect(bridge.request).toHaveBeenNthCalledWith(2, 'getHistory', { monitorId: 'a', range: '7d' });
    const listener = vi.fn();
    client.on('results', listener);
    expect(bridge.on).toHaveBeenCalledWith('results', listener);
  });

  it('rejects with a PicketClientError carrying the envelope\'s code and field issues', async () => {
    const error = { code: 'invalid-params', message: 'invalid monitor', issues: [{ path: 'monitor.port', message: 'must be <= 65535' }] };
    const bridge = { request: vi.fn(async () => ({ ok: false, error })) } as unknown as PicketBridge;
    await expect(createIpcClient(bridge).request('addMonitor', { monitor: { id: 'a', type: 'tcp', host: 'db.test', port: 70_000 } })).rejects.toMatchObject({ name: 'PicketClientError', ...error });
  });

  it('rejects with a PicketClientError when the bridge itself fails', async () => {
    const bridge = { request: vi.fn(async () => Promise.reject(Object.assign(new Error('no monitor "z"'), { code: 'not-found' }))) } as unknown as PicketBridge;
    await expect(createIpcClient(bridge).request('removeMonitor', { monitorId: 'z' })).rejects.toMatchObject({ name: 'PicketClientError', code: 'not-found', message: 'no monitor "z"' });
    const plain = { request: vi.fn(async () => Promise.reject(new Error('boom'))) } as unknown as PicketBridge;
    await expect(createIpcClient(plain).request('removeMonitor', { monitorId: 'z' })).rejects.toMatchObject({ code: 'internal', message: 'boom' });
  });
});
