import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../../../electron/shared/contract.ts';
import { fromMonitorList, MONITOR_LIST_FIELDS } from '../../../electron/shared/monitor-list.ts';
import {
  basicMonitor,
  cleanUp,
  collectEvents,
  nextEvent,
  openService,
  readStoreText,
  rejection,
  startMonitoredServer,
  tempDataDir,
} from './service-fixtures.ts';

afterEach(cleanUp);

const BASIC_S3CRET = `Basic ${Buffer.from('probe:s3cret').toString('base64')}`;

describe('monitors, checks and alerts against a real local server', () => {
  it('sends the rows whose uptime changed while results arrive, so uptime figures on screen follow the checks', async () => {
    const server = await startMonitoredServer();
    const service = await openService(tempDataDir(), { viewsRefreshMs: 100 });
    await service.handle('addMonitor', { monitor: { id: 'plain', type: 'http', url: `${server.url}/` } });
    await service.handle('addMonitor', { monitor: { id: 'idle', type: 'tcp', host: '127.0.0.1', port: 9, paused: true } });
    // A UI loads the list, then follows what changes in it.
    await service.handle('listMonitors', {});
    const refreshed = nextEvent(service, 'monitors', (changes) => fromMonitorList(changes).some((item) => item.id === 'plain' && item.uptime24h === 1));
    await service.handle('checkNow', { monitorId: 'plain' });
    const rows = fromMonitorList(await refreshed);
    expect(rows.find((item) => item.id === 'plain')).toEqual(expect.objectContaining({ state: 'up', problem: null }));
    // Nothing changed for the paused one: it is not sent again.
    expect(rows.map((item) => item.id)).toEqual(['plain']);
  });

  it('tells a change to one monitor with that monitor\'s row only, never the whole list, and a removal by id', async () => {
    const service = await openService(tempDataDir());
    const config = JSON.stringify({ version: 1, monitors: Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, type: 'tcp', host: '127.0.0.1', port: 9, paused: true })) });
    await service.handle('importConfig', { json: config, mode: 'merge' });
    await service.handle('listMonitors', {});
    const events = collectEvents(service, 'monitors');
    await service.handle('setMuted', { monitorId: 'm7', muted: true });
    await service.handle('editMonitor', { monitor: { id: 'm8', type: 'tcp', host: '127.0.0.1', port: 9, paused: true, name: 'Renamed' } });
    await service.handle('removeMonitor', { monitorId: 'm9' });
    expect(events.map((changes) => [fromMonitorList(changes).map((item) => [item.id, item.name, item.muted]), changes.removed])).toEqual([
      [[['m7', 'm7', true]], []],
      [[['m8', 'Renamed', false]], []],
      [[], ['m9']],
    ]);
  });

  it('answers uptime from one source: getHistory carries the same figures as the list, after every check', async () => {
    const server = await startMonitoredServer();
    const service = await openService(tempDataDir());
    await service.handle('addMonitor', { monitor: { id: 'flaky', type: 'http', url: `${server.url}/` } });
    await service.handle('checkNow', { monitorId: 'flaky' });
    server.status = 500;
    for (let i = 0; i < 3; i++) {
      await service.handle('checkNow', { monitorId: 'flaky' });
      const listed = fromMonitorList(await service.handle('listMonitors', {})).find((item) => item.id === 'flaky');
      const opened = await service.handle('getMonitor', { monitorId: 'flaky' });
      const history = await service.handle('getHistory', { monitorId: 'flaky', range: '24h' });
      expect(history.uptime).toEqual(opened.uptime);
      expect(listed?.uptime24h).toBe(Math.floor((history.uptime.h24 ?? 0) * 1e6) / 1e6);
      expect(history.uptime.h24).toBeCloseTo(1 / (i + 2));
    }
  });

  it('adds a monitor: returns its redacted view, emits "monitors", stores the secret sealed and checks with it', async () => {
    const server = await startMonitoredServer();
    const dataDir = tempDataDir();
    const service = await openService(dataDir);
    const monitorsEvent = nextEvent(service, 'monitors');

    const view = await service.handle('addMonitor', { monitor: basicMonitor(server.url) });

    expect(view.monitor).toEqual(expect.objectContaining({ id: 'api', name: 'API', auth: { type: 'basic', username: 'probe', password: REDACTED } }));
    expect(view).toEqual(expect.objectContaining({ lastResult: null, muted: false }));
    expect(fromMonitorList(await monitorsEvent).map((item) => item.id)).toEqual(['api']);
    const stored = (await readStoreText(service, dataDir));
    expect(stored).toContain('"password": "enc:v1:');
    expect(stored).not.toContain('s3cret');

    const results = nextEvent(service, 'results', (batch) => batch.some((r) => r.monitorId === 'api'));
    expect(await service.handle('checkNow', { monitorId: 'api' })).toEqual({ checked: 1 });
    const batch = await results;
    expect(batch.find((r) => r.monitorId === 'api')).toEqual(expect.objectContaining({ status: 'up', statusCode: 200 }));
    // The engine got the secret opened, never the sealed form.
    expect(server.authorizations.at(-1)).toBe(BASIC_S3CRET);
    const [listed] = fromMonitorList(await service.handle('listMonitors', {}));
    expect(listed).toEqual(expect.objectContaining({ id: 'api', state: 'up', problem: null, latencyMs: expect.any(Number) }));
    const opened = await service.handle('getMonitor', { monitorId: 'api' });
    expect(opened.lastResult).toEqual(expect.objectContaining({ status: 'up' }));
    expect(opened.monitor).toEqual(expect.objectContaining({ auth: { type: 'basic', username: 'probe', password: REDACTED } }));
  });

  it('goes down after the failure threshold with a "down" alert, and getHistory shows buckets, recent results and the incident', async () => {
    const server = await startMonitoredServer();
    const service = await openService(tempDataDir());
    await service.handle('addMonitor', { monitor: basicMonitor(server.url) });
    await service.handle('checkNow', { monitorId: 'api' });

    server.status = 503;
    const alert = nextEvent(service, 'alert', (a) => a.kind === 'down');
    const stateDown = nextEvent(service, 'state', (s) => s.to === 'down');
    await service.handle('checkNow', { monitorId: 'api' });
    await service.handle('checkNow', { monitorId: 'api' });
    expect(await alert).toEqual(expect.objectContaining({ monitorId: 'api', kind: 'down' }));
    expect(await stateDown).toEqual(expect.objectContaining({ monitorId: 'api', to: 'down' }));
    expect(service.views()[0]?.state).toBe('down');

    const history = await service.handle('getHistory', { monitorId: 'api', range: '1h' });
    expect(history.resolution).toBe('minute');
    expect(history.recent.map((r) => r.status).slice(-2)).toEqual(['down', 'down']);
    const counted = history.buckets.reduce((sum, b) => sum + b.up + b.down, 0);
    expect(counted).toBe(history.recent.length);
    expect(history.incidents).toEqual([expect.objectContaining({ monitorId: 'api', firstError: expect.stringContaining('503') })]);
    expect((await service.handle('getHistory', { monitorId: 'api', range: '1y' })).resolution).toBe('day');
  });

  it('edits with the REDACTED password: keeps the stored secret and shows REDACTED', async () => {
    const server = await startMonitoredServer();
    const dataDir = tempDataDir();
    const service = await openService(dataDir);
    await service.handle('addMonitor', { monitor: basicMonitor(server.url) });
    const sealedBefore = /"password": "(enc:v1:[^"]+)"/.exec((await readStoreText(service, dataDir)))?.[1];

    const edited = await service.handle('editMonitor', {
      monitor: basicMonitor(server.url, { name: 'API renamed', auth: { type: 'basic', username: 'probe', password: REDACTED } }),
    });

    expect(edited.monitor).toEqual(expect.objectContaining({ name: 'API renamed', auth: { type: 'basic', username: 'probe', password: REDACTED } }));
    expect(sealedBefore).toBeDefined();
    expect((await readStoreText(service, dataDir))).toContain(`"password": "${sealedBefore}"`);
    await service.handle('checkNow', { monitorId: 'api' });
    expect(server.authorizations.at(-1)).toBe(BASIC_S3CRET);
  });

  it('tests a draft once without saving it, using the stored secret for REDACTED', async () => {
    const server = await startMonitoredServer();
    const dataDir = tempDataDir();
    const service = await openService(dataDir);
    await service.handle('addMonitor', { monitor: basicMonitor(server.url) });
    const storeBefore = (await readStoreText(service, dataDir));

    const result = await service.handle('testMonitor', {
      monitor: basicMonitor(server.url, { url: `${server.url}/other`, auth: { type: 'basic', username: 'probe', password: REDACTED } }),
    });

    expect(result).toEqual(expect.objectContaining({ monitorId: 'api', status: 'up' }));
    expect(server.authorizations.at(-1)).toBe(BASIC_S3CRET);
    expect((await readStoreText(service, dataDir))).toBe(storeBefore);
    expect(service.views()[0]?.monitor).toEqual(expect.objectContaining({ url: `${server.url}/health` }));
  });

  it('pauses (persisted in the stored monitor, not checked), mutes, and removes', async () => {
    const server = await startMonitoredServer();
    const dataDir = tempDataDir();
    const service = await openService(dataDir);
    await service.handle('addMonitor', { monitor: basicMonitor(server.url) });

    const paused = await service.handle('setPaused', { monitorId: 'api', paused: true });
    expect(paused.state).toBe('paused');
    expect((JSON.parse(await readStoreText(service, dataDir)) as { monitors: Array<{ paused?: boolean }> }).monitors[0]?.paused).toBe(true);
    expect(await service.handle('checkNow', {})).toEqual({ checked: 0 });

    const settingsEvent = nextEvent(service, 'settings');
    expect((await service.handle('setMuted', { monitorId: 'api', muted: true })).muted).toBe(true);
    expect((await settingsEvent).mutedMonitors).toEqual(['api']);

    const monitorsEvent = nextEvent(service, 'monitors');
    expect(await service.handle('removeMonitor', { monitorId: 'api' })).toEqual({ removed: true });
    expect(await monitorsEvent).toEqual({ fields: [...MONITOR_LIST_FIELDS], rows: [], removed: ['api'], version: expect.any(Number) });
    expect((JSON.parse(await readStoreText(service, dataDir)) as { monitors: unknown[] }).monitors).toEqual([]);
    // A removed monitor leaves nothing muted behind.
    expect((await service.handle('getSettings', {})).mutedMonitors).toEqual([]);
  });

  it('without a codec stores the secret as given (plain Node mode) and still redacts it for a UI', async () => {
    const server = await startMonitoredServer();
    const dataDir = tempDataDir();
    const service = await openService(dataDir, { secretCodec: undefined });
    const view = await service.handle('addMonitor', { monitor: basicMonitor(server.url) });
    expect(view.monitor).toEqual(expect.objectContaining({ auth: expect.objectContaining({ password: REDACTED }) }));
    expect((await readStoreText(service, dataDir))).toContain('"password": "s3cret"');
    expect(fs.statSync(path.join(dataDir, 'picket.json')).mode & 0o077).toBe(0);
  });
});

