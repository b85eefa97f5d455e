import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { cleanUp, openService, rejection, tempDataDir } from './service-fixtures.ts';
import { MONITOR_LIST_FIELDS } from '../../../electron/shared/monitor-list.ts';

const GATUS_CONFIG = fileURLToPath(new URL('../../fixtures/gatus/config.yaml', import.meta.url));

afterEach(cleanUp);

describe('previewImport', () => {
  it('converts the file and changes nothing; importConfig with its monitors then adds them', async () => {
    const service = await openService(tempDataDir());
    const file = (await readFile(GATUS_CONFIG)).toString('base64');
    const preview = await service.handle('previewImport', { source: 'gatus', file });
    expect(preview.monitors.map((m) => m.id)).toEqual(['gatus-website', 'gatus-website-certificate', 'gatus-api', 'gatus-database', 'gatus-mail-certificate']);
    expect(preview.skipped.map((s) => s.name)).toEqual(['website', 'api', 'router', 'resolver', 'alerting']);
    expect(preview.replacing).toEqual([]);
    expect(await service.handle('listMonitors', {})).toEqual(expect.objectContaining({ fields: [...MONITOR_LIST_FIELDS], rows: [] }));

    // Paused so nothing is checked: the hosts are made up.
    const monitors = preview.monitors.map((m) => ({ ...m, paused: true }));
    const outcome = await service.handle('importConfig', { json: JSON.stringify({ version: 1, monitors }), mode: 'merge' });
    expect(outcome.added).toHaveLength(5);
    const again = await service.handle('previewImport', { source: 'gatus', file });
    expect(again.replacing).toHaveLength(5);
  });

  it('names the problem without the temp path, for a file that is not what it should be', async () => {
    const service = await openService(tempDataDir());
    const notSqlite = await rejection(service.handle('previewImport', { source: 'uptime-kuma', file: Buffer.from('not sqlite').toString('base64') }));
    expect(notSqlite).toMatchObject({ code: 'invalid-params' });
    expect(notSqlite.message).toMatch(/^the file cannot be read as Uptime Kuma's SQLite database/);
    const badYaml = await rejection(service.handle('previewImport', { source: 'gatus', file: Buffer.from('a: [').toString('base64') }));
    expect(badYaml.message).toMatch(/^the file is not valid YAML/);
    const badSource = await rejection(service.handle('previewImport', { source: 'nagios', file: '' }));
    expect(badSource).toMatchObject({ code: 'invalid-params' });
    expect(badSource.message).toContain('source');
  });
});
