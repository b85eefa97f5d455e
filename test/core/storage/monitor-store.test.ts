import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConfStore, storePaths } from '../../../electron/core/storage/index.ts';
import { DEFAULT_SETTINGS } from '../../../electron/shared/defaults.ts';
import type { Monitor, Settings } from '../../../electron/shared/types.ts';
import { httpMonitor, readJson, removeTempStoreDirs, tcpMonitor, tempStoreDir, tlsMonitor } from './store-fixtures.ts';

afterEach(removeTempStoreDirs);

describe('openConfStore on an empty folder', () => {
  it('starts with no monitors, the default settings and a current-version file', () => {
    const dir = tempStoreDir();
    const { store, report } = openConfStore(dir);
    expect(store.monitors()).toEqual([]);
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
    expect(store.runtimeState()).toEqual({});
    expect(report).toEqual({ recovered: false, droppedMonitors: [], resetFields: [] });
    expect(readJson(path.join(dir, 'picket.json'))).toEqual({
      schemaVersion: 1,
      monitors: [],
      settings: DEFAULT_SETTINGS,
      runtime: {},
    });
  });

  it('creates the folder when it does not exist', () => {
    const dir = path.join(tempStoreDir(), 'nested', 'data');
    openConfStore(dir);
    expect(fs.existsSync(path.join(dir, 'picket.json'))).toBe(true);
  });
});

describe('round trip', () => {
  it('gives back, after reopening, exactly what was saved', () => {
    const dir = tempStoreDir();
    const { store } = openConfStore(dir);
    store.saveMonitor(httpMonitor);
    store.saveMonitor(tcpMonitor);
    store.saveMonitor(tlsMonitor);
    const settings = store.updateSettings({ rawRetentionDays: 7, referenceTarget: '[::1]:53' });
    // Monitor ids contain dots: keys must not be read as paths.
    const runtime = { 'cert.example': { remindersSent: [30, 14] }, web: { lastAlertAt: 1_714_564_800_000 } };
    store.saveRuntimeState(runtime);

    const reopened = openConfStore(dir);
    expect(reopened.report.recovered).toBe(false);
    expect(reopened.store.monitors()).toEqual([httpMonitor, tcpMonitor, tlsMonitor]);
    expect(reopened.store.settings()).toEqual({ ...DEFAULT_SETTINGS, rawRetentionDays: 7, referenceTarget: '[::1]:53' });
    expect(reopened.store.settings()).toEqual(settings);
    expect(reopened.store.runtimeState()).toEqual(runtime);
  });

  it('replaces a monitor with the same id instead of adding a second one, keeping its place', () => {
    const { store } = openConfStore(tempStoreDir());
    store.saveMonitor(httpMonitor);
    store.saveMonitor(tcpMonitor);
    store.saveMonitor({ ...httpMonitor, name: 'Renamed' });
    expect(store.monitors().map((m) => [m.id, m.name])).toEqual([
      ['web', 'Renamed'],
      ['db', 'db'],
    ]);
  });

  it('fills the defaults of a monitor saved with only the fields a config file needs', () => {
    const { store } = openConfStore(tempStoreDir());
    store.saveMonitor({ id: 'bare', type: 'tcp', host: 'localhost', port: 22 } as Monitor);
    expect(store.monitors()[0]).toEqual(expect.objectContaining({ id: 'bare', name: 'bare', intervalSeconds: 60, paused: false }));
  });

  it('removes a monitor by id, and ignores an id it does not have', () => {
    const dir = tempStoreDir();
    const { store } = openConfStore(dir);
    store.saveMonitor(httpMonitor);
    store.saveMonitor(tcpMonitor);
    store.removeMonitor('web');
    store.removeMonitor('never-there');
    expect(store.monitors().map((m) => m.id)).toEqual(['db']);
    expect(openConfStore(dir).store.monitors().map((m) => m.id)).toEqual(['db']);
  });

  it('hands out copies: mutating what it returned changes nothing stored', () => {
    const { store } = openConfStore(tempStoreDir());
    store.saveMonitor(httpMonitor);
    const list = store.monitors();
    (list[0] as Monitor).name = 'mutated';
    store.settings().rawRetentionDays = 99;
    expect(store.monitors()[0]?.name).toBe('Web front');
    expect(store.settings().rawRetentionDays).toBe(DEFAULT_SETTINGS.rawRetentionDays);
  });
});

