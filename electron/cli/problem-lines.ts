// Picket's own problems (a full disk, a damaged history file) on the command line: each one once when it
// appears and once when it clears, so a log shows when the disk filled up and when it was fixed.
import type { CliIo } from './cli-io.ts';

export interface ProblemSource {
  problems(): string[];
  on(name: 'problems', listener: (problems: string[]) => void): () => void;
}

/** `toStdout` adds the same lines to `run`'s event output, time-stamped like its other lines. */
export function reportProblems(source: ProblemSource, io: CliIo, options: { toStdout?: boolean; now?: () => number } = {}): () => void {
  const now = options.now ?? Date.now;
  let shown = new Set<string>();
  const print = (line: string): void => {
    io.stderr(`picket: ${line}\n`);
    if (options.toStdout) io.stdout(`${new Date(now()).toISOString()}  ${line.replace(/^problem: /, 'PROBLEM ').replace(/^resolved: /, 'RESOLVED ')}\n`);
  };
  const update = (problems: string[]): void => {
    const next = new Set(problems);
    for (const problem of next) if (!shown.has(problem)) print(`problem: ${problem}`);
    for (const problem of shown) if (!next.has(problem)) print(`resolved: ${problem}`);
    shown = next;
  };
  update(source.problems());
  return source.on('problems', update);
}
