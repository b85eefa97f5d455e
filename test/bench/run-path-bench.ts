// Benchmark through the path users take: the built CLI bundle, `node out/cli/picket.mjs run --config FILE`,
// against a counting HTTP server in another process. Spread, CPU per check, memory and wake-ups are read
// from outside (the server's arrival times and /proc), so nothing in Picket runs differently for the bench.
// The baseline is a plain undici loop with a new connection per request, given the same arrival shape
// (evenly spread over the interval) and measured the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { procDelta, sampleProcess, type ProcDelta } from './proc-stats.ts';

const root = path.resolve(import.meta.dirname, '../..');
export const CLI_BUNDLE = path.join(root, 'out/cli/picket.mjs');

// Counts every request: which monitor (?m=N) and when it arrived. Answers over IPC.
const COUNTING_SERVER = `
const http = require('node:http');
let arrivals = [];
const server = http.createServer((req, res) => {
  const match = /[?&]m=(\\d+)/.exec(req.url);
  arrivals.push(match ? Number(match[1]) : -1, performance.timeOrigin + performance.now());
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"versions":["v1.1","v1.2","v1.3"]}');
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (message) => {
  if (message === 'reset') { arrivals = []; process.send({ reset: true }); }
  if (message === 'report') process.send({ arrivals });
});
`;

// The floor: what the same requests cost with nothing but undici, a new connection each, evenly spread.
const UNDICI_LOOP = `
import { Agent, request } from 'undici';
const [url, monitors, intervalMs] = process.argv.slice(1).map((v, i) => (i === 0 ? v : Number(v)));
const gapMs = intervalMs / monitors;
const begin = performance.now();
for (let i = 0; ; i++) {
  const wait = begin + i * gapMs - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const agent = new Agent({ pipelining: 0 });
  request(url + '?m=' + (i % monitors), { dispatcher: agent })
    .then(async (response) => {
      if (!(await response.body.text()).includes('versions')) throw new Error('unexpected body');
    })
    .catch((error) => console.error(error))
    .finally(() => agent.close());
}
`;

interface CountingServer {
  port: number;
  reset(): Promise<void>;
  /** [monitor, epoch ms] pairs since the last reset. */
  report(): Promise<Array<[number, number]>>;
  close(): void;
}

async function startCountingServer(): Promise<CountingServer> {
  const child = spawn(process.execPath, ['-e', COUNTING_SERVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
  const { port } = await next<{ port: number }>();
  return {
    port,
    reset: async () => {
      const done = next<unknown>();
      child.send('reset');
      await done;
    },
    report: async () => {
      const done = next<{ arrivals: number[] }>();
      child.send('report');
      const flat = (await done).arrivals;
      const pairs: Array<[number, number]> = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] as number, flat[i + 1] as number]);
      return pairs;
    },
    close: () => child.kill(),
  };
}

export interface ArrivalShape {
  checks: number;
  averagePerSecond: number;
  /** Most checks that arrived within one whole second. */
  maxPerSecond: number;
  /** How far each check came from one interval after the monitor's previous one: p99 and max, ms. */
  intervalErrorP99Ms: number;
  intervalErrorMaxMs: number;
}

