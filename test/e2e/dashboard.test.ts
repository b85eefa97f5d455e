// The dashboard end to end: Debian's Chromium (playwright-core) against `picket serve` and a real local
// HTTP server, under the same Content-Security-Policy the app ships with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { request } from 'undici';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

let dir: string;
let browser: LaunchedBrowser;
let serve: ServeProcess;
let target: TestServer;
let page: Page;
const pageErrors: string[] = [];

/** A server the monitor watches; stopping it closes its port, so the check sees a refusal. */
function startTarget(port = 0): Promise<TestServer> {
  return startHttpServer((_req, res) => res.end('{"versions":["v1.11"]}'), port);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-e2e-'));
  target = await startTarget();
  // A reference target on loopback: the offline guard never reaches for the internet in tests.
  const config = path.join(dir, 'seed.json');
  await writeFile(config, JSON.stringify({ version: 1, settings: { referenceTarget: `127.0.0.1:${target.port}` }, monitors: [] }));
  serve = await startServe(['--data', path.join(dir, 'data'), '--config', config]);
  browser = await launchBrowser();
  const context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the dashboard in a real browser', () => {
  it('refuses the API without the token, and the page without it cannot load monitors', async () => {
    const refused = await request(`${serve.origin}/api/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'listMonitors', params: {} }),
    });
    expect(refused.statusCode).toBe(401);
    await refused.body.dump();
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`${serve.origin}/`);
    await expect.poll(() => strangerPage.getByText(/access token/i).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await stranger.close();
  });

  it('shows the empty state, then adds an HTTP monitor through the form and sees it go up', async () => {
    await page.goto(serve.url);
    await page.getByText('No monitors yet').waitFor();
    await page.getByRole('button', { name: 'Add monitor' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('Client API');
    await page.getByLabel(/^URL/).fill(`${target.url}/_matrix/client/versions`);
    await page.getByLabel('Keyword', { exact: true }).fill('versions');
    await page.getByLabel('Interval (seconds)').fill('1');
    await page.getByLabel('Timeout (seconds)').fill('1');
    await page.getByLabel('Failure threshold').fill('1');
    await page.getByRole('button', { name: 'Test now' }).click();
    await page.getByLabel('Test result').getByText(/200/).first().waitFor();
    await page.getByRole('button', { name: 'Add monitor' }).last().click();
    await page.getByRole('heading', { name: 'Client API' }).waitFor();
    await page.locator('.detail-title').getByText('Up', { exact: true }).waitFor({ timeout: 15_000 });
  });

  it('sees the monitor go down when its server stops, with the incident listed', async () => {
    const port = target.port;
    await target.close();
    await page.locator('.detail-title').getByText('Down', { exact: true }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByText(/connection refused/i).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('section', { has: page.getByRole('heading', { name: 'Incidents' }) }).getByText(/ongoing/i).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Bring it back on the same port so the edit below watches a live server again.
    target = await startTarget(port);
  });

  it('edits the monitor', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Client API (edited)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Client API (edited)' }).waitFor();
  });

  it('exports the config and imports another one', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    // One click downloads the file.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export config' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8')) as { version: number; monitors: Array<{ name: string }> };
    expect(exported.version).toBe(1);
    expect(exported.monitors.map((m) => m.name)).toEqual(['Client API (edited)']);

    const imported = { version: 1, monitors: [{ id: 'fed-tcp', name: 'Federation TCP', type: 'tcp', host: '127.0.0.1', port: target.port, intervalSeconds: 1, timeoutSeconds: 1 }] };
    await page.getByLabel('Config JSON').fill(JSON.stringify(imported));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('fed-tcp').first().waitFor();
    await page.getByLabel('Config JSON').fill('{"version": 1, "monitors": [{"id": "bad", "type": "tcp", "host": "h", "port": 70000}]}');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/monitors\[0\]\.port/).first().waitFor();
  });

  it('saves settings and keeps them across a reload', async () => {
    await page.getByLabel('Dark').check();
    await page.getByLabel('Keep raw results (days)').fill('3');
    await page.getByRole('button', { name: /Save/ }).first().click();
    await expect.poll(() => page.locator('html').getAttribute('class')).toContain('theme-dark');
    await page.reload();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect.poll(() => page.getByLabel('Keep raw results (days)').inputValue()).toBe('3');
    expect(await page.getByLabel('Dark').isChecked()).toBe(true);
  });

  it('deletes a monitor', async () => {
    await page.goto(`${serve.origin}/#/`);
    await page.getByText('Federation TCP').first().click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: /^Delete Federation TCP/ }).click();
    await page.getByText('Client API (edited)').first().waitFor();
    await expect.poll(() => page.getByText('Federation TCP').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
