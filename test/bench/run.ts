// `npm run bench`: runs the engine and persistence benchmarks and prints their figures as Markdown,
// ready for docs/benchmarks.md. Not a test: the figures depend on the machine and what else it runs.
import os from 'node:os';
import { runEngineBench } from './engine-bench.ts';
import { runPersistenceBench } from './persistence-bench.ts';
import { runDashboardBench } from './dashboard-bench.ts';
import { runMetricsBench } from './metrics-bench.ts';
import { runDiskWriteBench } from './disk-writes-bench.ts';
import { runAlertingBench } from './alerting-bench.ts';

const fixed = (value: number, digits = 2): string => value.toFixed(digits);

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const cpus = os.cpus();
  const lines: string[] = [];
  lines.push(`## ${new Date().toISOString().slice(0, 10)}: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${fixed(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
  lines.push('');

  process.stderr.write('engine: 1,000 HTTP monitors against a local server...\n');
  const engine = await runEngineBench(
    quick ? { monitors: 200, intervalSeconds: 5, warmupSeconds: 6, measureSeconds: 10 } : { monitors: 1000, intervalSeconds: 10, warmupSeconds: 15, measureSeconds: 30 },
  );
  lines.push(`### Engine: ${engine.monitors} HTTP monitors, every ${engine.intervalSeconds} s, against a local server in another process`);
  lines.push('');
  lines.push('| figure | value | goal |');
  lines.push('| --- | --- | --- |');
  lines.push(`| checks measured | ${engine.measuredChecks} | |`);
  lines.push(`| engine CPU per check (check, rules, history, events) | ${fixed(engine.engineCpuMsPerCheck, 3)} ms | |`);
  lines.push(`| plain undici loop, a new connection per request | ${fixed(engine.baselineFreshCpuMsPerRequest, 3)} ms | |`);
  lines.push(`| plain undici loop, kept-alive connections | ${fixed(engine.baselineKeepAliveCpuMsPerRequest, 3)} ms | |`);
  lines.push(`| ratio engine / same requests in a plain loop | ${fixed(engine.ratioToFreshConnectionLoop)} | ≤ 1.3 |`);
  lines.push(`| scheduling lateness p50 / p99 / max | ${fixed(engine.latenessP50Ms, 1)} / ${fixed(engine.latenessP99Ms, 1)} / ${fixed(engine.latenessMaxMs, 1)} ms | p99 < 100 ms |`);
  lines.push(`| resident memory / JS heap | ${fixed(engine.rssMiB, 0)} MiB / ${fixed(engine.heapUsedMiB, 0)} MiB | |`);
  lines.push('');

  process.stderr.write('persistence: write cost and start-up...\n');
  const persistence = await runPersistenceBench();
  lines.push('### History: cost of one check (20 one-minute batches)');
  lines.push('');
  lines.push('| monitors | history behind it | CPU per check | bytes per check | write calls per batch |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const row of persistence.writeCost) {
    lines.push(`| ${row.monitors} | a ${row.history} | ${fixed(row.cpuUsPerCheck, 1)} µs | ${fixed(row.bytesPerCheck, 1)} | ${fixed(row.writesPerFlush, 1)} |`);
  }
  const cost = (monitors: number, history: 'day' | 'year') => persistence.writeCost.find((r) => r.monitors === monitors && r.history === history);
  const base = cost(10, 'day');
  const worst = persistence.writeCost.reduce((max, row) => Math.max(max, row.cpuUsPerCheck / (base?.cpuUsPerCheck ?? 1)), 0);
  const worstBytes = persistence.writeCost.reduce((max, row) => Math.max(max, row.bytesPerCheck / (base?.bytesPerCheck ?? 1)), 0);
  lines.push('');
  lines.push(`Largest ratio to 10 monitors with a day: CPU ${fixed(worst)}, bytes ${fixed(worstBytes)} (goal: ≤ 1.5).`);
  lines.push('');
  const s = persistence.startup;
  lines.push(`### Start-up: ${s.monitors} monitors, a year of rollups and a day of raw results (${s.rawResultsToday.toLocaleString('en')} results)`);
  lines.push('');
  lines.push(`- open the history store: ${fixed(s.openMs, 0)} ms (goal: < 2,000 ms)`);
  lines.push(`- uptime for 24 h, 7 d, 30 d and 365 d of all ${s.monitors} monitors: ${fixed(s.uptimeSummaryAllMs, 1)} ms`);
  lines.push('');

  process.stderr.write('metrics: one Prometheus scrape of 1,000 monitors...\n');
  const scrape = await runMetricsBench({ monitors: quick ? 200 : 1000, scrapes: quick ? 10 : 50 });
  lines.push(`### Prometheus /metrics: one scrape of ${scrape.monitors} monitors (mean of ${scrape.scrapes})`);
  lines.push('');
  lines.push(`- ${scrape.series.toLocaleString('en')} series, ${fixed(scrape.bytes / 1024, 0)} KiB of text`);
  lines.push(`- ${fixed(scrape.wallMsPerScrape, 1)} ms wall, ${fixed(scrape.cpuMsPerScrape, 1)} ms CPU per scrape (views with uptime, then prom-client's formatting)`);
  lines.push('');

  process.stderr.write('disk writes: 200 monitors every 20 s, the whole process, three minutes...\n');
  const writes = await runDiskWriteBench({ monitors: 200, intervalSeconds: 20, warmupSeconds: 25, measureSeconds: quick ? 60 : 180 });
  lines.push(`### Disk writes of the whole process: ${writes.monitors} HTTP monitors every ${writes.intervalSeconds} s, ${writes.measureSeconds} s`);
  lines.push('');
  lines.push('| figure | value | goal |');
  lines.push('| --- | --- | --- |');
  lines.push(`| checks measured | ${writes.checks} | |`);
  lines.push(`| bytes written per check (/proc/<pid>/io write_bytes) | ${fixed(writes.bytesPerCheck, 0)} | ≤ 1,024 |`);
  lines.push(`| the same, including the writes at shutdown | ${fixed(writes.bytesPerCheckWithClose, 0)} | |`);
  lines.push('');

  process.stderr.write('dashboard: 1,000 monitors in Chromium...\n');
  const dashboard = await runDashboardBench({ monitors: quick ? 300 : 1000, measureSeconds: quick ? 5 : 15 });
  lines.push(`### Dashboard: ${dashboard.monitors} monitors in Chromium (headless), ${dashboard.resultsPerSecond} results a second`);
  lines.push('');
  lines.push('| figure | value | goal |');
  lines.push('| --- | --- | --- |');
  lines.push(`| first list rows rendered, after the monitor list arrived | ${fixed(dashboard.firstRowsMs - dashboard.dataArrivedMs, 0)} ms | < 200 ms |`);
  lines.push(`| first list rows on screen, from navigation start (includes loading the page and the engine's answer) | ${fixed(dashboard.firstRowsMs, 0)} ms | |`);
  lines.push(`| row elements in the DOM (virtualised) | ${dashboard.rowsInDom} | |`);
  lines.push(`| frames measured while results streamed in | ${dashboard.framesMeasured} | |`);
  lines.push(`| frame time p50 / p99 | ${fixed(dashboard.frameP50Ms, 1)} / ${fixed(dashboard.frameP99Ms, 1)} ms | no dropped frames |`);
  lines.push(`| frames longer than 50 ms | ${dashboard.framesOver50Ms} | 0 |`);
  lines.push(`| monitors up when measuring ended | ${dashboard.upAtEnd} | |`);
  lines.push('');

  process.stderr.write('alerting: the outbox and a burst of alerts...\n');
  const alerting = await runAlertingBench();
  lines.push('### Alerting: the outbox and a burst');
  lines.push('');
  lines.push('| figure | value | goal |');
  lines.push('| --- | --- | --- |');
  lines.push(`| queueing one message (written and fsynced before any attempt) p50 / p99 | ${fixed(alerting.enqueueMsP50)} / ${fixed(alerting.enqueueMsP99)} ms | |`);
  lines.push(`| one queued message on disk | ${fixed(alerting.bytesPerQueuedMessage, 0)} bytes | |`);
  lines.push(`| ${alerting.burstSize} monitors down at once: first alert to the receiver | ${alerting.burstToReceiverMs} ms | < 5 s |`);
  lines.push(`| messages the receiver got for that burst | ${alerting.burstMessages} | 1 |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
