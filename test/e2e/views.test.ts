// Every view of the dashboard in Chromium against `serve`: no console error and no failed request anywhere,
// and the latency chart laid out right at 1280, 1600 and 1920 px (plot area and axes apart, nothing cut off),
// judged from element boxes and the canvas pixels of the axis gutters. Screenshots go to a temp folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { recordPast } from './recorded-history.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

let dir: string;
let target: TestServer;
let serve: ServeProcess;
let browser: LaunchedBrowser;
// Kept after the run to look at; one folder per user, so a run as another user never meets a folder it cannot write.
const SHOTS_DIR = path.join(tmpdir(), `picket-e2e-views-${process.getuid?.() ?? 'user'}`);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-e2e-views-'));
  target = await startHttpServer((_req, res) => res.end('{"versions":["v1.11"]}'));
  await mkdir(path.join(dir, 'data'), { recursive: true });
  await mkdir(SHOTS_DIR, { recursive: true });
  // A day of history, so the chart has a line to draw at 24 h.
  await recordPast(path.join(dir, 'data/history'), [{ id: 'api', base: 40, outageHoursAgo: 6 }], 26);
  const config = path.join(dir, 'seed.json');
  const monitors = [
    { id: 'api', name: 'Client API', group: 'example.org', type: 'http', url: `${target.url}/_matrix/client/versions`, keyword: 'versions', intervalSeconds: 5 },
    { id: 'cert', name: 'Certificate', type: 'tls', host: '127.0.0.1', port: target.port, intervalSeconds: 3600, paused: true },
  ];
  await writeFile(config, JSON.stringify({ version: 1, settings: { referenceTarget: `127.0.0.1:${target.port}` }, monitors }));
  serve = await startServe(['--data', path.join(dir, 'data'), '--config', config]);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Console errors, uncaught exceptions, failed requests and HTTP errors the page met. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

describe('every view', () => {
  it('logs no console error and fails no request: list, detail, add, edit, add homeserver, settings', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(serve.url);
    await page.getByText('Client API').first().waitFor();
    await page.getByText('Client API').first().click();
    await page.getByRole('heading', { name: 'Client API' }).waitFor();
    await page.locator('.latency-chart canvas').waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Name', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Add monitor' }).first().click();
    await page.getByLabel('Name', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Add homeserver' }).click();
    await page.getByLabel('Server name').waitFor();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.goto(`${serve.origin}/#/`);
    await page.getByText('Certificate').first().click();
    await page.getByRole('heading', { level: 1, name: 'Certificate', exact: true }).waitFor();
    // Late errors (a favicon, a WebSocket) have time to show.
    await page.waitForTimeout(1_000);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends frame-ancestors as a header, where it acts, and not in the <meta>, where it is ignored with an error', async () => {
    const response = await fetch(`${serve.origin}/`);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]).not.toContain('frame-ancestors');
    expect((await fetch(`${serve.origin}/favicon.svg`)).status).toBe(200);
  });
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const right = (b: Box): number => b.x + b.width;
const bottom = (b: Box): number => b.y + b.height;
const overlaps = (a: Box, b: Box): boolean => a.x < right(b) && b.x < right(a) && a.y < bottom(b) && b.y < bottom(a);

describe('the latency chart', () => {
  for (const width of [1280, 1600, 1920]) {
    it(`keeps the plot area and the axes apart, and nothing cut off, at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(serve.url);
      await page.getByText('Client API').first().click();
      await page.locator('.latency-chart canvas').waitFor();
      await page.waitForTimeout(300);
      const chart = page.locator('.latency-chart');
      await chart.screenshot({ path: path.join(SHOTS_DIR, `chart-${width}.png`) });
      const box = async (selector: string): Promise<Box> => {
        const found = await page.locator(selector).first().boundingBox();
        if (!found) throw new Error(`${selector} has no box`);
        return found;
      };
      const [container, canvas, plotArea, below] = await Promise.all([box('.latency-chart-plot'), box('.latency-chart canvas'), box('.latency-chart .u-over'), box('.latency-chart-below')]);
      // The canvas fills its box and stays inside it: no part of the plot is cut off at any width.
      expect(canvas.width).toBeGreaterThan(container.width - 2);
      expect(right(canvas)).toBeLessThanOrEqual(right(container) + 1);
      // The plot area sits inside the canvas with room left of it for the y axis and below it for the x axis.
      const yAxis: Box = { x: canvas.x, y: plotArea.y, width: plotArea.x - canvas.x, height: plotArea.height };
      const xAxis: Box = { x: plotArea.x, y: bottom(plotArea), width: plotArea.width, height: bottom(canvas) - bottom(plotArea) };
      expect(yAxis.width).toBeGreaterThanOrEqual(40);
      expect(xAxis.height).toBeGreaterThanOrEqual(20);
      expect(overlaps(yAxis, plotArea)).toBe(false);
      expect(overlaps(xAxis, plotArea)).toBe(false);
      expect(plotArea.width).toBeGreaterThan(canvas.width * 0.85);
      // The legend and read-out are below the chart, not over it.
      expect(overlaps(below, canvas)).toBe(false);
      // The axis labels are really drawn in their gutters (ink in the canvas pixels there).
      const ink = await page.locator('.latency-chart canvas').evaluate((element, boxes) => {
        // Runs in the page, where the element is a <canvas>; the test's own types know no DOM.
        const canvasElement = element as unknown as { width: number; getBoundingClientRect(): { width: number }; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null };
        const context = canvasElement.getContext('2d');
        const scale = canvasElement.width / canvasElement.getBoundingClientRect().width;
        const count = (b: { x: number; y: number; width: number; height: number }): number => {
          const data = context?.getImageData(Math.round(b.x * scale), Math.round(b.y * scale), Math.max(1, Math.round(b.width * scale)), Math.max(1, Math.round(b.height * scale))).data ?? [];
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted += 1;
          return painted;
        };
        return { y: count(boxes.y), x: count(boxes.x) };
      }, {
        y: { x: 0, y: plotArea.y - canvas.y, width: yAxis.width - 2, height: yAxis.height },
        x: { x: plotArea.x - canvas.x, y: bottom(plotArea) - canvas.y + 2, width: xAxis.width, height: xAxis.height - 2 },
      });
      expect(ink.y).toBeGreaterThan(20);
      expect(ink.x).toBeGreaterThan(20);
      await context.close();
    });
  }

  it('reads out a hovered point and zooms on a drag', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(serve.url);
    await page.getByText('Client API').first().click();
    await page.getByRole('button', { name: '24 h' }).click();
    await page.locator('.latency-chart canvas').waitFor();
    const area = await page.locator('.latency-chart .u-over').boundingBox();
    if (!area) throw new Error('no plot area');
    await page.mouse.move(area.x + area.width * 0.5, area.y + area.height / 2);
    await expect.poll(() => page.locator('.latency-readout dt').allTextContents()).toEqual(expect.arrayContaining(['Time', 'Mean', 'Min–max']));
    await page.mouse.move(area.x + area.width * 0.3, area.y + 20);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width * 0.6, area.y + 20, { steps: 5 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Show the whole range' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Show the whole range' }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'detail-1400.png'), fullPage: true });
    await context.close();
  });
});
