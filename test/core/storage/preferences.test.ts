import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import Conf from 'conf';
import { DEFAULT_PREFERENCES, openConfStore, storePaths, toElectronStoreOptions, type StoreBackendOptions } from '../../../electron/core/storage/index.ts';
import type { StoreDocument } from '../../../electron/core/storage/store-document.ts';
import { httpMonitor, readJson, removeTempStoreDirs, tcpMonitor, tempStoreDir, tlsMonitor } from './store-fixtures.ts';

afterEach(removeTempStoreDirs);

describe('preferences', () => {
  it('are the defaults until changed, and are not written to a file that never had them', () => {
    const dir = tempStoreDir();
    const { store } = openConfStore(dir);
    expect(store.preferences()).toEqual(DEFAULT_PREFERENCES);
    expect(readJson(storePaths(dir).file)).not.toHaveProperty('preferences');
  });

  it('persist a validated patch across reopening', () => {
    const dir = tempStoreDir();
    const { store } = openConfStore(dir);
    const next = store.updatePreferences({ theme: 'dark', mutedMonitors: ['web'], alertsPausedUntil: 5, notificationSound: undefined });
    expect(next).toEqual({ ...DEFAULT_PREFERENCES, theme: 'dark', mutedMonitors: ['web'], alertsPausedUntil: 5 });
    const reopened = openConfStore(dir);
    expect(reopened.store.preferences()).toEqual(next);
    expect(reopened.report).toEqual({ recovered: false, droppedMonitors: [], resetFields: [] });
  });

  it('refuse a bad patch naming the field, changing nothing', () => {
    const dir = tempStoreDir();
    const { store } = openConfStore(dir);
    const before = fs.readFileSync(storePaths(dir).file, 'utf8');
    expect(() => store.updatePreferences({ theme: 'neon' as 'dark' })).toThrow(/preferences\.theme/);
    expect(() => store.updatePreferences({ colour: 'red' } as never)).toThrow(/preferences\.colour: is not a preference/);
    expect(fs.readFileSync(storePaths(dir).file, 'utf8')).toBe(before);
  });

  it('recover from a damaged file field by field, keeping the valid ones', () => {
    const dir = tempStoreDir();
    openConfStore(dir).store.updatePreferences({ theme: 'light' });
    const file = readJson(storePaths(dir).file) as Record<string, Record<string, unknown>>;
    fs.writeFileSync(storePaths(dir).file, JSON.stringify({ ...file, preferences: { ...file.preferences, startAtLogin: 'yes' } }));
    const { store, report } = openConfStore(dir);
    expect(report.resetFields).toEqual([expect.objectContaining({ field: 'preferences.startAtLogin' })]);
    expect(store.preferences()).toEqual({ ...DEFAULT_PREFERENCES, theme: 'light' });
  });
});

describe('replaceMonitors', () => {
  it('writes the whole list at once, and refuses a duplicate id without changing anything', () => {
    const dir = tempStoreDir();
    const { store } = openConfStore(dir);
    store.saveMonitor(httpMonitor);
    store.replaceMonitors([tcpMonitor, tlsMonitor]);
    expect(store.monitors()).toEqual([tcpMonitor, tlsMonitor]);
    expect(() => store.replaceMonitors([httpMonitor, httpMonitor])).toThrow(/monitors\[1\]\.id: duplicate id "web"/);
    expect(openConfStore(dir).store.monitors()).toEqual([tcpMonitor, tlsMonitor]);
  });
});

describe('a custom backend (electron-store in the Electron shell)', () => {
  it('is built with the same options, after recovery, and used for every read and write', () => {
    const dir = tempStoreDir();
    const seen: StoreBackendOptions[] = [];
    const { store } = openConfStore(dir, {
      createBackend: (options) => {
        seen.push(options);
        return new Conf<StoreDocument>(options);
      },
    });
    store.saveMonitor(tcpMonitor);
    expect(seen).toEqual([expect.objectContaining({ cwd: dir, configName: 'picket', clearInvalidConfig: false })]);
    expect(openConfStore(dir).store.monitors()).toEqual([tcpMonitor]);
  });

  it('gets the file name as electron-store wants it: name, not configName', () => {
    expect(toElectronStoreOptions({ cwd: '/data', configName: 'picket', watch: false })).toEqual({ cwd: '/data', name: 'picket', watch: false });
  });
});
