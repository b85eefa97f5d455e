// "Add a Matrix homeserver" end to end: Chromium against `serve`, which discovers a fake homeserver on a free
// 127.0.0.1 port through --connect-to and --resolve, a loopback DNS server and a test CA, as a user's private
// network (or a server not yet in DNS) would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { makeLeafCert, writeCaFile } from '../fixtures/certificates.ts';
import { startDnsServer, type DnsServer } from '../fixtures/dns-server.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../fixtures/fake-homeserver.ts';
import { keyAnswer, makeSigningKey } from '../core/matrix/checks/matrix-fixtures.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startServe, type ServeProcess } from './serve-process.ts';
import { DAY_MS } from '../../electron/shared/time.ts';

let dir: string;
let dns: DnsServer;
let homeserver: FakeHomeserver;
let browser: LaunchedBrowser;
let serve: ServeProcess;
let page: Page;
let federationAnswers = true;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-e2e-matrix-'));
  const caFile = await writeCaFile();
  const key = makeSigningKey();
  // Delegated to port 443 through SRV only: a fixed TCP check of 8448 would report a false outage here.
  dns = await startDnsServer({
    '_matrix-fed._tcp.e2e.test': { SRV: [{ priority: 10, weight: 5, port: 443, target: 'matrix.e2e.test' }] },
  });
  const cert = await makeLeafCert({ commonName: 'e2e.test', altNames: ['e2e.test', 'matrix.e2e.test'] });
  homeserver = await startFakeHomeserver({
    names: ['e2e.test', 'matrix.e2e.test'],
    ports: [443],
    cert,
    wellKnownClient: { 'm.homeserver': { base_url: 'https://matrix.e2e.test' } },
    signingKey: () => keyAnswer({ serverName: 'e2e.test', validUntil: Date.now() + DAY_MS, keys: [key] }),
    handler: (req, res) => {
      if (federationAnswers || req.url !== '/_matrix/federation/v1/version') return false;
      res.writeHead(502).end('bad gateway');
      return true;
    },
  });
  const port = homeserver.realPorts.get(443);
  serve = await startServe([
    '--data',
    path.join(dir, 'data'),
    '--dns-server',
    dns.address,
    '--ca',
    caFile,
    // e2e.test straight to the fake; matrix.e2e.test keeps its name on the moved port, where --resolve answers.
    '--connect-to',
    `e2e.test:443:127.0.0.1:${port}`,
    '--connect-to',
    `matrix.e2e.test:443::${port}`,
    '--resolve',
    `matrix.e2e.test:${port}:127.0.0.1`,
  ]);
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await Promise.all([homeserver?.close(), dns?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('Add a Matrix homeserver, in a real browser', () => {
  it('takes the name as people paste it, and says up front when a name does not resolve', async () => {
    await page.goto(serve.url);
    await page.getByRole('button', { name: 'Add homeserver' }).click();
    await page.getByLabel('Server name').fill('  https://E2E.test/  ');
    await page.getByText('Picket will discover e2e.test, the host of https://E2E.test/.').waitFor();
    await page.getByRole('button', { name: 'Discover' }).click();
    await page.getByRole('heading', { name: 'What Picket found for e2e.test' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /^Create \d monitors$/ }).waitFor();

    await page.getByLabel('Server name').fill('@alice:nowhere.e2e.test');
    await page.getByRole('button', { name: 'Discover' }).click();
    await page.getByRole('heading', { name: 'What Picket found for nowhere.e2e.test' }).waitFor({ timeout: 15_000 });
    await page.getByText('nowhere.e2e.test does not resolve').waitFor();
    expect(await page.getByRole('button', { name: /^Create/ }).count()).toBe(0);
  });

  it('shows every discovery step, creates the group on the delegated port, and diagnoses a broken federation', async () => {
    await page.goto(serve.url);
    await page.getByRole('button', { name: 'Add a Matrix homeserver' }).click();
    await page.getByLabel('Server name').fill('e2e.test');
    await page.getByRole('button', { name: 'Discover' }).click();
    await page.getByText('matrix.e2e.test:443').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByText(/_matrix-fed\._tcp/).count()).toBeGreaterThan(0);
    // Found by SRV: the group also watches that record.
    await page.getByRole('button', { name: 'Create 7 monitors' }).click();

    // The group's monitors, including TCP on the delegated 443, not 8448, and the SRV record discovery followed.
    await page.locator('.monitor-row').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.monitor-row').count()).toBe(7);
    expect(await page.locator('.monitor-row', { hasText: 'delegation record' }).count()).toBe(1);
    await expect.poll(() => page.getByText(/matrix\.e2e\.test:443/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('.monitor-row', { hasText: ':8448' }).count()).toBe(0);
    await page.getByText('Healthy').first().waitFor({ timeout: 20_000 });

    // The federation listener breaks while the client API keeps answering: the header says so.
    federationAnswers = false;
    const federationRow = page.locator('.monitor-row', { hasText: 'Federation' }).first();
    await federationRow.click();
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.goto(`${serve.origin}/#/`);
    await expect.poll(() => page.getByText(/federation/i).filter({ hasText: /listener|delegation|broken/i }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
  });
});
