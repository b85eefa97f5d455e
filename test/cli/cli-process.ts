// Runs the CLI as users and scripts do: the built program, out/cli/picket.mjs (what `picket` and
// `npm run cli` run), as a separate process. `npm test` builds it before the tests start.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PICKET_BUNDLE = path.join(PROJECT_ROOT, 'out/cli/picket.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function startCli(args: string[]): ChildProcess {
  return spawn(process.execPath, [PICKET_BUNDLE, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts the CLI in a process group of its own, so a test can press Ctrl-C the way a terminal does: SIGINT to the whole group. */
export function startCliProcessGroup(args: string[]): ChildProcess {
  return spawn(process.execPath, [PICKET_BUNDLE, ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

export function interruptGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): void {
  if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, signal);
}

export function runCli(args: string[]): Promise<CliRun> {
  const child = startCli(args);
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (data: Buffer) => (stdout += String(data)));
  child.stderr?.on('data', (data: Buffer) => (stderr += String(data)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
