// `npm run bench`: every figure of the footprint and persistence goals, printed as Markdown for
// docs/benchmarks.md. Not a test: the figures depend on the machine and what else it runs.
// Picket is measured as users run it: the built CLI bundle (`npm run build` first), `run --config`.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
// No packet may leave the machine from the bench either: the same guard as the tests, here and in every
// process the bench starts.
import '../setup/network-guard.mjs';
import { runDashboardBench } from './dashboard-bench.ts';
import { runMetricsBench } from './metrics-bench.ts';
import { runDiskWriteBench } from './disk-writes-bench.ts';
import { runAlertingBench } from './alerting-bench.ts';
import { runPersistenceBench } from './persistence-bench.ts';
import { runPathBench, type RunPathFigures } from './run-path-bench.ts';
import { runStoreBench, type StoreBenchFigures } from './store-bench.ts';
import { runServeStartBench } from './serve-start-bench.ts';

process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import "${fileURLToPath(new URL('../setup/network-guard.mjs', import.meta.url))}"`.trim();

const fixed = (value: number, digits = 2): string => value.toFixed(digits);
const stage = (text: string): void => {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
};

function spreadRows(lines: string[], run: RunPathFigures, goalMax: string): void {
  const p = run.picket;
  lines.push(`| checks started in the window | ${p.checks} (${fixed(p.averagePerSecond, 1)} a second) | |`);
  lines.push(`| most checks started in one second, steady / first round after the import | ${p.maxPerSecond} / ${p.firstRound.maxPerSecond} | ${goalMax} |`);
  lines.push(`| a check's distance from one interval after the previous, p99 / max | ${fixed(p.intervalErrorP99Ms, 0)} / ${fixed(p.intervalErrorMaxMs, 0)} ms | p99 < 100 ms |`);
  lines.push(`| resident memory | ${fixed(p.rssMiB, 0)} MiB | |`);
}

