// `picket check --config FILE [--json]`: every monitor once, at most the config's maxConcurrentChecks at a time
// (so a config of 1,000 monitors neither exhausts sockets nor hammers one server); exit code says the worst status.
import { readConfigFile } from '../core/config/config-file.ts';
import { runCheck } from '../core/checks/run-check.ts';
import { ConcurrencyLimiter } from '../core/scheduler/concurrency-limiter.ts';
import { DEFAULT_SETTINGS } from '../shared/defaults.ts';
import type { ProbeOptions } from '../core/checks/probe-options.ts';
import { exitCodeFor } from './exit-codes.ts';
import { formatCheckTable, toCheckResultJson } from './check-output.ts';
import type { CliIo } from './cli-io.ts';

export interface CheckCommandOptions {
  configPath: string;
  json: boolean;
  probeOptions: Omit<ProbeOptions, 'signal' | 'now'>;
}

export async function checkCommand(options: CheckCommandOptions, io: CliIo): Promise<number> {
  const config = await readConfigFile(options.configPath);
  // Paused monitors are skipped: the user said not to watch them.
  const monitors = config.monitors.filter((monitor) => !monitor.paused);
  const limiter = new ConcurrencyLimiter(config.settings?.maxConcurrentChecks ?? DEFAULT_SETTINGS.maxConcurrentChecks);
  const results = await Promise.all(monitors.map((monitor) => limiter.run(() => runCheck(monitor, options.probeOptions))));
  const rows = monitors.map((monitor, index) => ({ monitor, result: results[index] as (typeof results)[number] }));
  if (options.json) {
    io.stdout(`${JSON.stringify({ results: rows.map(({ monitor, result }) => toCheckResultJson(monitor, result)) })}\n`);
  } else if (rows.length === 0) {
    io.stdout('no monitors to check\n');
  } else {
    io.stdout(`${formatCheckTable(rows)}\n`);
  }
  return exitCodeFor(results.map((result) => result.status));
}
