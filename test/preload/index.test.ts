import { beforeEach, describe, expect, it, vi } from 'vitest';

const { exposed, fakeIpcRenderer } = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  fakeIpcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn() },
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: fakeIpcRenderer,
}));

describe('preload entry', () => {
  beforeEach(() => exposed.clear());

  it('exposes window.picket and nothing else, without the raw ipcRenderer', async () => {
    await import('../../electron/preload/index.ts');
    expect([...exposed.keys()]).toEqual(['picket']);
    const api = exposed.get('picket') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['on', 'request']);
    expect(typeof api['request']).toBe('function');
    expect(Object.values(api)).not.toContain(fakeIpcRenderer);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });
});
