// How long `npm run serve` takes, from the command to its first line (the dashboard's address), from a warm
// build: the path a home-server user restarts through. The build check must find everything current.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServeStartFigures {
  runs: number;
  medianMs: number;
  maxMs: number;
}

async function oneStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['run', '--silent', 'serve', '--', '--data', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  const firstLineAt = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += String(chunk);
      if (buffer.includes('\n')) resolve(performance.now());
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${String(code)} before its URL`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
  await exited;
  return firstLineAt - started;
}

export async function runServeStartBench(runs = 5): Promise<ServeStartFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'picket-serve-start-'));
  try {
    // The first start creates the token and the data folder; the timed ones are restarts, as on a home server.
    await oneStart(path.join(dir, 'data'));
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) times.push(await oneStart(path.join(dir, 'data')));
    times.sort((a, b) => a - b);
    return { runs, medianMs: times[Math.floor(times.length / 2)] ?? 0, maxMs: times[times.length - 1] ?? 0 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
