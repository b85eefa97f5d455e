import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, storePaths } from '../../../electron/core/storage/index.ts';
import { openStore, httpMonitor, readJson, removeTempStoreDirs, tcpMonitor, tempStoreDir, tlsMonitor } from './store-fixtures.ts';

afterEach(removeTempStoreDirs);

describe('preferences', () => {
  it('are the defaults until changed, and are not written to a file that never had them', () => {
    const dir = tempStoreDir();
    const { store } = openStore(dir);
    expect(store.preferences()).toEqual(DEFAULT_PREFERENCES);
    expect(readJson(storePaths(dir).file)).not.toHaveProperty('preferences');
  });

  it('persist a validated patch across reopening', async () => {
    const dir = tempStoreDir();
    const { store } = openStore(dir);
    const next = store.updatePreferences({ theme: 'dark', mutedMonitors: ['web'], alertsPausedUntil: 5, notificationSound: undefined });
    expect(next).toEqual({ ...DEFAULT_PREFERENCES, theme: 'dark', mutedMonitors: ['web'], alertsPausedUntil: 5 });
    await store.flush();
    const reopened = openStore(dir);
    expect(reopened.store.preferences()).toEqual(next);
    expect(reopened.report).toEqual({ recovered: false, droppedMonitors: [], resetFields: [] });
  });

  it('refuse a bad patch naming the field, changing nothing', () => {
    const dir = tempStoreDir();
    const { store } = openStore(dir);
    const before = fs.readFileSync(storePaths(dir).file, 'utf8');
    expect(() => store.updatePreferences({ theme: 'neon' as 'dark' })).toThrow(/preferences\.theme/);
    expect(() => store.updatePreferences({ colour: 'red' } as never)).toThrow(/preferences\.colour: is not a preference/);
    expect(fs.readFileSync(storePaths(dir).file, 'utf8')).toBe(before);
  });

  it('recover from a damaged file field by field, keeping the valid ones', async () => {
    const dir = tempStoreDir();
    const opened = openStore(dir).store;
    opened.updatePreferences({ theme: 'light' });
    await opened.flush();
    const file = readJson(storePaths(dir).file) as Record<string, Record<string, unknown>>;
    fs.writeFileSync(storePaths(dir).file, JSON.stringify({ ...file, preferences: { ...file.preferences, startAtLogin: 'yes' } }));
    const { store, report } = openStore(dir);
    expect(report.resetFields).toEqual([expect.objectContaining({ field: 'preferences.startAtLogin' })]);
    expect(store.preferences()).toEqual({ ...DEFAULT_PREFERENCES, theme: 'light' });
  });
});

describe('replaceMonitors', () => {
  it('writes the whole list at once, and refuses a duplicate id without changing anything', async () => {
    const dir = tempStoreDir();
    const { store } = openStore(dir);
    store.saveMonitor(httpMonitor);
    store.replaceMonitors([tcpMonitor, tlsMonitor]);
    expect(store.monitors()).toEqual([tcpMonitor, tlsMonitor]);
    expect(() => store.replaceMonitors([httpMonitor, httpMonitor])).toThrow(/monitors\[1\]\.id: duplicate id "web"/);
    await store.flush();
    expect(openStore(dir).store.monitors()).toEqual([tcpMonitor, tlsMonitor]);
  });
});
