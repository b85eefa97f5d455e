// The store's "homeservers" record: optional, validated, round-tripped, and recovered record by record.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, storePaths, type HomeserverRecord } from '../../../../electron/core/storage/index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'picket-homeservers-'));
  dirs.push(dir);
  return dir;
}

const record: HomeserverRecord = {
  discoveredAt: 1_700_000_000_000,
  discovery: {
    serverName: 'example.org',
    federation: { host: 'matrix.example.org', port: 443, hostHeader: 'matrix.example.org:443', tlsServerName: 'matrix.example.org', via: 'well-known-port', verified: true },
    client: { baseUrl: 'https://matrix.example.org', verified: true },
    wellKnownCacheMs: 86_400_000,
    steps: [{ step: 'well-known', tried: 'https://example.org/.well-known/matrix/server', found: 'm.server "matrix.example.org:443"' }],
  },
};

describe('the homeservers record', () => {
  it('is absent (and {}) until the first is saved, then survives close and reopen', async () => {
    const dir = tempDir();
    const { store } = openStore(dir);
    expect(store.homeservers()).toEqual({});
    expect(fs.readFileSync(storePaths(dir).file, 'utf8')).not.toContain('homeservers');
    store.saveHomeserver('example.org', record);
    store.saveHomeserver('other.org', { ...record, discoveredAt: 5 });
    await store.flush();
    const reopened = openStore(dir);
    expect(reopened.report).toEqual({ recovered: false, droppedMonitors: [], resetFields: [] });
    expect(reopened.store.homeservers()).toEqual({ 'example.org': record, 'other.org': { ...record, discoveredAt: 5 } });
  });

  it('refuses an invalid record naming the field, changing nothing', () => {
    const dir = tempDir();
    const { store } = openStore(dir);
    const bad = { ...record, discovery: { ...record.discovery, federation: { ...record.discovery.federation, port: 0 } } };
    expect(() => store.saveHomeserver('example.org', bad)).toThrow(/homeservers\["example\.org"\]\.discovery\.federation\.port: must be at least 1 \(got 0\)/);
    expect(() => store.saveHomeserver('example.org', { discovery: record.discovery } as HomeserverRecord)).toThrow(/homeservers\["example\.org"\]\.discoveredAt: is required/);
    expect(store.homeservers()).toEqual({});
  });

  it('drops a damaged record on open and keeps the others', async () => {
    const dir = tempDir();
    const opened = openStore(dir).store;
    opened.saveHomeserver('example.org', record);
    await opened.flush();
    const file = JSON.parse(fs.readFileSync(storePaths(dir).file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(storePaths(dir).file, JSON.stringify({ ...file, homeservers: { 'example.org': record, 'broken.org': { discovery: 'x', discoveredAt: 1 } } }));
    const { store, report } = openStore(dir);
    expect(report.resetFields).toEqual([{ field: 'homeservers.broken.org', reason: expect.stringContaining('homeservers["broken.org"].discovery') }]);
    expect(store.homeservers()).toEqual({ 'example.org': record });
  });
});
