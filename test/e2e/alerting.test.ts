// Alert channels end to end: in Chromium against `picket serve`, the user adds a webhook channel in Settings,
// sends a test alert (and sees the answer), then a monitor goes down and the receiver gets the alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startAlertReceiver, type AlertReceiver } from '../fixtures/alert-receiver.ts';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

let dir: string;
let browser: LaunchedBrowser;
let serve: ServeProcess;
let target: TestServer;
let receiver: AlertReceiver;
let page: Page;
let healthy = true;
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-e2e-alerts-'));
  target = await startHttpServer((_req, res) => {
    res.statusCode = healthy ? 200 : 502;
    res.end(healthy ? 'ok' : 'bad gateway');
  });
  receiver = await startAlertReceiver();
  const config = path.join(dir, 'seed.json');
  await writeFile(
    config,
    JSON.stringify({
      version: 1,
      settings: { referenceTarget: `127.0.0.1:${target.port}` },
      monitors: [{ id: 'client-api', name: 'Client API', type: 'http', url: `${target.url}/versions`, intervalSeconds: 1, timeoutSeconds: 1, failureThreshold: 1 }],
    }),
  );
  serve = await startServe(['--data', path.join(dir, 'data'), '--config', config]);
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await Promise.all([target?.close(), receiver?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('alert channels in the browser', () => {
  it('adds a webhook channel, sends a test alert, and the receiver gets a monitor\'s down alert', async () => {
    await page.goto(serve.url);
    await page.getByText('Client API').first().waitFor();
    // As the Settings button does: the route lives in the hash (the token has already left it).
    await page.evaluate('window.location.hash = "#/settings"');
    await page.getByRole('heading', { name: 'Alert channels' }).waitFor();
    // Under serve the desktop-only settings are not offered.
    expect(await page.getByLabel('Start Picket at login').count()).toBe(0);

    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByLabel('Provider').selectOption('webhook');
    await page.getByLabel('Name', { exact: true }).fill('Team hook');
    await page.getByLabel('Webhook URL').fill('not a url');
    await page.getByText('"not a url" has no scheme').waitFor();
    await page.getByLabel('Webhook URL').fill(`${receiver.url}/team-hook`);
    await page.getByRole('button', { name: 'Send test alert' }).click();
    await page.getByText('Sent: 200 OK').waitFor({ timeout: 15_000 });
    expect(receiver.json(0)).toMatchObject({ version: 1, test: true, summary: 'Test alert from Picket' });
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByText('Team hook').waitFor();

    healthy = false;
    await receiver.waitFor(2, 15_000);
    expect(receiver.json(1)).toMatchObject({ version: 1, alerts: [{ kind: 'down', monitorId: 'client-api', monitorName: 'Client API', message: expect.stringContaining('502') }] });
    // The list shows the delivery went through.
    await expect.poll(() => page.getByText(/Last delivery: (?!never)/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
