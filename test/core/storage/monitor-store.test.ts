import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, storePaths } from '../../../electron/core/storage/index.ts';
import { DEFAULT_SETTINGS } from '../../../electron/shared/defaults.ts';
import type { Monitor, Settings } from '../../../electron/shared/types.ts';
import { openStore, FIXED_NOW, FIXED_STAMP, httpMonitor, readJson, removeTempStoreDirs, tcpMonitor, tempStoreDir, tlsMonitor } from './store-fixtures.ts';

afterEach(removeTempStoreDirs);

describe('openStore on an empty folder', () => {
  it('starts with no monitors, the default settings and a current-version file', () => {
    const dir = tempStoreDir();
    const { store, report } = openStore(dir);
    expect(store.monitors()).toEqual([]);
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
    expect(store.runtimeState()).toEqual({});
    expect(report).toEqual({ recovered: false, droppedMonitors: [], resetFields: [] });
    expect(readJson(path.join(dir, 'picket.json'))).toEqual({
      schemaVersion: 1,
      monitors: [],
      settings: DEFAULT_SETTINGS,
    });
    expect(readJson(path.join(dir, 'picket.state.json'))).toEqual({ version: 1, runtime: {} });
  });

  it('creates the folder when it does not exist', () => {
    const dir = path.join(tempStoreDir(), 'nested', 'data');
    openStore(dir);
    expect(fs.existsSync(path.join(dir, 'picket.json'))).toBe(true);
  });
});

describe('round trip', () => {
  it('gives back, after reopening, exactly what was saved', async () => {
    const dir = tempStoreDir();
    const { store } = openStore(dir);
    store.saveMonitor(httpMonitor);
    store.saveMonitor(tcpMonitor);
    store.saveMonitor(tlsMonitor);
    const settings = store.updateSettings({ rawRetentionDays: 7, referenceTarget: '[::1]:53' });
    // Monitor ids contain dots: keys must not be read as paths.
    const runtime = { 'cert.example': { remindersSent: [30, 14] }, web: { lastAlertAt: 1_714_564_800_000 } };
    store.saveRuntimeState(runtime);
    await store.flush();

    const reopened = openStore(dir);
    expect(reopened.report.recovered).toBe(false);
    expect(reopened.store.monitors()).toEqual([httpMonitor, tcpMonitor, tlsMonitor]);
    expect(reopened.store.settings()).toEqual({ ...DEFAULT_SETTINGS, rawRetentionDays: 7, referenceTarget: '[::1]:53' });
    expect(reopened.store.settings()).toEqual(settings);
    expect(reopened.store.runtimeState()).toEqual(runtime);
  });

  it('replaces a monitor with the same id instead of adding a second one, keeping its place', () => {
    const { store } = openStore(tempStoreDir());
    store.saveMonitor(httpMonitor);
    store.saveMonitor(tcpMonitor);
    store.saveMonitor({ ...httpMonitor, name: 'Renamed' });
    expect(store.monitors().map((m) => [m.id, m.name])).toEqual([
      ['web', 'Renamed'],
      ['db', 'db'],
    ]);
  });

  it('fills the defaults of a monitor saved with only the fields a config file needs', () => {
    const { store } = openStore(tempStoreDir());
    store.saveMonitor({ id: 'bare', type: 'tcp', host: 'localhost', port: 22 } as Monitor);
    expect(store.monitors()[0]).toEqual(expect.objectContaining({ id: 'bare', name: 'bare', intervalSeconds: 60, paused: false }));
  });

  it('removes a monitor by id, and ignores an id it does not have', async () => {
    const dir = tempStoreDir();
    const { store } = openStore(dir);
    store.saveMonitor(httpMonitor);
    store.saveMonitor(tcpMonitor);
    store.removeMonitor('web');
    store.removeMonitor('never-there');
    expect(store.monitors().map((m) => m.id)).toEqual(['db']);
    await store.flush();
    expect(openStore(dir).store.monitors().map((m) => m.id)).toEqual(['db']);
  });

  it('hands out frozen monitors and copies of the rest: nothing returned can change what is stored', () => {
    const { store } = openStore(tempStoreDir());
    store.saveMonitor(httpMonitor);
    const list = store.monitors();
    expect(() => ((list[0] as Monitor).name = 'mutated')).toThrow(TypeError);
    list.pop();
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
    const { store } = openStore(dir);
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
    const { store } = openStore(dir);
    const fileBefore = fs.readFileSync(storePaths(dir).file);
    expect(() => store.updateSettings(patch as Partial<Settings>)).toThrow(field);
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
    expect(fs.readFileSync(storePaths(dir).file)).toEqual(fileBefore);
  });

  it('applies a valid settings patch, leaving unnamed and undefined fields as they were', () => {
    const { store } = openStore(tempStoreDir());
    const next = store.updateSettings({ maxConcurrentChecks: 1000, rawRetentionDays: undefined });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, maxConcurrentChecks: 1000 });
    expect(store.settings()).toEqual(next);
  });

  it('refuses runtime state that JSON cannot hold', () => {
    const { store } = openStore(tempStoreDir());
    expect(() => store.saveRuntimeState({ count: 1n })).toThrow(/runtime/);
    expect(() => store.saveRuntimeState([] as unknown as Record<string, unknown>)).toThrow(/runtime/);
    expect(store.runtimeState()).toEqual({});
  });
});

