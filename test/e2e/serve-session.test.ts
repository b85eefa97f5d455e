// A home server's day in a real browser (Debian's Chromium, playwright-core): sign in once with the printed
// URL, then the session cookie carries the open tab and a bookmark across a restart of serve; a rotated
// token signs the tab out, and a browser without token or session is told how to get the link again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { runCli } from '../cli/cli-process.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

let dir: string;
let data: string;
let seed: string;
let reference: TestServer;
let browser: LaunchedBrowser;
let serve: ServeProcess | undefined;
let context: BrowserContext;
let page: Page;

const LOST_TOKEN_HEADING = 'Open Picket with its access link';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-session-'));
  data = path.join(dir, 'data');
  reference = await startHttpServer((_req, res) => res.end('ok'));
  seed = path.join(dir, 'seed.json');
  await writeFile(seed, JSON.stringify({ version: 1, settings: { referenceTarget: `127.0.0.1:${reference.port}` }, monitors: [] }));
  serve = await startServe(['--data', data, '--config', seed]);
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await reference?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serve sessions in a real browser', () => {
  it('signs in from the printed URL, drops the token from the address bar and holds an HttpOnly, SameSite=Strict cookie', async () => {
    const current = serve as ServeProcess;
    await page.goto(current.url);
    await page.getByText('No monitors yet').waitFor();
    await expect.poll(() => page.url()).toBe(`${current.origin}/#/`);
    const cookies = await context.cookies(current.origin);
    expect(cookies).toEqual([expect.objectContaining({ name: `picket_session_${new URL(current.origin).port}`, httpOnly: true, sameSite: 'Strict', secure: false })]);
    expect(await page.evaluate('document.cookie')).toBe('');
  });

  it('keeps the open tab and a bookmark (no token in it) working after serve restarts on the same data folder', async () => {
    const before = serve as ServeProcess;
    await before.stop();
    await page.getByText(/reconnecting/).waitFor();
    serve = await startServe(['--data', data]);
    expect(serve.url).toBe(before.url);
    // The open tab reconnects with its cookie and leaves "reconnecting" behind.
    await expect.poll(() => page.getByText(/reconnecting/).count(), { timeout: 15_000 }).toBe(0);
    const bookmark = await context.newPage();
    await bookmark.goto(`${serve.origin}/`);
    await bookmark.getByText('No monitors yet').waitFor();
    expect(await bookmark.getByRole('heading', { name: LOST_TOKEN_HEADING }).count()).toBe(0);
    await bookmark.close();
  });

  it('after picket token rotate, the open tab is signed out and says how to get the link again; the new link signs it in', async () => {
    const rotated = await runCli(['token', 'rotate', '--data', data]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const lost = page.getByRole('region', { name: LOST_TOKEN_HEADING });
    await lost.waitFor({ timeout: 15_000 });
    expect(await lost.textContent()).toContain('picket token show --data DIR');
    await page.goto(rotated.stdout.trim());
    await page.getByText('No monitors yet').waitFor();
    await page.reload();
    await page.getByText('No monitors yet').waitFor();
  });

  it('a browser without token or session gets the lost-token page, with no "Try again"', async () => {
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`${(serve as ServeProcess).origin}/`);
    const lost = strangerPage.getByRole('region', { name: LOST_TOKEN_HEADING });
    await lost.waitFor();
    expect(await lost.textContent()).toContain('On the machine that runs Picket, print the link again:picket token show --data DIR');
    expect(await strangerPage.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    if (process.env['PICKET_SCREENSHOT_DIR']) await strangerPage.screenshot({ path: path.join(process.env['PICKET_SCREENSHOT_DIR'], 'lost-token.png') });
    await stranger.close();
  });
});
