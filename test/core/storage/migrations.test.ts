import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NewerStoreVersionError, storePaths } from '../../../electron/core/storage/index.ts';
import { migrateToCurrent, type Migration } from '../../../electron/core/storage/migrations.ts';
import { DEFAULT_SETTINGS } from '../../../electron/shared/defaults.ts';
import { openStore, FIXED_NOW, FIXED_STAMP, readJson, removeTempStoreDirs, tempStoreDir } from './store-fixtures.ts';

afterEach(removeTempStoreDirs);

/** The layout before schemaVersion existed: monitors keyed by id, timeout in milliseconds, alertState. */
const version0 = {
  monitors: {
    web: { type: 'http', name: 'Web', url: 'http://127.0.0.1:8080/', timeout: 2500, intervalSeconds: 30 },
    db: { type: 'tcp', host: '127.0.0.1', port: 5432 },
  },
  settings: { rawRetentionDays: 5 },
  alertState: { web: { remindersSent: [] } },
};

describe('migration from version 0', () => {
  it('converts the layout, reports it, and keeps a copy of the original bytes', () => {
    const dir = tempStoreDir();
    const original = JSON.stringify(version0, undefined, 2);
    fs.writeFileSync(storePaths(dir).file, original);

    const { store, report } = openStore(dir, { now: () => FIXED_NOW });

    expect(report.migratedFrom).toBe(0);
    expect(report.recovered).toBe(false);
    expect(report.droppedMonitors).toEqual([]);
    const web = store.monitors().find((m) => m.id === 'web');
    expect(web).toEqual(expect.objectContaining({ type: 'http', name: 'Web', timeoutSeconds: 2.5, intervalSeconds: 30 }));
    expect(web).not.toHaveProperty('timeout');
    expect(store.monitors().map((m) => m.id)).toEqual(['web', 'db']);
    expect(store.settings()).toEqual({ ...DEFAULT_SETTINGS, rawRetentionDays: 5 });
    expect(store.runtimeState()).toEqual({ web: { remindersSent: [] } });
    expect(readJson(storePaths(dir).file)).toEqual(expect.objectContaining({ schemaVersion: 1 }));
    expect(report.preMigrationCopy).toBe(path.join(dir, `picket.v0-${FIXED_STAMP}.json`));
    expect(fs.readFileSync(report.preMigrationCopy as string, 'utf8')).toBe(original);

    // Migrated once: the next open finds a current file.
    expect(openStore(dir).report).toEqual({ recovered: false, droppedMonitors: [], resetFields: [] });
  });

  it('drops only a version-0 monitor that is invalid after conversion, naming it', () => {
    const dir = tempStoreDir();
    const withBad = { ...version0, monitors: { ...version0.monitors, broken: { type: 'tcp', host: '127.0.0.1', port: 70_000 } } };
    fs.writeFileSync(storePaths(dir).file, JSON.stringify(withBad));
    const { store, report } = openStore(dir, { now: () => FIXED_NOW });
    expect(report.migratedFrom).toBe(0);
    expect(report.recovered).toBe(true);
    expect(report.droppedMonitors).toEqual([{ index: 2, id: 'broken', reason: expect.stringMatching(/port/) }]);
    expect(store.monitors().map((m) => m.id)).toEqual(['web', 'db']);
  });

  it('names the field when a version-0 timeout is not a number', () => {
    const dir = tempStoreDir();
    fs.writeFileSync(storePaths(dir).file, JSON.stringify({ monitors: { db: { type: 'tcp', host: 'localhost', port: 1, timeout: 'soon' } } }));
    const { report } = openStore(dir, { now: () => FIXED_NOW });
    expect(report.droppedMonitors).toEqual([{ index: 0, id: 'db', reason: expect.stringMatching(/timeout/) }]);
  });
});

describe('migration machinery', () => {
  // Two made-up steps show the list runs in order, each from the version the previous one produced.
  const steps: Migration[] = [
    { from: 1, description: 'b', migrate: (d) => ({ ...d, trail: [...(d.trail as string[]), 'second'] }) },
    { from: 0, description: 'a', migrate: (d) => ({ ...d, trail: ['first'] }) },
  ];

  it('runs every step from the file version up to the current one, in order', () => {
    expect(migrateToCurrent({}, steps, 2)).toEqual({ document: { schemaVersion: 2, trail: ['first', 'second'] }, migratedFrom: 0 });
    expect(migrateToCurrent({ schemaVersion: 1, trail: ['kept'] }, steps, 2)).toEqual({
      document: { schemaVersion: 2, trail: ['kept', 'second'] },
      migratedFrom: 1,
    });
  });

  it('leaves a current document alone', () => {
    expect(migrateToCurrent({ schemaVersion: 2, x: 1 }, steps, 2)).toEqual({ document: { schemaVersion: 2, x: 1 } });
  });

  it('fails clearly on a missing step or an impossible version', () => {
    expect(() => migrateToCurrent({ schemaVersion: 1 }, steps, 3)).toThrow(/no migration from version 2/);
    expect(() => migrateToCurrent({ schemaVersion: '1' }, steps, 2)).toThrow(/schemaVersion/);
    expect(() => migrateToCurrent({ schemaVersion: -1 }, steps, 2)).toThrow(/schemaVersion/);
  });

  it('refuses a file from a newer Picket and does not touch it', () => {
    const dir = tempStoreDir();
    const text = JSON.stringify({ schemaVersion: 2, monitors: [], settings: {}, runtime: {}, newThing: true });
    fs.writeFileSync(storePaths(dir).file, text);
    expect(() => openStore(dir)).toThrow(NewerStoreVersionError);
    expect(() => openStore(dir)).toThrow(/schemaVersion/);
    expect(fs.readFileSync(storePaths(dir).file, 'utf8')).toBe(text);
    expect(fs.readdirSync(dir)).toEqual(['picket.json']);
  });
});