/** Spread over the arrivals from windowStart on; interval errors over every arrival seen (the warm-up too). */
function arrivalShape(all: Array<[number, number]>, windowStart: number, seconds: number, intervalMs: number): ArrivalShape {
  const arrivals = all.filter(([, at]) => at >= windowStart);
  const perSecond = new Map<number, number>();
  for (const [, at] of arrivals) {
    const second = Math.floor(at / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const byMonitor = new Map<number, number[]>();
  for (const [monitor, at] of all) {
    const times = byMonitor.get(monitor) ?? [];
    times.push(at);
    byMonitor.set(monitor, times);
  }
  const errors: number[] = [];
  for (const times of byMonitor.values()) {
    // From the second gap on: the first check after the import may come early, before the monitor's slot.
    for (let i = 2; i < times.length; i++) errors.push(Math.abs((times[i] as number) - (times[i - 1] as number) - intervalMs));
  }
  errors.sort((a, b) => a - b);
  return {
    checks: arrivals.length,
    averagePerSecond: arrivals.length / seconds,
    maxPerSecond: Math.max(0, ...perSecond.values()),
    intervalErrorP99Ms: errors[Math.min(errors.length - 1, Math.floor(errors.length * 0.99))] ?? 0,
    intervalErrorMaxMs: errors.at(-1) ?? 0,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunPathOptions {
  monitors: number;
  intervalSeconds: number;
  /** Before measuring: the first round of checks (the import) plus some. */
  warmupSeconds: number;
  measureSeconds: number;
  /** Also run the undici loop the same way, for the CPU ratio. */
  baseline: boolean;
  /** Extra node flags for Picket (--cpu-prof). */
  nodeFlags?: string[];
}

export interface RunPathFigures {
  options: RunPathOptions;
  picket: ProcDelta & ArrivalShape & { cpuMsPerCheck: number; firstRound: ArrivalShape };
  loop?: ProcDelta & ArrivalShape & { cpuMsPerCheck: number };
}

async function measure(
  child: ChildProcess,
  server: CountingServer,
  options: RunPathOptions,
): Promise<{ proc: ProcDelta; shape: ArrivalShape; firstRound: ArrivalShape }> {
  const pid = child.pid;
  if (pid === undefined) throw new Error('the process did not start');
  const intervalMs = options.intervalSeconds * 1000;
  const startedAt = performance.timeOrigin + performance.now();
  await sleep(options.warmupSeconds * 1000);
  const windowStart = performance.timeOrigin + performance.now();
  const from = sampleProcess(pid);
  await sleep(options.measureSeconds * 1000);
  const to = sampleProcess(pid);
  const arrivals = await server.report();
  const firstRound = arrivalShape(
    arrivals.filter(([, at]) => at < windowStart),
    startedAt,
    options.warmupSeconds,
    intervalMs,
  );
  return { proc: procDelta(from, to), shape: arrivalShape(arrivals, windowStart, options.measureSeconds, intervalMs), firstRound };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
}

/** One run of `picket run --config` with `monitors` HTTP monitors (and, if asked, the undici loop after it). */
export async function runPathBench(options: RunPathOptions): Promise<RunPathFigures> {
  if (!existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: run \`npm run build\` first`);
  const server = await startCountingServer();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'picket-bench-run-'));
  try {
    const url = `http://127.0.0.1:${server.port}/_matrix/client/versions`;
    const config = {
      version: 1,
      settings: { referenceTarget: `127.0.0.1:${server.port}`, maxConcurrentChecks: 64 },
      monitors: Array.from({ length: options.monitors }, (_, i) => ({
        id: `m${i}`,
        type: 'http',
        url: `${url}?m=${i}`,
        intervalSeconds: options.intervalSeconds,
        timeoutSeconds: 5,
        keyword: 'versions',
      })),
    };
    const configPath = path.join(dataDir, 'bench.config.json');
    await writeFile(configPath, JSON.stringify(config));
    await server.reset();
    const picket = spawn(process.execPath, [...(options.nodeFlags ?? []), CLI_BUNDLE, 'run', '--config', configPath, '--data', path.join(dataDir, 'data'), '--json'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      cwd: dataDir,
    });
    let picketFigures: RunPathFigures['picket'];
    try {
      const { proc, shape, firstRound } = await measure(picket, server, options);
      picketFigures = { ...proc, ...shape, cpuMsPerCheck: proc.cpuMs / Math.max(1, shape.checks), firstRound };
    } finally {
      await stopChild(picket);
    }
    if (!options.baseline) return { options, picket: picketFigures };

    await server.reset();
    const loop = spawn(process.execPath, ['--input-type=module', '-e', UNDICI_LOOP, url, String(options.monitors), String(options.intervalSeconds * 1000)], {
      stdio: ['ignore', 'ignore', 'inherit'],
      cwd: root,
    });
    try {
      const { proc, shape } = await measure(loop, server, options);
      return { options, picket: picketFigures, loop: { ...proc, ...shape, cpuMsPerCheck: proc.cpuMs / Math.max(1, shape.checks) } };
    } finally {
      await stopChild(loop);
    }
  } finally {
    server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
