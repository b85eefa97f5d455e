// `npm run screenshots`: the list, a monitor's detail and the add form, in light and dark, written to
// docs/screenshots/ for the README. Real servers on loopback, and three days of history recorded through the
// history store beforehand, so the bars and charts show what a user sees after a few days.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { certValidForDays, writeCaFile } from '../fixtures/certificates.ts';
import { closedPort, startHttpServer } from '../fixtures/http-servers.ts';
import { PROJECT_ROOT } from '../cli/cli-process.ts';
import { makeLeafCert } from '../fixtures/certificates.ts';
import { startDnsServer } from '../fixtures/dns-server.ts';
import { startFakeHomeserver } from '../fixtures/fake-homeserver.ts';
import { keyAnswer, makeSigningKey } from '../core/matrix/checks/matrix-fixtures.ts';
import { launchBrowser } from './browser.ts';
import { recordPast } from './recorded-history.ts';
import { startServe } from './serve-process.ts';
import { DAY_MS } from '../../electron/shared/time.ts';

const OUT = path.join(PROJECT_ROOT, 'docs/screenshots');

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'picket-screenshots-'));
  // Realistic names, reached through serve's --connect-to rules (chat.example.net, example.org) and per-monitor connectTo
  // (status., docs.): the screenshots show what a user would type, never a 127.0.0.1:PORT test address.
  const slow = await startHttpServer((_req, res) => setTimeout(() => res.end('ok'), 350));
  const docs = await startHttpServer((_req, res) => res.end('<html>docs</html>'));
  const caFile = await writeCaFile();
  // Set up by hand the old way: a fixed TCP 8448 check of a server whose federation is on 443 reports a false outage.
  const chat = await startFakeHomeserver({
    names: ['chat.example.net'],
    ports: [443],
    cert: await certValidForDays(10, { commonName: 'chat.example.net', altNames: ['chat.example.net'] }),
  });
  // Nothing listens where chat.example.net:8448 leads: the fixed check's false outage.
  const nothingListens = await closedPort();
  const group = 'chat.example.net (set up by hand)';
  const monitors = [
    { id: 'client', name: 'Synapse Client API', group, type: 'http', url: 'https://chat.example.net/_matrix/client/versions', keyword: 'versions', cacheBust: true, tls: { caFile }, intervalSeconds: 30 },
    { id: 'federation', name: 'Synapse Federation API', group, type: 'http', url: 'https://chat.example.net/_matrix/federation/v1/version', keyword: 'Synapse', tls: { caFile }, intervalSeconds: 30 },
    { id: 'federation-tcp', name: 'Federation TCP 8448', group, type: 'tcp', host: 'chat.example.net', port: 8448, intervalSeconds: 30 },
    { id: 'certificate', name: 'chat.example.net certificate', group, type: 'tls', host: 'chat.example.net', port: 443, tls: { caFile }, intervalSeconds: 60 },
    { id: 'status', name: 'Status page', type: 'http', url: 'http://status.example.net/', connectTo: `127.0.0.1:${slow.port}`, slowResponseMs: 300, intervalSeconds: 30 },
    { id: 'docs', name: 'Documentation', type: 'http', url: 'http://docs.example.net/', connectTo: `127.0.0.1:${docs.port}`, intervalSeconds: 30 },
  ];
  await mkdir(path.join(dir, 'data'), { recursive: true });
  await recordPast(path.join(dir, 'data/history'), [
    { id: 'client', base: 40, outageHoursAgo: 30 },
    { id: 'federation', base: 55, outageHoursAgo: 30 },
    { id: 'federation-tcp', base: 3 },
    { id: 'certificate', base: 8 },
    { id: 'status', base: 320 },
    { id: 'docs', base: 25 },
  ]);
  // A Matrix homeserver delegated to port 443 by SRV, on a free loopback port that --connect-to sends its
  // names to, whose federation listener is broken: the group header shows the diagnosis.
  const key = makeSigningKey();
  const dns = await startDnsServer({ '_matrix-fed._tcp.example.org': { SRV: [{ priority: 10, weight: 5, port: 443, target: 'matrix.example.org' }] } });
  const homeserver = await startFakeHomeserver({
    names: ['example.org', 'matrix.example.org'],
    ports: [443],
    cert: await makeLeafCert({ commonName: 'example.org', altNames: ['example.org', 'matrix.example.org'] }),
    wellKnownClient: { 'm.homeserver': { base_url: 'https://matrix.example.org' } },
    signingKey: () => keyAnswer({ serverName: 'example.org', validUntil: Date.now() + DAY_MS, keys: [key] }),
    handler: (req, res) => {
      if (!brokenFederation || req.url !== '/_matrix/federation/v1/version') return false;
      res.writeHead(502).end('bad gateway');
      return true;
    },
  });
  let brokenFederation = false;
  const config = path.join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ version: 1, settings: { referenceTarget: `127.0.0.1:${docs.port}` }, monitors }));
  const serve = await startServe([
    '--data', path.join(dir, 'data'), '--config', config,
    '--dns-server', dns.address, '--ca', caFile,
    ...[...homeserver.connectToFlags, ...chat.connectToFlags, `chat.example.net:8448:127.0.0.1:${nothingListens}`].flatMap((rule) => ['--connect-to', rule]),
  ]);
  const browser = await launchBrowser();
  await mkdir(OUT, { recursive: true });
  try {
    const call = async (name: string, params: unknown): Promise<void> => {
      const response = await fetch(`${serve.origin}/api/request`, {
        method: 'POST',
        headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, params }),
      });
      if (!response.ok) throw new Error(`${name}: ${await response.text()}`);
    };
    await call('addHomeserver', { serverName: 'example.org' });
    brokenFederation = true;
    // Give every monitor its first checks (the first are spread over a few seconds).
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await call('checkNow', {});
    await call('checkNow', {});
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(serve.url);
      await page.getByText('Synapse Client API').first().waitFor();
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: path.join(OUT, `list-${scheme}.png`) });
      await page.getByText('Synapse Client API').first().click();
      await page.getByRole('heading', { name: 'Synapse Client API' }).waitFor();
      await page.getByRole('button', { name: '7 d' }).click();
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: path.join(OUT, `detail-${scheme}.png`), fullPage: true });
      await page.goto(`${serve.origin}/#/add`);
      await page.getByLabel('Name', { exact: true }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Homeserver media');
      await page.getByLabel(/^URL/).fill('matrix.example.org/_matrix/media/v3/config');
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(OUT, `add-form-${scheme}.png`) });
      await page.goto(`${serve.origin}/#/add-homeserver`);
      await page.getByLabel('Server name').fill('example.org');
      await page.getByRole('button', { name: 'Discover' }).click();
      await page.getByText('What Picket found').waitFor();
      await page.screenshot({ path: path.join(OUT, `add-homeserver-${scheme}.png`), fullPage: true });
      await context.close();
    }
  } finally {
    await browser.close();
    await serve.stop();
    await Promise.all([slow.close(), docs.close(), chat.close(), homeserver.close(), dns.close()]);
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(`screenshots written to ${OUT}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
