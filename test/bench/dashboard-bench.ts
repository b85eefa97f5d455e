// Benchmark: the dashboard with 1,000 monitors in Debian's Chromium, through `picket serve`. Measures the
// first render of the list and, with 1,000 monitors checked every 50 s (20 results a second), how long each
// frame took while the results streamed in. Needs the built dashboard (npm run build) and /usr/bin/chromium.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHttpServer } from '../fixtures/http-servers.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { startServe } from '../e2e/serve-process.ts';
import { fromMonitorList, type MonitorList } from '../../electron/shared/monitor-list.ts';

export interface DashboardBenchFigures {
  monitors: number;
  resultsPerSecond: number;
  firstRowsMs: number;
  /** When listMonitors and getSettings had answered. */
  dataArrivedMs: number;
  rowsInDom: number;
  framesMeasured: number;
  frameP50Ms: number;
  frameP99Ms: number;
  framesOver50Ms: number;
  /** Monitors up when measuring ended: proof that results were streaming during the measurement. */
  upAtEnd: number;
  /** listMonitors' answer as JSON when measuring ended, bytes, and how many of its rows carried a latency by then. */
  listMonitorsBytes: number;
  rowsWithLatency: number;
}

/** listMonitors as the dashboard asks for it: one POST, its body's size, and the rows that had a result. */
async function measureList(serve: { origin: string; token: string }): Promise<{ bytes: number; rowsWithLatency: number }> {
  const response = await fetch(`${serve.origin}/api/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.token}`, origin: serve.origin },
    body: JSON.stringify({ name: 'listMonitors', params: {} }),
  });
  const text = await response.text();
  const list = fromMonitorList((JSON.parse(text) as { result: MonitorList }).result);
  return { bytes: Buffer.byteLength(text), rowsWithLatency: list.filter((item) => item.latencyMs !== null).length };
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** intervalSeconds: default 50 (20 results a second at 1,000 monitors). */
export async function runDashboardBench(options: { monitors: number; measureSeconds: number; intervalSeconds?: number }): Promise<DashboardBenchFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'picket-bench-dashboard-'));
  const target = await startHttpServer((_req, res) => res.end('{"versions":["v1.11"]}'));
  const intervalSeconds = options.intervalSeconds ?? 50;
  const config = {
    version: 1,
    settings: { referenceTarget: `127.0.0.1:${target.port}` },
    monitors: Array.from({ length: options.monitors }, (_, i) => ({
      id: `m${i}`,
      name: `Monitor ${String(i).padStart(4, '0')}`,
      group: `group-${i % 20}`,
      type: 'http',
      url: `${target.url}/m/${i}`,
      intervalSeconds,
    })),
  };
  await writeFile(path.join(dir, 'config.json'), JSON.stringify(config));
  const serve = await startServe(['--data', path.join(dir, 'data'), '--config', path.join(dir, 'config.json')]);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The in-page code is passed as source text: it runs in the browser (DOM types and no bundler helpers).
    // Time from navigation start until the first list row is in the DOM, seen from inside the page.
    await page.addInitScript({
      content: `new MutationObserver((_m, observer) => {
        if (document.querySelector('.monitor-row')) { window.__firstRows = performance.now(); observer.disconnect(); }
      }).observe(document, { childList: true, subtree: true });`,
    });
    await page.goto(serve.url);
    // Polled from outside: waitForFunction would eval inside the page, which its CSP rightly refuses.
    for (let waited = 0; (await page.evaluate('window.__firstRows')) === undefined; waited += 50) {
      if (waited > 30_000) throw new Error('the list never rendered');
      await page.waitForTimeout(50);
    }
    const firstRowsMs = await page.evaluate<number>('window.__firstRows');
    const rowsInDom = await page.evaluate<number>("document.querySelectorAll('.monitor-row').length");
    // When the first snapshot (list, settings, homeservers, problems: four requests) had arrived: what is left of
    // firstRowsMs is the dashboard's own render. All four, not the first two: the list is not the first sent.
    const dataArrivedMs = await page.evaluate<number>(
      "Math.max(...performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/request')).slice(0, 4).map((e) => e.responseEnd))",
    );
    // Let the first checks (spread over 15 s) get going, then measure frames while results stream in.
    await page.waitForTimeout(5_000);
    const frames = await page.evaluate<number[]>(`new Promise((resolve) => {
      const intervals = [];
      let last = performance.now();
      const end = last + ${options.measureSeconds * 1000};
      const tick = (now) => {
        intervals.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick); else resolve(intervals);
      };
      requestAnimationFrame(tick);
    })`);
    const summary = (await page.locator('.app-summary').textContent()) ?? '';
    const list = await measureList(serve);
    const sorted = [...frames].sort((a, b) => a - b);
    return {
      monitors: options.monitors,
      resultsPerSecond: options.monitors / intervalSeconds,
      firstRowsMs,
      dataArrivedMs,
      rowsInDom,
      framesMeasured: frames.length,
      frameP50Ms: percentile(sorted, 50),
      frameP99Ms: percentile(sorted, 99),
      framesOver50Ms: frames.filter((f) => f > 50).length,
      upAtEnd: Number(/(\d+) up/.exec(summary)?.[1] ?? 0),
      listMonitorsBytes: list.bytes,
      rowsWithLatency: list.rowsWithLatency,
    };
  } finally {
    await browser.close();
    await serve.stop();
    await target.close();
    await rm(dir, { recursive: true, force: true });
  }
}
