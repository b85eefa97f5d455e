// `picket serve --data DIR [--config FILE] [--port N]`: the engine with the dashboard over HTTP and
// WebSocket on 127.0.0.1. The first line on stdout is the dashboard's address with its access token.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../shared/config-validation.ts';
import type { ProbeOptions } from '../core/checks/probe-options.ts';
import type { MatrixServiceOptions } from '../core/matrix/homeserver-service/index.ts';
import { PicketService, ServiceError } from '../core/service/picket-service.ts';
import { startWebServer } from '../web/web-server.ts';
import { startSleepDetector } from '../core/engine/sleep-detector.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_OK } from './exit-codes.ts';

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

/** The config file's monitors are merged into what DIR already holds, so a restart keeps UI edits of others. */
async function importConfigFile(service: PicketService, configPath: string): Promise<number> {
  let json: string;
  try {
    json = await readFile(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([{ path: '', message: `config file ${configPath} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`}` }]);
  }
  try {
    const outcome = await service.importTrustedConfig(json, 'merge');
    return outcome.added.length + outcome.updated.length;
  } catch (error) {
    if (error instanceof ServiceError) throw new ConfigError(error.error.issues ?? [{ path: '', message: error.error.message }], `invalid config ${configPath}`);
    throw error;
  }
}

export async function serveCommand(options: ServeCommandOptions, io: CliIo): Promise<number> {
  const service = await PicketService.open({
    dataDir: options.dataDir,
    probeOptions: options.probeOptions,
    ...(options.matrix !== undefined ? { matrix: options.matrix } : {}),
  });
  try {
    if (service.openReport.recovered) {
      io.stderr(`picket: ${service.openReport.problem ?? 'the data file was damaged'}; the original was moved to ${service.openReport.movedAsideTo ?? '?'}\n`);
    }
    const imported = options.configPath ? await importConfigFile(service, options.configPath) : 0;
    service.alerting.onChannelFailing((notice) => io.stderr(`picket: alerts to ${notice.channelName} are failing: ${notice.error}\n`));
    const staticDir = options.staticDir ?? DEFAULT_STATIC_DIR;
    const hasDashboard = existsSync(staticDir);
    const server = await startWebServer({ handler: service, port: options.port, ...(hasDashboard ? { staticDir } : {}) });
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
    await server.close();
  } finally {
    await service.close();
  }
  return EXIT_OK;
}
