import { afterEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../../../electron/shared/contract.ts';
import { fromMonitorList } from '../../../electron/shared/monitor-list.ts';
import { DEFAULT_SETTINGS } from '../../../electron/shared/defaults.ts';
import { basicMonitor, cleanUp, collectEvents, nextEvent, openService, readStoreText, rejection, startMonitoredServer, tempDataDir } from './service-fixtures.ts';

afterEach(cleanUp);

function configJson(monitors: unknown[], settings?: Record<string, unknown>): string {
  return JSON.stringify({ version: 1, monitors, ...(settings ? { settings } : {}) });
}

const tcp = (id: string, port = 9): Record<string, unknown> => ({ id, type: 'tcp', host: '127.0.0.1', port, intervalSeconds: 3600, paused: true });

describe('importConfig', () => {
  it('merge adds new ids, updates existing ones in place and applies the settings', async () => {
    const server = await startMonitoredServer();
    const dataDir = tempDataDir();
    const service = await openService(dataDir);
    await service.handle('addMonitor', { monitor: basicMonitor(server.url) });
    await service.handle('addMonitor', { monitor: tcp('db') });
    const settingsEvent = nextEvent(service, 'settings');
    const monitorsEvent = nextEvent(service, 'monitors');

    const outcome = await service.handle('importConfig', {
      json: configJson([tcp('db', 5432), tcp('cache', 6379)], { maxConcurrentChecks: 8 }),
      mode: 'merge',
    });

    expect(outcome).toEqual({ added: ['cache'], updated: ['db'], removed: [] });
    // Only what the import touched: the rows of db and cache, not api's.
    expect(fromMonitorList(await monitorsEvent).map((item) => item.id)).toEqual(['db', 'cache']);
    expect((await settingsEvent).maxConcurrentChecks).toBe(8);
    expect(service.views().find((v) => v.monitor.id === 'db')?.monitor).toEqual(expect.objectContaining({ port: 5432 }));
    expect((JSON.parse(await readStoreText(service, dataDir)) as { monitors: Array<{ id: string }> }).monitors.map((m) => m.id)).toEqual(['api', 'db', 'cache']);
  });

  it('replace removes the monitors the file does not name, keeping REDACTED secrets from the store', async () => {
    const server = await startMonitoredServer();
    const dataDir = tempDataDir();
    const service = await openService(dataDir);
    await service.handle('addMonitor', { monitor: basicMonitor(server.url) });
    await service.handle('addMonitor', { monitor: tcp('db') });
    await service.handle('setMuted', { monitorId: 'db', muted: true });
    const sealed = /"password": "(enc:v1:[^"]+)"/.exec((await readStoreText(service, dataDir)))?.[1];

    const outcome = await service.handle('importConfig', {
      json: configJson([basicMonitor(server.url, { auth: { type: 'basic', username: 'probe', password: REDACTED } })]),
      mode: 'replace',
    });

    expect(outcome).toEqual({ added: [], updated: ['api'], removed: ['db'] });
    expect(service.views().map((v) => v.monitor.id)).toEqual(['api']);
    expect((await readStoreText(service, dataDir))).toContain(`"password": "${sealed}"`);
    expect((await service.handle('getSettings', {})).mutedMonitors).toEqual([]);
    await service.handle('checkNow', { monitorId: 'api' });
    expect(server.authorizations.at(-1)).toBe(`Basic ${Buffer.from('probe:s3cret').toString('base64')}`);
  });

  it('is all or nothing: one bad monitor, a REDACTED secret with nothing stored, or broken JSON changes nothing', async () => {
    const dataDir = tempDataDir();
    const service = await openService(dataDir);
    await service.handle('addMonitor', { monitor: tcp('db') });
    const before = (await readStoreText(service, dataDir));
    const monitorEvents = collectEvents(service, 'monitors');

    const badMonitor = await rejection(
      service.handle('importConfig', { json: configJson([tcp('fresh'), { ...tcp('bad'), port: 0 }], { maxConcurrentChecks: 3 }), mode: 'replace' }),
    );
    expect(badMonitor).toEqual(expect.objectContaining({ code: 'invalid-params', issues: [expect.objectContaining({ path: 'monitors[1].port' })] }));

    const placeholder = await rejection(
      service.handle('importConfig', {
        json: configJson([{ id: 'new', type: 'http', url: 'http://127.0.0.1:1/', auth: { type: 'bearer', token: REDACTED } }]),
        mode: 'merge',
      }),
    );
    expect(placeholder.issues).toEqual([expect.objectContaining({ path: 'monitors[0].auth.token' })]);

    const brokenJson = await rejection(service.handle('importConfig', { json: '{"version": 1,\n  "monitors": [}', mode: 'merge' }));
    expect(brokenJson.issues).toEqual([{ path: '', message: expect.stringMatching(/^This file is not valid JSON: line 2, column \d+: /) }]);

    expect((await readStoreText(service, dataDir))).toBe(before);
    expect(monitorEvents).toEqual([]);
    expect(service.views().map((v) => v.monitor.id)).toEqual(['db']);
    expect((await service.handle('getSettings', {})).maxConcurrentChecks).toBe(DEFAULT_SETTINGS.maxConcurrentChecks);
  });
});

