// Settings → Import from Uptime Kuma or Gatus, end to end: Debian's Chromium against `picket serve`.
// The preview shows what cannot come along; nothing is saved until the user confirms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { fromMonitorList, type MonitorList } from '../../electron/shared/monitor-list.ts';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { writeKumaDatabase } from '../fixtures/uptime-kuma-db.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

let dir: string;
let browser: LaunchedBrowser;
let serve: ServeProcess;
let target: TestServer;
let page: Page;
const pageErrors: string[] = [];

async function monitorNames(): Promise<string[]> {
  const response = await fetch(`${serve.origin}/api/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.token}`, origin: serve.origin },
    body: JSON.stringify({ name: 'listMonitors', params: {} }),
  });
  const body = (await response.json()) as { result: MonitorList };
  return fromMonitorList(body.result).map((item) => item.name).sort();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-e2e-import-'));
  target = await startHttpServer((_req, res) => res.end('all systems healthy'));
  const config = path.join(dir, 'seed.json');
  await writeFile(config, JSON.stringify({ version: 1, settings: { referenceTarget: `127.0.0.1:${target.port}` }, monitors: [] }));
  serve = await startServe(['--data', path.join(dir, 'data'), '--config', config]);
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(serve.url);
  await page.getByText('No monitors yet').waitFor();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Settings → Import from Uptime Kuma or Gatus', () => {
  it('previews a Gatus config, saves nothing until confirmed, then imports and checks the monitors', async () => {
    const gatus = path.join(dir, 'config.yaml');
    await writeFile(
      gatus,
      [
        'endpoints:',
        '  - name: Homepage',
        `    url: "${target.url}/"`,
        '    interval: 1s',
        '    conditions: ["[STATUS] == 200", "[BODY] == pat(*healthy*)"]',
        '  - name: Ping router',
        '    url: "icmp://127.0.0.1"',
        '',
      ].join('\n'),
    );
    await page.getByLabel('Gatus (config.yaml)').check();
    await page.getByLabel('Gatus file').setInputFiles(gatus);
    const preview = page.getByRole('region', { name: 'Import preview' });
    await preview.getByText('1 monitor will be imported, 1 thing cannot be, and why:').waitFor();
    await preview.getByText(/icmp:\/\/ endpoints have no Picket equivalent/).waitFor();
    expect(await monitorNames()).toEqual([]);

    await page.getByRole('button', { name: 'Import 1 monitor' }).click();
    await page.getByText('Imported: 1 added, 0 updated.').waitFor();
    expect(await monitorNames()).toEqual(['Homepage']);
    await page.getByRole('button', { name: 'Close' }).first().click();
    await page.getByText('Homepage').first().click();
    await page.locator('.detail-title').getByText('Up', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
  }, 40_000);

  it('previews an Uptime Kuma database and names what it cannot import', async () => {
    const kuma = path.join(dir, 'kuma.db');
    writeKumaDatabase(kuma, [
      { id: 1, name: 'Kuma port', type: 'port', hostname: '127.0.0.1', port: target.port, interval: 20 },
      { id: 2, name: 'Kuma DNS', type: 'dns', hostname: 'example.test' },
    ]);
    await page.getByLabel('Uptime Kuma (kuma.db)').check();
    await page.getByLabel('Uptime Kuma file').setInputFiles(kuma);
    const preview = page.getByRole('region', { name: 'Import preview' });
    await preview.getByText('1 monitor will be imported, 1 thing cannot be, and why:').waitFor();
    await preview.getByText(/"dns" monitors have no Picket equivalent/).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await monitorNames()).toEqual(['Homepage']);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