describe('rejected requests change nothing', () => {
  it('answers conflict for an id that exists and not-found for one that does not', async () => {
    const server = await startMonitoredServer();
    const service = await openService(tempDataDir());
    await service.handle('addMonitor', { monitor: basicMonitor(server.url) });

    expect(await rejection(service.handle('addMonitor', { monitor: basicMonitor(server.url) }))).toEqual(expect.objectContaining({ code: 'conflict' }));
    for (const [name, params] of [
      ['editMonitor', { monitor: basicMonitor(server.url, { id: 'ghost' }) }],
      ['removeMonitor', { monitorId: 'ghost' }],
      ['setPaused', { monitorId: 'ghost', paused: true }],
      ['setMuted', { monitorId: 'ghost', muted: true }],
      ['checkNow', { monitorId: 'ghost' }],
      ['getHistory', { monitorId: 'ghost', range: '24h' }],
    ] as const) {
      const error = await rejection(service.handle(name, params));
      expect(error, name).toEqual(expect.objectContaining({ code: 'not-found', message: expect.stringContaining('ghost') }));
    }
  });

  it('names the bad field and leaves the store file byte for byte as it was', async () => {
    const server = await startMonitoredServer();
    const dataDir = tempDataDir();
    const service = await openService(dataDir);
    await service.handle('addMonitor', { monitor: basicMonitor(server.url) });
    const before = (await readStoreText(service, dataDir));
    const monitorEvents = collectEvents(service, 'monitors');

    const badPort = await rejection(service.handle('addMonitor', { monitor: { id: 'db', type: 'tcp', host: '127.0.0.1', port: 70_000 } }));
    expect(badPort.code).toBe('invalid-params');
    expect(badPort.issues).toEqual([expect.objectContaining({ path: 'monitor.port' })]);

    const placeholder = await rejection(
      service.handle('addMonitor', { monitor: basicMonitor(server.url, { id: 'new', auth: { type: 'bearer', token: REDACTED } }) }),
    );
    expect(placeholder.issues).toEqual([expect.objectContaining({ path: 'monitor.auth.token' })]);

    const badSetting = await rejection(service.handle('updateSettings', { patch: { theme: 'dark', referenceTarget: 'example.org:99999' } }));
    expect(badSetting).toEqual(expect.objectContaining({ code: 'invalid-params', issues: [expect.objectContaining({ path: 'patch.referenceTarget' })] }));

    const unknownField = await rejection(service.handle('setPaused', { monitorId: 'api', paused: true, extra: 1 }));
    expect(unknownField.issues).toEqual([{ path: 'extra', message: 'unknown field' }]);
    expect((await rejection(service.handle('nonsense' as 'listMonitors', {}))).message).toMatch(/unknown request/);

    expect((await readStoreText(service, dataDir))).toBe(before);
    expect(monitorEvents).toEqual([]);
    expect((await service.handle('getSettings', {})).theme).toBe('system');
  });
});

describe('close', () => {
  it('flushes history: results recorded before close are there after reopening', async () => {
    const server = await startMonitoredServer();
    const dataDir = tempDataDir();
    const first = await openService(dataDir, { eventBatchMs: 60_000 });
    await first.handle('addMonitor', { monitor: basicMonitor(server.url) });
    const batches = collectEvents(first, 'results');
    await first.handle('checkNow', { monitorId: 'api' });
    await first.handle('checkNow', { monitorId: 'api' });
    expect(batches).toEqual([]);
    await first.close();
    // The batch still being collected is emitted on close, not dropped.
    expect(batches.flat().filter((r) => r.monitorId === 'api').length).toBeGreaterThanOrEqual(2);

    const second = await openService(dataDir);
    const history = await second.handle('getHistory', { monitorId: 'api', range: '24h' });
    expect(history.recent.length).toBeGreaterThanOrEqual(2);
    expect(second.views()[0]?.monitor.id).toBe('api');
  });
});