describe('exportConfig', () => {
  it('writes every monitor with secrets REDACTED and the engine settings, in a form importConfig takes back', async () => {
    const server = await startMonitoredServer();
    const service = await openService(tempDataDir());
    await service.handle('addMonitor', { monitor: basicMonitor(server.url) });
    await service.handle('addMonitor', { monitor: { ...basicMonitor(server.url), id: 'bearer', auth: { type: 'bearer', token: 't0ken' } } });

    const { json } = await service.handle('exportConfig', {});

    expect(json).not.toMatch(/s3cret|t0ken|enc:v1:/);
    expect(json).toContain('\n  "monitors"');
    const exported = JSON.parse(json) as { version: number; settings: unknown; monitors: Array<{ auth: unknown }> };
    expect(exported.version).toBe(1);
    expect(exported.settings).toEqual(DEFAULT_SETTINGS);
    expect(exported.monitors.map((m) => m.auth)).toEqual([
      { type: 'basic', username: 'probe', password: REDACTED },
      { type: 'bearer', token: REDACTED },
    ]);
    expect(await service.handle('importConfig', { json, mode: 'replace' })).toEqual({ added: [], updated: ['api', 'bearer'], removed: [] });
  });
});

describe('settings', () => {
  it('round-trips engine settings and preferences, emits "settings", and keeps them across close and open', async () => {
    const dataDir = tempDataDir();
    const first = await openService(dataDir);
    expect(await first.handle('getSettings', {})).toEqual({
      ...DEFAULT_SETTINGS,
      notificationsEnabled: true,
      notificationSound: false,
      startAtLogin: false,
      theme: 'system',
      alertsPausedUntil: null,
      mutedMonitors: [],
    });
    const settingsEvent = nextEvent(first, 'settings');
    const updated = await first.handle('updateSettings', { patch: { theme: 'dark', notificationSound: true, rawRetentionDays: 9 } });
    expect(updated).toEqual(expect.objectContaining({ theme: 'dark', notificationSound: true, rawRetentionDays: 9 }));
    expect(await settingsEvent).toEqual(updated);

    const paused = nextEvent(first, 'settings');
    // A week ahead: a pause is bounded to a year from now.
    const until = Date.now() + 7 * 86_400_000;
    expect((await first.handle('pauseAlerts', { until })).alertsPausedUntil).toBe(until);
    expect((await paused).alertsPausedUntil).toBe(until);
    await first.close();

    const second = await openService(dataDir);
    expect(await second.handle('getSettings', {})).toEqual({ ...updated, alertsPausedUntil: until });
    expect((await second.handle('pauseAlerts', { until: null })).alertsPausedUntil).toBeNull();
  });
});

describe('defaultExpiryWarningDays', () => {
  it('is what a new TLS monitor gets when it names no reminder days: added, imported, or from the file itself', async () => {
    const service = await openService(tempDataDir());
    await service.handle('updateSettings', { patch: { defaultExpiryWarningDays: [45, 10] } });
    const tls = (id: string, days?: number[]): Record<string, unknown> => ({ id, type: 'tls', host: '127.0.0.1', port: 9, paused: true, ...(days ? { expiryWarningDays: days } : {}) });
    const daysOf = (id: string): unknown => (service.views().find((v) => v.monitor.id === id)?.monitor as { expiryWarningDays?: number[] }).expiryWarningDays;

    await service.handle('addMonitor', { monitor: tls('added') });
    await service.handle('addMonitor', { monitor: tls('own', [3]) });
    await service.handle('importConfig', { json: configJson([tls('imported')]), mode: 'merge' });
    expect([daysOf('added'), daysOf('own'), daysOf('imported')]).toEqual([[45, 10], [3], [45, 10]]);

    await service.handle('importConfig', { json: configJson([tls('with-file-days')], { defaultExpiryWarningDays: [60] }), mode: 'merge' });
    expect(daysOf('with-file-days')).toEqual([60]);
  });
});
