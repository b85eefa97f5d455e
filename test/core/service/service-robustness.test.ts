// The service when settings arrive with the config, change while running, or the disk fills up.
import { createServer, type Server } from 'node:net';
import type { LookupFunction } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanUp, nextEvent, openService, readStoreText, tempDataDir } from './service-fixtures.ts';

afterEach(async () => {
  vi.restoreAllMocks();
  await cleanUp();
});

/** A reference target on loopback that counts the probes it gets. */
async function referenceTarget(): Promise<{ target: string; probes: () => number; close: () => Promise<void> }> {
  let probes = 0;
  const server: Server = createServer((socket) => {
    probes += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { target: `127.0.0.1:${port}`, probes: () => probes, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Every name fails to resolve, as on a machine without DNS: a "no answer" failure makes the offline guard probe. */
const noDns: LookupFunction = (hostname, _options, callback) => {
  callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname }), '', 4);
};

const configWith = (referenceTargetValue: string): string =>
  JSON.stringify({
    version: 1,
    monitors: [{ id: 'site', name: 'Site', type: 'http', url: 'http://made-up-name.test/', intervalSeconds: 3600, timeoutSeconds: 2 }],
    settings: { referenceTarget: referenceTargetValue, maxConcurrentChecks: 3 },
  });

describe('settings first, then the engine', () => {
  it('a config file given at start sets the reference target before the first check', async () => {
    const reference = await referenceTarget();
    try {
      const service = await openService(tempDataDir(), {
        referenceProbe: undefined,
        probeOptions: { lookup: noDns },
        config: { json: configWith(reference.target), mode: 'replace', source: 'config file test.json' },
      });
      expect(service.configOutcome).toEqual({ added: ['site'], updated: [], removed: [] });
      expect(service.settings()).toMatchObject({ referenceTarget: reference.target, maxConcurrentChecks: 3 });
      await service.handle('checkNow', { monitorId: 'site' });
      expect(reference.probes()).toBeGreaterThanOrEqual(1);
    } finally {
      await reference.close();
    }
  });

  it('a config file with a bad setting changes nothing and names the field', async () => {
    const dir = tempDataDir();
    await expect(openService(dir, { config: { json: configWith('no-port-here'), mode: 'merge', source: 'config file bad.json' } })).rejects.toThrow(
      /invalid config file bad\.json:\n {2}settings\.referenceTarget/,
    );
  });

  it('a reference target changed while running is the one the next probe asks', async () => {
    const first = await referenceTarget();
    const second = await referenceTarget();
    try {
      const service = await openService(tempDataDir(), {
        referenceProbe: undefined,
        probeOptions: { lookup: noDns },
        config: { json: configWith(first.target), mode: 'replace', source: 'config file test.json' },
      });
      await service.handle('updateSettings', { patch: { referenceTarget: second.target } });
      // Past the guard's probe cache, so the next failure asks again.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await service.handle('checkNow', { monitorId: 'site' });
      expect(second.probes()).toBeGreaterThanOrEqual(1);
      expect(first.probes()).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('pauseAlerts bounds', () => {
  it('refuses an until beyond a year from now, naming the field', async () => {
    const service = await openService(tempDataDir());
    await expect(service.handle('pauseAlerts', { until: 1e300 })).rejects.toMatchObject({ error: { code: 'invalid-params', message: expect.stringMatching(/until/) } });
    await expect(service.handle('pauseAlerts', { until: Date.now() + 400 * 86_400_000 })).rejects.toMatchObject({ error: { code: 'invalid-params' } });
    await expect(service.handle('pauseAlerts', { until: Date.now() + 3_600_000 })).resolves.toMatchObject({ alertsPausedUntil: expect.any(Number) });
    await expect(service.handle('pauseAlerts', { until: null })).resolves.toMatchObject({ alertsPausedUntil: null });
  });
});

describe("Picket's own problems", () => {
  it('a full disk under history is one problem on the list and in an event, and clears when space is back', async () => {
    const service = await openService(tempDataDir());
    expect(await service.handle('getProblems', {})).toEqual([]);
    const { open } = await import('node:fs/promises');
    const probe = await open(`${tempDataDir()}/probe`, 'w');
    const proto = Object.getPrototypeOf(probe) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await probe.close();
    const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const full = () => Promise.reject(enospc());
    const { default: fs } = await import('node:fs');
    const spies = [
      vi.spyOn(proto, 'write').mockImplementation(full),
      vi.spyOn(proto, 'writeFile').mockImplementation(full),
      // write-file-atomic (picket.json, the history's state files) writes through the callback API.
      vi.spyOn(fs, 'write').mockImplementation(((...args: unknown[]) => {
        process.nextTick(args.at(-1) as (error: Error) => void, enospc());
      }) as unknown as typeof fs.write),
    ];
    // picket.json's write (a moment after the add) fails too, and is its own line on the list.
    const appeared = nextEvent(service, 'problems', (problems) => problems.some((problem) => problem.startsWith('cannot write history')));
    await service.handle('addMonitor', { monitor: { id: 'local', type: 'tcp', host: '127.0.0.1', port: 1, intervalSeconds: 3600 } });
    await service.handle('checkNow', { monitorId: 'local' });
    expect(await appeared).toEqual(expect.arrayContaining([expect.stringMatching(/^cannot write history: the disk is full \(ENOSPC\); new results wait in memory/)]));
    for (const spy of spies) spy.mockRestore();
    const cleared = nextEvent(service, 'problems', (problems) => problems.length === 0);
    await cleared;
    expect(service.problems()).toEqual([]);
    await service.close();
  });
});

describe('hostile imports', () => {
  it('200,000-deep JSON gets a clear error, not a crash', async () => {
    const service = await openService(tempDataDir());
    await expect(service.handle('importConfig', { json: '['.repeat(200_000), mode: 'merge' })).rejects.toMatchObject({
      error: { code: 'invalid-params', message: expect.stringContaining("This file is not valid JSON: line 1, column 200001") },
    });
    const deepValid = `{"version":1,"monitors":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    await expect(service.handle('importConfig', { json: deepValid, mode: 'merge' })).rejects.toMatchObject({ error: { code: 'invalid-params' } });
  });
});

describe('a request on a full disk', () => {
  it('keeps the change, says in words that it is not on disk because the disk is full, and writes it once it can', async () => {
    const dataDir = tempDataDir();
    const service = await openService(dataDir);
    const { default: fs } = await import('node:fs');
    const { default: fsp } = await import('node:fs/promises');
    const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
    // Both ways a file is opened: fs/promises, and the callback API write-file-atomic uses.
    const opens = [
      vi.spyOn(fsp, 'open').mockImplementation(async () => {
        throw enospc();
      }),
      vi.spyOn(fs, 'open').mockImplementation(((...args: unknown[]) => {
        process.nextTick(args.at(-1) as (error: Error) => void, enospc());
      }) as unknown as typeof fs.open),
    ];
    const view = await service.handle('addMonitor', { monitor: { id: 'x', type: 'tcp', host: '127.0.0.1', port: 1 } });
    expect(view.monitor.id).toBe('x');
    await expect(service.flushStore()).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(service.problems()).toContain('cannot write picket.json (changes are kept and written once it works): the disk is full (ENOSPC)');
    for (const open of opens) open.mockRestore();
    await service.flushStore();
    expect(service.problems().filter((problem) => problem.includes('picket.json'))).toEqual([]);
    expect((await readStoreText(service, dataDir)).includes('"id": "x"')).toBe(true);
  });
});