describe('files on disk', () => {
  it('writes later and once for many changes, keeps the previous generation as the backup, and leaves no temporary files', async () => {
    const dir = tempStoreDir();
    const { store } = openStore(dir, { writeDelayMs: 10 });
    const paths = storePaths(dir);
    const opened = readJson(paths.file);
    store.saveMonitor(httpMonitor);
    store.updateSettings({ resumeSettleSeconds: 30 });
    // Nothing on disk yet: the caller never waits for a write.
    expect(readJson(paths.file)).toEqual(opened);
    await store.flush();
    const first = readJson(paths.file);
    expect(first).toEqual(expect.objectContaining({ monitors: [httpMonitor], settings: expect.objectContaining({ resumeSettleSeconds: 30 }) }));
    expect(readJson(paths.backup)).toEqual(opened);
    store.removeMonitor('web');
    await store.flush();
    expect(readJson(paths.file)).toEqual(expect.objectContaining({ monitors: [] }));
    expect(readJson(paths.backup)).toEqual(first);
    expect(fs.readdirSync(dir).sort()).toEqual(['picket.backup.json', 'picket.json', 'picket.state.json']);
  });

  it('answers every read from memory: reads still work with the files gone', async () => {
    const dir = tempStoreDir();
    const { store } = openStore(dir);
    store.saveMonitor(httpMonitor);
    store.saveRuntimeState({ web: { n: 1 } });
    await store.flush();
    const paths = storePaths(dir);
    for (const file of [paths.file, paths.backup, paths.state]) fs.rmSync(file);
    expect(store.monitors()).toEqual([httpMonitor]);
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
    expect(store.preferences()).toEqual(DEFAULT_PREFERENCES);
    expect(store.homeservers()).toEqual({});
    expect(store.runtimeState()).toEqual({ web: { n: 1 } });
  });

  it('writes runtime bookkeeping to picket.state.json and leaves picket.json and its backup untouched', async () => {
    const dir = tempStoreDir();
    const { store } = openStore(dir, { writeDelayMs: 10 });
    store.saveMonitor(httpMonitor);
    await store.flush();
    const paths = storePaths(dir);
    const before = { file: fs.statSync(paths.file).mtimeMs, text: fs.readFileSync(paths.file), backup: fs.readFileSync(paths.backup) };
    await new Promise((resolve) => setTimeout(resolve, 20));
    store.saveRuntimeState({ web: { state: 'down', downSince: 5 } });
    await store.flush();
    expect(readJson(paths.state)).toEqual({ version: 1, runtime: { web: { state: 'down', downSince: 5 } } });
    expect(fs.readFileSync(paths.file)).toEqual(before.text);
    expect(fs.statSync(paths.file).mtimeMs).toBe(before.file);
    expect(fs.readFileSync(paths.backup)).toEqual(before.backup);
  });

  it('keeps a change whose write failed in memory, says so, and writes it once the disk lets it', async () => {
    const dir = tempStoreDir();
    const errors: string[] = [];
    const { store } = openStore(dir, { writeDelayMs: 5, retryMs: 20, onWriteError: (file) => errors.push(file) });
    const paths = storePaths(dir);
    // A directory where the temporary file's rename must land makes every write fail.
    fs.rmSync(paths.file);
    fs.mkdirSync(paths.file);
    fs.writeFileSync(path.join(paths.file, 'keep'), 'x');
    store.saveMonitor(httpMonitor);
    await expect(store.flush()).rejects.toThrow();
    expect(store.monitors()).toEqual([httpMonitor]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((file) => file === paths.file)).toBe(true);
    fs.rmSync(paths.file, { recursive: true });
    await store.flush();
    expect(readJson(paths.file)).toEqual(expect.objectContaining({ monitors: [httpMonitor] }));
  });
});

