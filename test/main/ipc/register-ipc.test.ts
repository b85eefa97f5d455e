import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, IpcMain } from 'electron';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { FOREIGN_SENDER_MESSAGE, registerIpc, type ContractHandler, type EventWindow, type IpcMainLike } from '../../../electron/main/ipc/register-ipc.ts';
import { trustRendererFrames, type SenderFrame } from '../../../electron/main/ipc/sender-trust.ts';
import { EVENT_CHANNEL, REQUEST_CHANNEL, type IpcEnvelope } from '../../../electron/shared/bridge.ts';
import { EVENT_NAMES, REQUEST_NAMES, type EventMap, type EventName, type RequestName } from '../../../electron/shared/contract.ts';
import { validateRequest } from '../../../electron/shared/contract-validation.ts';

// Compile-time: the real ipcMain and windows satisfy the narrow shapes (tsc fails otherwise).
export function realObjectsFit(ipcMain: IpcMain, window: BrowserWindow): [IpcMainLike, EventWindow] {
  return [ipcMain, window];
}

const indexPath = path.resolve('/opt/picket/out/renderer/index.html');
const isTrustedSender = trustRendererFrames({ kind: 'file', indexPath });
const appFrame: SenderFrame = { url: pathToFileURL(indexPath).href, parent: null };

type InvokeListener = (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>;

function setup(handle: (name: RequestName, params: unknown) => Promise<unknown> = async () => ({ fine: true })) {
  const handlers = new Map<string, InvokeListener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  const emitters = new Map<EventName, (payload: unknown) => void>();
  const unsubscribed: EventName[] = [];
  const handler: ContractHandler = {
    handle: vi.fn(handle),
    on: <N extends EventName>(name: N, listener: (payload: EventMap[N]) => void) => {
      emitters.set(name, listener as (payload: unknown) => void);
      return () => unsubscribed.push(name);
    },
  };
  const windows: Array<EventWindow & { sent: unknown[][] }> = [];
  const dispose = registerIpc({ ipcMain, handler, isTrustedSender, getWindows: () => windows });
  const invoke = (frame: SenderFrame | null, ...args: unknown[]) => {
    const listener = handlers.get(REQUEST_CHANNEL);
    if (!listener) throw new Error('no handler registered');
    return listener({ senderFrame: frame }, ...args) as Promise<IpcEnvelope>;
  };
  return { handlers, handler, emitters, unsubscribed, windows, dispose, invoke };
}

function fakeWindow(destroyed = false): EventWindow & { sent: unknown[][] } {
  const sent: unknown[][] = [];
  return { sent, isDestroyed: () => destroyed, webContents: { isDestroyed: () => destroyed, send: (...args: unknown[]) => sent.push(args) } };
}

describe('request channel', () => {
  it('hands a valid request to the service and wraps its result', async () => {
    const { invoke, handler } = setup(async () => [{ id: 'a' }]);
    await expect(invoke(appFrame, 'listMonitors', {})).resolves.toEqual({ ok: true, result: [{ id: 'a' }] });
    expect(handler.handle).toHaveBeenCalledWith('listMonitors', {});
  });

  it('returns a malformed payload as invalid-params naming the field, without calling the service', async () => {
    const { invoke, handler } = setup();
    const reply = await invoke(appFrame, 'setPaused', { monitorId: 'api', paused: 'yes' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    if (reply.ok) throw new Error('expected a failure');
    expect(reply.error.issues?.[0]?.path).toBe('paused');
    await expect(invoke(appFrame, 'dropDatabase', {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid-params', message: expect.stringContaining('unknown request') } });
    expect(handler.handle).not.toHaveBeenCalled();
  });

  it('keeps the ContractError the service throws', async () => {
    const thrown = Object.assign(new Error('no monitor "x"'), { error: { code: 'not-found', message: 'no monitor "x"' } });
    const { invoke } = setup(async () => {
      throw thrown;
    });
    await expect(invoke(appFrame, 'removeMonitor', { monitorId: 'x' })).resolves.toEqual({ ok: false, error: { code: 'not-found', message: 'no monitor "x"' } });
  });

  it('turns any other failure into an internal error', async () => {
    const { invoke } = setup(async () => {
      throw new TypeError('boom');
    });
    await expect(invoke(appFrame, 'getSettings', {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('refuses foreign senders before looking at the payload', async () => {
    const { invoke, handler } = setup();
    const foreign: Array<SenderFrame | null> = [
      null,
      { url: 'https://evil.example/', parent: null },
      { url: pathToFileURL('/etc/passwd').href, parent: null },
      { url: pathToFileURL(path.resolve('/opt/picket/out/main/index.js')).href, parent: null },
      // The app's own page inside an iframe is still not the window.
      { url: appFrame.url, parent: { url: 'https://evil.example/' } },
    ];
    for (const frame of foreign) {
      await expect(invoke(frame, 'listMonitors', {}), JSON.stringify(frame)).rejects.toThrow(FOREIGN_SENDER_MESSAGE);
    }
    expect(handler.handle).not.toHaveBeenCalled();
  });

  it('never lets an arbitrary payload reach the service unless it validates', async () => {
    const { invoke, handler } = setup(async () => 'done');
    const name = fc.oneof(fc.constantFrom(...REQUEST_NAMES), fc.string(), fc.jsonValue());
    let validRuns = 0;
    await fc.assert(
      fc.asyncProperty(name, fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('monitorId', 'paused', 'muted', 'range', 'json', 'mode', 'until', 'patch', 'monitor'), fc.jsonValue())), async (n, params) => {
        vi.mocked(handler.handle).mockClear();
        const reply = await invoke(appFrame, n, params);
        const valid = validateRequest(n, params).ok;
        if (valid) validRuns += 1;
        expect(reply.ok).toBe(valid);
        expect(vi.mocked(handler.handle).mock.calls.length).toBe(valid ? 1 : 0);
      }),
      { numRuns: 300 },
    );
    // Both sides of the property were exercised, so it is not vacuous.
    expect(validRuns).toBeGreaterThan(0);
  });

  it('never lets a foreign frame through, whatever its URL', async () => {
    const { invoke, handler } = setup();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.webUrl(), fc.string(), fc.constant(`${appFrame.url}/../../main/index.js`)), async (url) => {
        fc.pre(!url.startsWith(pathToFileURL(path.dirname(indexPath)).href + '/') || url.includes('..'));
        await expect(invoke({ url, parent: null }, 'listMonitors', {})).rejects.toThrow(FOREIGN_SENDER_MESSAGE);
      }),
      { numRuns: 200 },
    );
    expect(handler.handle).not.toHaveBeenCalled();
  });
});

describe('event channel', () => {
  it('forwards every contract event to every open window, payload as is', () => {
    const { emitters, windows } = setup();
    const open = fakeWindow();
    const closed = fakeWindow(true);
    windows.push(open, closed);
    expect([...emitters.keys()].sort()).toEqual([...EVENT_NAMES].sort());
    for (const name of EVENT_NAMES) emitters.get(name)?.({ event: name });
    expect(open.sent).toEqual(EVENT_NAMES.map((name) => [EVENT_CHANNEL, name, { event: name }]));
    expect(closed.sent).toEqual([]);
  });

  it('unsubscribes and removes the handler on dispose', () => {
    const { dispose, unsubscribed, handlers } = setup();
    dispose();
    expect(unsubscribed.sort()).toEqual([...EVENT_NAMES].sort());
    expect(handlers.has(REQUEST_CHANNEL)).toBe(false);
  });
});
