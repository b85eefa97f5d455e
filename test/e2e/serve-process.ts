// Starts `picket serve` as its own process (what `npm run serve` runs after building the dashboard) and
// reads the tokened URL from its first line. npm test builds the dashboard before the tests run.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { collect, interruptGroup, PROJECT_ROOT, startCliProcessGroup, type CliRun } from '../cli/cli-process.ts';

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  /** Ctrl-C, then what the process printed and how it exited. */
  stop(): Promise<CliRun>;
}

export async function startServe(args: string[], options: { needsDashboard?: boolean } = {}): Promise<ServeProcess> {
  if ((options.needsDashboard ?? true) && !existsSync(path.join(PROJECT_ROOT, 'out/renderer/index.html'))) {
    throw new Error('the dashboard is not built: run `npm run build` (npm test does it first)');
  }
  const child = startCliProcessGroup(['serve', ...args]);
  const finished = collect(child);
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (data: Buffer) => {
      buffer += String(data);
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve(buffer.slice(0, newline));
    });
    child.once('exit', () => reject(new Error('serve exited before printing its URL')));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    child,
    stop: async () => {
      interruptGroup(child);
      return finished;
    },
  };
}
