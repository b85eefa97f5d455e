import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImportFileError, readForeignImport } from '../../../electron/core/import/foreign-import.ts';
import { parseGoDuration } from '../../../electron/core/import/durations.ts';
import { previewText } from '../../../electron/shared/import-types.ts';
import { writeKumaDatabase } from '../../fixtures/uptime-kuma-db.ts';

const GATUS_CONFIG = fileURLToPath(new URL('../../fixtures/gatus/config.yaml', import.meta.url));
let dir: string;
let kumaDb: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-import-'));
  kumaDb = path.join(dir, 'kuma.db');
  writeKumaDatabase(
    kumaDb,
    [
      { id: 1, name: 'Production', type: 'group' },
      { id: 2, name: 'Website', type: 'http', url: 'https://example.test/', interval: 60, maxretries: 2, timeout: 48, parent: 1, expiry_notification: 1, resend_interval: 10 },
      {
        id: 3,
        name: 'Status keyword',
        type: 'keyword',
        url: 'http://status.example.test/health',
        keyword: 'All good',
        invert_keyword: 1,
        method: 'post',
        body: '{"a":1}',
        headers: '{"X-Token":"abc"}',
        accepted_statuscodes_json: '["200-299","301"]',
        ignore_tls: 1,
        maxredirects: 0,
        basic_auth_user: 'me',
        basic_auth_pass: 'secret',
        auth_method: 'basic',
        interval: 30,
        timeout: 0,
        active: 0,
        expiry_notification: 0,
        cache_bust: 1,
      },
      { id: 4, name: 'Postgres', type: 'port', hostname: 'db.example.test', port: 5432, interval: 20, parent: 1 },
      { id: 5, name: 'Router', type: 'ping', hostname: '192.0.2.1' },
      { id: 6, name: 'Docker app', type: 'docker', docker_container: 'app' },
      { id: 7, name: 'Upside', type: 'http', url: 'https://down.example.test/', upside_down: 1 },
      { id: 8, name: 'Website', type: 'http', url: 'http://second.example.test/', method: 'PUT' },
      { id: 9, name: 'API', type: 'group', parent: 1 },
      { id: 10, name: 'API health', type: 'http', url: 'https://api.example.test/health', parent: 9, expiry_notification: 0, interval: 20 },
    ],
    2,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Uptime Kuma import (kuma.db, read-only)', () => {
  it('takes http, keyword and port monitors with their settings, groups and certificate expiry', async () => {
    const imported = await readForeignImport('uptime-kuma', kumaDb);
    expect(imported.monitors).toEqual([
      {
        id: 'kuma-website',
        type: 'http',
        name: 'Website',
        url: 'https://example.test/',
        method: 'GET',
        expectedStatus: ['200-299'],
        maxRedirects: 10,
        intervalSeconds: 60,
        timeoutSeconds: 48,
        failureThreshold: 3,
        reminderIntervalMinutes: 10,
        group: 'Production',
      },
      {
        id: 'kuma-website-certificate',
        type: 'tls',
        name: 'Website certificate',
        host: 'example.test',
        port: 443,
        intervalSeconds: 60,
        timeoutSeconds: 48,
        failureThreshold: 1,
        reminderIntervalMinutes: 10,
        group: 'Production',
      },
      {
        id: 'kuma-status-keyword',
        type: 'http',
        name: 'Status keyword',
        url: 'http://status.example.test/health',
        method: 'POST',
        body: '{"a":1}',
        headers: { 'X-Token': 'abc' },
        expectedStatus: ['200-299', '301'],
        keyword: 'All good',
        keywordInvert: true,
        maxRedirects: 0,
        cacheBust: true,
        tls: { ignoreErrors: true },
        auth: { type: 'basic', username: 'me', password: 'secret' },
        intervalSeconds: 30,
        timeoutSeconds: 24,
        failureThreshold: 1,
        paused: true,
      },
      { id: 'kuma-postgres', type: 'tcp', name: 'Postgres', host: 'db.example.test', port: 5432, intervalSeconds: 20, timeoutSeconds: 16, failureThreshold: 1, group: 'Production' },
      {
        id: 'kuma-api-health',
        type: 'http',
        name: 'API health',
        url: 'https://api.example.test/health',
        method: 'GET',
        expectedStatus: ['200-299'],
        maxRedirects: 10,
        intervalSeconds: 20,
        timeoutSeconds: 16,
        failureThreshold: 1,
        group: 'Production / API',
      },
    ]);
  });

  it('opens kuma.db read-only: the file and its folder are unchanged', async () => {
    const digest = async (): Promise<string> => createHash('sha256').update(await readFile(kumaDb)).digest('hex');
    const before = { hash: await digest(), files: await readdir(dir) };
    await readForeignImport('uptime-kuma', kumaDb);
    expect({ hash: await digest(), files: await readdir(dir) }).toEqual(before);
  });

  it('lists every monitor and setting it cannot take, with the reason', async () => {
    const imported = await readForeignImport('uptime-kuma', kumaDb);
    expect(imported.skipped).toEqual([
      { name: 'Router', reason: 'Uptime Kuma\'s "ping" monitors have no Picket equivalent (Picket checks http, tcp and tls)' },
      { name: 'Docker app', reason: 'Uptime Kuma\'s "docker" monitors have no Picket equivalent (Picket checks http, tcp and tls)' },
      { name: 'Upside', reason: 'upside-down mode (down counts as up) has no Picket equivalent' },
      { name: 'Website', reason: 'method PUT: Picket sends GET, HEAD or POST' },
      { name: '2 notification channels', reason: 'notification channels are not imported; set up alerting in Picket' },
    ]);
    expect(previewText(imported)).toMatch(/^5 monitors will be imported, 5 things cannot be, and why:\n {2}- Router: Uptime Kuma's "ping" monitors/);
  });

  it('says clearly when the file is not a Kuma database', async () => {
    const notDb = path.join(dir, 'not.db');
    await writeFile(notDb, 'hello, this is not SQLite');
    await expect(readForeignImport('uptime-kuma', notDb)).rejects.toThrow(ImportFileError);
    await expect(readForeignImport('uptime-kuma', notDb)).rejects.toThrow(/cannot be read as Uptime Kuma's SQLite database/);
    await expect(readForeignImport('uptime-kuma', path.join(dir, 'missing.db'))).rejects.toThrow(/missing\.db does not exist/);
  });
});

describe('Gatus import (YAML config)', () => {
  it('takes http(s), tcp:// and tls:// endpoints with interval, group, client and the conditions Picket has', async () => {
    const imported = await readForeignImport('gatus', GATUS_CONFIG);
    expect(imported.monitors).toEqual([
      {
        id: 'gatus-website',
        type: 'http',
        name: 'website',
        url: 'https://example.test/health',
        method: 'GET',
        expectedStatus: ['200'],
        keyword: 'healthy',
        slowResponseMs: 500,
        intervalSeconds: 300,
        timeoutSeconds: 10,
        group: 'core',
        failureThreshold: 3,
      },
      {
        id: 'gatus-website-certificate',
        type: 'tls',
        name: 'website certificate',
        host: 'example.test',
        port: 443,
        expiryWarningDays: [2],
        intervalSeconds: 300,
        timeoutSeconds: 10,
        group: 'core',
        failureThreshold: 1,
      },
      {
        id: 'gatus-api',
        type: 'http',
        name: 'api',
        url: 'https://api.example.test/v1/status',
        method: 'POST',
        body: '{"ping": true}',
        headers: { 'Content-Type': 'application/json' },
        expectedStatus: ['100-299'],
        tls: { ignoreErrors: true },
        intervalSeconds: 60,
        timeoutSeconds: 5,
        group: 'core',
      },
      { id: 'gatus-database', type: 'tcp', name: 'database', host: 'db.example.test', port: 5432, intervalSeconds: 30, timeoutSeconds: 10 },
      { id: 'gatus-mail-certificate', type: 'tls', name: 'mail certificate', host: 'mail.example.test', port: 465, expiryWarningDays: [30], intervalSeconds: 3600, timeoutSeconds: 10 },
    ]);
  });

  it('lists unsupported endpoints and conditions instead of dropping them', async () => {
    const imported = await readForeignImport('gatus', GATUS_CONFIG);
    expect(imported.skipped).toEqual([
      { name: 'website', reason: 'condition "[RESPONSE_TIME] < 500": imported as slowResponseMs, which Picket shows as a warning; Gatus counts a slower answer as down' },
      { name: 'api', reason: 'condition "[BODY].status == UP": Picket has no equivalent for this condition' },
      { name: 'router', reason: 'icmp:// endpoints have no Picket equivalent (Picket checks http(s), tcp and tls)' },
      { name: 'resolver', reason: 'DNS queries have no Picket equivalent' },
      { name: 'alerting', reason: 'alert providers are not imported; set up alerting in Picket' },
    ]);
  });

  it('names the file and the problem for YAML that is broken or not a Gatus config', async () => {
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, 'endpoints:\n  - name: [unclosed\n');
    await expect(readForeignImport('gatus', broken)).rejects.toThrow(/broken\.yaml is not valid YAML/);
    const other = path.join(dir, 'other.yaml');
    await writeFile(other, 'services: []\n');
    await expect(readForeignImport('gatus', other)).rejects.toThrow(/other\.yaml has no "endpoints" list/);
  });

  it('reads Go durations', () => {
    expect(parseGoDuration('1m30s')).toBe(90);
    expect(parseGoDuration('500ms')).toBe(0.5);
    expect(parseGoDuration('48h')).toBe(172_800);
    expect(parseGoDuration('soon')).toBeUndefined();
  });
});