const medianP99 = ([median, p99]: [number, number]): string => `${fixed(median, 3)} / ${fixed(p99, 1)} ms`;

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const cpus = os.cpus();
  const lines: string[] = [];
  lines.push(`## ${new Date().toISOString().slice(0, 10)}: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${fixed(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
  lines.push('');

  stage('run --config: 200 HTTP monitors every 20 s, then the undici loop the same way...');
  const small = await runPathBench({ monitors: 200, intervalSeconds: 20, warmupSeconds: 25, measureSeconds: quick ? 20 : 60, baseline: true });
  const loop = small.loop;
  lines.push(`### \`picket run --config\` (built CLI bundle): 200 HTTP monitors every 20 s, against a counting server`);
  lines.push('');
  lines.push('| figure | value | goal |');
  lines.push('| --- | --- | --- |');
  spreadRows(lines, small, `≤ 2 × ${fixed(small.picket.averagePerSecond, 0)} + 2`);
  lines.push(`| Picket CPU per check (the whole process) | ${fixed(small.picket.cpuMsPerCheck, 3)} ms | |`);
  if (loop) {
    lines.push(`| plain undici loop, new connection per request, same even spread | ${fixed(loop.cpuMsPerCheck, 3)} ms (${loop.checks} requests, at most ${loop.maxPerSecond} in one second, ${fixed(loop.rssMiB, 0)} MiB) | |`);
    lines.push(`| ratio Picket / loop | ${fixed(small.picket.cpuMsPerCheck / loop.cpuMsPerCheck)} | ≤ 1.15 |`);
  }
  lines.push(`| resident memory (goal) | ${fixed(small.picket.rssMiB, 0)} MiB | ≤ 90 MB |`);
  lines.push('');

  stage('run --config: 1,000 HTTP monitors every 60 s...');
  const large = await runPathBench({ monitors: 1000, intervalSeconds: 60, warmupSeconds: quick ? 30 : 65, measureSeconds: quick ? 30 : 125, baseline: false });
  lines.push(`### \`picket run --config\`: 1,000 HTTP monitors every 60 s`);
  lines.push('');
  lines.push('| figure | value | goal |');
  lines.push('| --- | --- | --- |');
  spreadRows(lines, large, `≤ 2 × ${fixed(large.picket.averagePerSecond, 0)} + 2`);
  lines.push(`| Picket CPU per check | ${fixed(large.picket.cpuMsPerCheck, 3)} ms | |`);
  lines.push(`| resident memory (goal) | ${fixed(large.picket.rssMiB, 0)} MiB | ≤ 140 MB |`);
  lines.push('');

  stage('run --config: 10,000 HTTP monitors every 600 s (memory)...');
  const huge = await runPathBench({ monitors: 10_000, intervalSeconds: 600, warmupSeconds: quick ? 30 : 60, measureSeconds: 30, baseline: false });
  lines.push(`### \`picket run --config\`: 10,000 HTTP monitors every 600 s`);
  lines.push('');
  lines.push(`- resident memory after ${quick ? 60 : 90} s: ${fixed(huge.picket.rssMiB, 0)} MiB (goal ≤ 400 MB); ${huge.picket.checks} checks in the last 30 s, at most ${huge.picket.maxPerSecond} in one second`);
  lines.push('');

  stage('run --config: a quiet laptop, 10 monitors every 60 s...');
  const quiet = await runPathBench({ monitors: 10, intervalSeconds: 60, warmupSeconds: 65, measureSeconds: quick ? 60 : 180, baseline: false });
  lines.push(`### A quiet laptop: \`picket run --config\` with 10 HTTP monitors every 60 s, ${fixed(quiet.picket.seconds, 0)} s`);
  lines.push('');
  lines.push('| figure | value | goal |');
  lines.push('| --- | --- | --- |');
  lines.push(`| wake-ups (voluntary context switches, every thread) | ${fixed(quiet.picket.wakesPerSecond)} a second | ≤ 2 a second |`);
  lines.push(`| of which the main thread (the event loop) | ${fixed(quiet.picket.mainThreadWakesPerSecond)} a second | |`);
  lines.push(`| CPU | ${fixed(quiet.picket.cpuPercent, 3)} % of a core | < 0.3 % |`);
  lines.push(`| resident memory | ${fixed(quiet.picket.rssMiB, 0)} MiB | |`);
  lines.push('');

  stage('store and views: 1,000 and 10,000 monitors in the service...');
  const store1k = await runStoreBench(1000);
  const store10k = await runStoreBench(10_000, false);
  lines.push('### The store and the views on the caller\'s thread (median / p99)');
  lines.push('');
  lines.push('| call | 1,000 monitors | goal | 10,000 monitors | goal |');
  lines.push('| --- | --- | --- | --- | --- |');
  const calls: Array<[string, keyof Pick<StoreBenchFigures, 'settings' | 'views' | 'setMuted' | 'singleEdit'>, string, string]> = [
    ['settings()', 'settings', '< 0.2 ms', ''],
    ['views()', 'views', '< 0.2 ms', ''],
    ['setMuted (the whole request)', 'setMuted', '< 2 ms', ''],
    ['a single edit (editMonitor, the whole request)', 'singleEdit', '< 2 ms', '< 20 ms'],
  ];
  for (const [label, key, goal1k, goal10k] of calls) {
    lines.push(`| ${label} | ${medianP99(store1k[key])} | ${goal1k} | ${medianP99(store10k[key])} | ${goal10k} |`);
  }
  lines.push('');
  lines.push(`- \`listMonitors\` at 1,000 monitors, each with a result: ${fixed(store1k.listMonitorsBytes / 1024, 0)} KB of JSON (goal ≤ 150 KB)`);
  lines.push('');

  stage('persistence: write cost and start-up...');
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

  stage('serve: from `npm run serve` to its address, warm build...');
  const serveStart = await runServeStartBench(quick ? 3 : 5);
  lines.push(`### serve start-up from a warm build (\`npm run --silent serve\` to its first line, ${serveStart.runs} restarts)`);
  lines.push('');
  lines.push(`- median ${fixed(serveStart.medianMs, 0)} ms, slowest ${fixed(serveStart.maxMs, 0)} ms (goal: < 1,500 ms)`);
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

  for (const monitors of quick ? [1000] : [1000, 10_000]) {
    stage(`dashboard: ${monitors} monitors in Chromium...`);
    const dashboard = await runDashboardBench({ monitors, measureSeconds: quick ? 5 : 15, intervalSeconds: monitors / 20 });
    lines.push(`### Dashboard: ${dashboard.monitors} monitors in Chromium (headless), ${dashboard.resultsPerSecond} results a second`);
    lines.push('');
    lines.push('| figure | value | goal |');
    lines.push('| --- | --- | --- |');
    lines.push(`| first list rows on screen, from navigation start | ${fixed(dashboard.firstRowsMs, 0)} ms | ${monitors === 1000 ? '≤ 400 ms' : '≤ 1,500 ms'} |`);
    lines.push(`| of which after the first snapshot (list, settings, homeservers, problems) arrived | ${fixed(dashboard.firstRowsMs - dashboard.dataArrivedMs, 0)} ms | |`);
    lines.push(`| row elements in the DOM (virtualised) | ${dashboard.rowsInDom} | |`);
    lines.push(`| \`listMonitors\` answer (${dashboard.rowsWithLatency} rows with a result) | ${fixed(dashboard.listMonitorsBytes / 1024, 0)} KB | ${monitors === 1000 ? '≤ 150 KB' : ''} |`);
    lines.push(`| frame time p50 / p99 while results streamed in (${dashboard.framesMeasured} frames) | ${fixed(dashboard.frameP50Ms, 1)} / ${fixed(dashboard.frameP99Ms, 1)} ms | no dropped frames |`);
    lines.push(`| frames longer than 50 ms | ${dashboard.framesOver50Ms} | 0 |`);
    lines.push('');
  }

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
