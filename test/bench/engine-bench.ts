// Benchmark: 1,000 HTTP monitors against a local server. Measures the engine's CPU time per check
// against a plain undici request loop making the same requests, scheduling lateness and resident memory.
// The server runs in a child process so its CPU time is not counted as ours.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { runCheck } from '../../electron/core/checks/run-check.ts';
import { Engine } from '../../electron/core/engine/engine.ts';
import { HistoryStore } from '../../electron/core/history/history-store.ts';
import { parseMonitor } from '../../electron/shared/config-validation.ts';
import { DEFAULT_SETTINGS } from '../../electron/shared/defaults.ts';
import type { Monitor } from '../../electron/shared/types.ts';

export interface EngineBenchFigures {
  monitors: number;
  intervalSeconds: number;
  measuredChecks: number;
  engineCpuMsPerCheck: number;
  baselineFreshCpuMsPerRequest: number;
  baselineKeepAliveCpuMsPerRequest: number;
  ratioToFreshConnectionLoop: number;
  latenessP50Ms: number;
  latenessP99Ms: number;
  latenessMaxMs: number;
  rssMiB: number;
  heapUsedMiB: number;
}

const SERVER_SOURCE = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"versions":["v1.1","v1.2","v1.3"]}');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

async function startServerProcess(): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
    child.once('error', reject);
  });
  return { port, child };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests `total` times at `perSecond`, like the engine would, and returns CPU ms per request. */
async function baselineLoop(url: string, total: number, perSecond: number, fresh: boolean): Promise<number> {
  const shared = new Agent({ connections: 64 });
  const started = process.cpuUsage();
  const gapMs = 1000 / perSecond;
  const inFlight: Array<Promise<void>> = [];
  const begin = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = begin + i * gapMs - performance.now();
    if (wait > 1) await sleep(wait);
    const agent = fresh ? new Agent({ pipelining: 0 }) : shared;
    inFlight.push(
      request(url, { dispatcher: agent })
        .then(async (response) => {
          const text = await response.body.text();
          if (!text.includes('versions')) throw new Error('unexpected body');
        })
        .finally(() => (fresh ? agent.close() : undefined)),
    );
  }
  await Promise.all(inFlight);
  const used = cpuMs(process.cpuUsage(started));
  await shared.close();
  return used / total;
}

export async function runEngineBench(options: { monitors: number; intervalSeconds: number; warmupSeconds: number; measureSeconds: number }): Promise<EngineBenchFigures> {
  const { port, child } = await startServerProcess();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'picket-bench-'));
  try {
    const url = `http://127.0.0.1:${port}/_matrix/client/versions`;
    const monitors: Monitor[] = Array.from({ length: options.monitors }, (_, i) =>
      parseMonitor({ id: `m${i}`, type: 'http', url: `${url}?m=${i}`, intervalSeconds: options.intervalSeconds, timeoutSeconds: 5, keyword: 'versions' }),
    );
    const history = await HistoryStore.open(dataDir);
    let measuring = false;
    let measuredChecks = 0;
    const lateness: number[] = [];
    const engine = new Engine({
      runCheck,
      settings: { ...DEFAULT_SETTINGS, maxConcurrentChecks: 64 },
      history,
      referenceProbe: async () => true,
      onLateness: (_id, ms) => {
        if (measuring) lateness.push(ms);
      },
    });
    engine.subscribe((event) => {
      if (event.type === 'result' && measuring) {
        measuredChecks++;
        if (event.result.status !== 'up') throw new Error(`bench check failed: ${event.result.message}`);
      }
    });
    engine.start(monitors);
    await sleep(options.warmupSeconds * 1000);
    measuring = true;
    const cpuStart = process.cpuUsage();
    await sleep(options.measureSeconds * 1000);
    const engineCpu = cpuMs(process.cpuUsage(cpuStart));
    measuring = false;
    const memory = process.memoryUsage();
    await engine.stop();
    await history.close();

    const perSecond = options.monitors / options.intervalSeconds;
    const total = Math.max(200, measuredChecks);
    const fresh = await baselineLoop(url, total, perSecond, true);
    const keepAlive = await baselineLoop(url, total, perSecond, false);
    lateness.sort((a, b) => a - b);
    const engineCpuMsPerCheck = engineCpu / Math.max(1, measuredChecks);
    return {
      monitors: options.monitors,
      intervalSeconds: options.intervalSeconds,
      measuredChecks,
      engineCpuMsPerCheck,
      baselineFreshCpuMsPerRequest: fresh,
      baselineKeepAliveCpuMsPerRequest: keepAlive,
      ratioToFreshConnectionLoop: engineCpuMsPerCheck / fresh,
      latenessP50Ms: percentile(lateness, 50),
      latenessP99Ms: percentile(lateness, 99),
      latenessMaxMs: lateness.at(-1) ?? 0,
      rssMiB: memory.rss / 2 ** 20,
      heapUsedMiB: memory.heapUsed / 2 ** 20,
    };
  } finally {
    child.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}