describe('picket.json from before picket.state.json', () => {
  it('moves its runtime bookkeeping to picket.state.json, losing nothing, and removes it from picket.json', () => {
    const dir = tempStoreDir();
    const paths = storePaths(dir);
    const runtime = { web: { state: 'down', consecutiveFailures: 0, downSince: 7 }, 'cert.example': { lastReminderAt: 3 } };
    fs.writeFileSync(paths.file, JSON.stringify({ schemaVersion: 1, monitors: [httpMonitor], settings: DEFAULT_SETTINGS, runtime }));
    const { store, report } = openStore(dir);
    expect(report).toEqual({ recovered: false, droppedMonitors: [], resetFields: [] });
    expect(store.runtimeState()).toEqual(runtime);
    expect(readJson(paths.state)).toEqual({ version: 1, runtime });
    expect(readJson(paths.file)).not.toHaveProperty('runtime');
    expect(openStore(dir).store.runtimeState()).toEqual(runtime);
  });

  it('merges both when an older Picket wrote bookkeeping to picket.json again, the state file winning per monitor', () => {
    const dir = tempStoreDir();
    const paths = storePaths(dir);
    fs.writeFileSync(paths.state, JSON.stringify({ version: 1, runtime: { web: { n: 'state file' } } }));
    fs.writeFileSync(paths.file, JSON.stringify({ schemaVersion: 1, monitors: [], settings: DEFAULT_SETTINGS, runtime: { web: { n: 'old' }, db: { n: 'old' } } }));
    expect(openStore(dir).store.runtimeState()).toEqual({ web: { n: 'state file' }, db: { n: 'old' } });
  });

  it('moves a damaged state file aside and starts the bookkeeping afresh, keeping the monitors', () => {
    const dir = tempStoreDir();
    const paths = storePaths(dir);
    fs.writeFileSync(paths.file, JSON.stringify({ schemaVersion: 1, monitors: [httpMonitor], settings: DEFAULT_SETTINGS }));
    fs.writeFileSync(paths.state, '{ not json');
    const { store, report } = openStore(dir, { now: () => FIXED_NOW });
    expect(report.stateMovedAsideTo).toBe(path.join(dir, `picket.state.corrupt-${FIXED_STAMP}.json`));
    expect(fs.readFileSync(report.stateMovedAsideTo ?? '', 'utf8')).toBe('{ not json');
    expect(store.runtimeState()).toEqual({});
    expect(store.monitors()).toEqual([httpMonitor]);
  });
});
