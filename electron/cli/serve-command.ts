// `picket serve --data DIR [--config FILE] [--port N]`: the engine with the dashboard over HTTP and
// WebSocket on 127.0.0.1. The first line on stdout is the dashboard's address with its access token.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProbeOptions } from '../core/checks/probe-options.ts';
import type { MatrixServiceOptions } from '../core/matrix/homeserver-service/index.ts';
import { ConfigError } from '../shared/config-validation.ts';
import { PicketMetrics } from '../core/metrics/picket-metrics.ts';
import { PicketService } from '../core/service/picket-service.ts';
import { startWebServer } from '../web/web-server.ts';
import { startSleepDetector } from '../core/engine/sleep-detector.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_OK } from './exit-codes.ts';
import { reportProblems } from './problem-lines.ts';

export interface ServeCommandOptions {
  dataDir: string;
  configPath?: string;
  port: number;
  probeOptions: Omit<ProbeOptions, 'signal' | 'now'>;
  /** --resolve, --dns-server and --ca for "Add a Matrix homeserver" (discovery and its groups' TLS checks). */
  matrix?: MatrixServiceOptions;
  stopSignal: Promise<void>;
  /** The built dashboard; defaults to electron-vite's output, out/renderer. */
  staticDir?: string;
}

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** The config file's text; its monitors are merged into what DIR already holds, so a restart keeps UI edits of others. */
async function readConfigText(configPath: string): Promise<string> {
  try {
    return await readFile(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([{ path: '', message: `config file ${configPath} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`}` }]);
  }
}

export async function serveCommand(options: ServeCommandOptions, io: CliIo): Promise<number> {
  const configJson = options.configPath ? await readConfigText(options.configPath) : undefined;
  const service = await PicketService.open({
    dataDir: options.dataDir,
    probeOptions: options.probeOptions,
    ...(options.matrix !== undefined ? { matrix: options.matrix } : {}),
    // Applied before the engine starts, so the file's settings govern the first check.
    ...(configJson !== undefined ? { config: { json: configJson, mode: 'merge' as const, source: `config file ${options.configPath}` } } : {}),
  });
  try {
    // A damaged picket.json (moved aside) is on the problem list with the rest, printed by reportProblems.
    const imported = (service.configOutcome?.added.length ?? 0) + (service.configOutcome?.updated.length ?? 0);
    const stopProblems = reportProblems(service, io);
    service.alerting.onChannelFailing((notice) => io.stderr(`picket: alerts to ${notice.channelName} are failing: ${notice.error}\n`));
    const staticDir = options.staticDir ?? DEFAULT_STATIC_DIR;
    const hasDashboard = existsSync(staticDir);
    const metrics = new PicketMetrics(service);
    const server = await startWebServer({ handler: service, port: options.port, metrics, ...(hasDashboard ? { staticDir } : {}) });
    io.stdout(`${server.url}\n`);
    if (!hasDashboard) io.stderr('picket: the dashboard is not built (npm run build); serving the API only\n');
    if (options.configPath) io.stderr(`picket: imported ${imported} monitors from ${options.configPath}\n`);
    io.stderr(`picket: serving on ${server.origin} (127.0.0.1 only); Ctrl-C to stop\n`);
    // No powerMonitor outside Electron: notice sleep from the clocks so it never becomes downtime.
    const stopSleepDetector = startSleepDetector({
      onWake: () => {
        service.suspend();
        service.resume();
      },
    });
    await options.stopSignal;
    stopSleepDetector();
    stopProblems();
    await server.close();
    metrics.close();
  } finally {
    await service.close();
  }
  return EXIT_OK;
}