describe('rejected saves', () => {
  const badMonitors: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a port above 65535', { ...tcpMonitor, port: 70_000 }, /port/],
    ['an interval of 0', { ...tcpMonitor, intervalSeconds: 0 }, /intervalSeconds/],
    ['an id with a space', { ...tcpMonitor, id: 'bad id' }, /\bid\b/],
    ['an http monitor without a url', { ...httpMonitor, url: undefined }, /url/],
    ['a field of another monitor type', { ...tcpMonitor, url: 'http://127.0.0.1/' }, /url/],
  ];

  it.each(badMonitors)('%s: throws naming the field and leaves file, backup and memory unchanged', (_label, bad, field) => {
    const dir = tempStoreDir();
    const { store } = openConfStore(dir);
    store.saveMonitor(httpMonitor);
    const paths = storePaths(dir);
    const fileBefore = fs.readFileSync(paths.file);
    const backupBefore = fs.readFileSync(paths.backup);

    expect(() => store.saveMonitor(bad as unknown as Monitor)).toThrow(field);
    expect(fs.readFileSync(paths.file)).toEqual(fileBefore);
    expect(fs.readFileSync(paths.backup)).toEqual(backupBefore);
    expect(store.monitors()).toEqual([httpMonitor]);
  });

  const badSettings: Array<[Record<string, unknown>, RegExp]> = [
    [{ rawRetentionDays: 0 }, /rawRetentionDays/],
    [{ maxConcurrentChecks: 1001 }, /maxConcurrentChecks/],
    [{ maxConcurrentChecks: 0 }, /maxConcurrentChecks/],
    [{ referenceTarget: 'no-port' }, /referenceTarget/],
    [{ referenceTarget: 'example.net:70000' }, /referenceTarget/],
    [{ colourScheme: 'dark' }, /colourScheme/],
  ];

  it.each(badSettings)('settings %j: throws naming the field and changes nothing', (patch, field) => {
    const dir = tempStoreDir();
    const { store } = openConfStore(dir);
    const fileBefore = fs.readFileSync(storePaths(dir).file);
    expect(() => store.updateSettings(patch as Partial<Settings>)).toThrow(field);
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
    expect(fs.readFileSync(storePaths(dir).file)).toEqual(fileBefore);
  });

  it('applies a valid settings patch, leaving unnamed and undefined fields as they were', () => {
    const { store } = openConfStore(tempStoreDir());
    const next = store.updateSettings({ maxConcurrentChecks: 1000, rawRetentionDays: undefined });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, maxConcurrentChecks: 1000 });
    expect(store.settings()).toEqual(next);
  });

  it('refuses runtime state that JSON cannot hold', () => {
    const { store } = openConfStore(tempStoreDir());
    expect(() => store.saveRuntimeState({ count: 1n })).toThrow(/runtime/);
    expect(() => store.saveRuntimeState([] as unknown as Record<string, unknown>)).toThrow(/runtime/);
    expect(store.runtimeState()).toEqual({});
  });
});

describe('files on disk', () => {
  it('keeps the backup equal to the store after every save, and leaves no temporary files behind', () => {
    const dir = tempStoreDir();
    const { store } = openConfStore(dir);
    const paths = storePaths(dir);
    store.saveMonitor(httpMonitor);
    expect(readJson(paths.backup)).toEqual(readJson(paths.file));
    store.updateSettings({ resumeSettleSeconds: 30 });
    expect(readJson(paths.backup)).toEqual(readJson(paths.file));
    store.saveRuntimeState({ web: { n: 1 } });
    expect(readJson(paths.backup)).toEqual(readJson(paths.file));
    store.removeMonitor('web');
    expect(readJson(paths.backup)).toEqual(readJson(paths.file));
    expect(fs.readdirSync(dir).sort()).toEqual(['picket.backup.json', 'picket.json']);
  });
});
