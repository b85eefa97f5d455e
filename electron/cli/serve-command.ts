// `picket serve --data DIR [--config FILE] [--port N] [--listen ADDRESS] [--public-url URL] [--token-file FILE]`:
// the engine with the dashboard over HTTP and WebSocket, on 127.0.0.1 unless --listen says otherwise.
// The first line on stdout is the dashboard's address with its access token (kept in DIR, see serve-home.ts).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProbeOptions } from '../core/checks/probe-options.ts';
import type { MatrixServiceOptions } from '../core/matrix/homeserver-service/index.ts';
import { ConfigError } from '../shared/config-validation.ts';
import { PicketMetrics } from '../core/metrics/picket-metrics.ts';
import { PicketService } from '../core/service/picket-service.ts';
import { startWebServer } from '../web/web-server.ts';
import { parseListenAddress, parsePublicUrl } from '../web/listen-address.ts';
import { UsageError } from './usage-error.ts';
import { startServeHome, type ServeHomeOptions } from './serve-home.ts';
import { startSleepDetector } from '../core/engine/sleep-detector.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_INVALID, EXIT_OK } from './exit-codes.ts';
import { reportProblems } from './problem-lines.ts';

export interface ServeCommandOptions extends Partial<ServeHomeOptions> {
  dataDir: string;
  configPath?: string;
  /** 0: the port of the last run on this data folder when it is free, else any free one. */
  port: number;
  probeOptions: Omit<ProbeOptions, 'signal' | 'now'>;
  /** --resolve, --dns-server and --ca for "Add a Matrix homeserver" (discovery and its groups' TLS checks). */
  matrix?: MatrixServiceOptions;
  stopSignal: Promise<void>;
  /** The built dashboard; defaults to electron-vite's output, out/renderer. */
  staticDir?: string;
}

/** --listen and --public-url, checked; a bad value is a usage error naming the flag. */
export function parseServeNetworkFlags(listen: string | undefined, publicUrl: string | undefined): { listen: string; publicUrl: URL | undefined } {
  try {
    return { listen: parseListenAddress(listen), publicUrl: parsePublicUrl(publicUrl) };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
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
    const home = await startServeHome(
      { dataDir: options.dataDir, port: options.port, listen: options.listen, publicUrl: options.publicUrl, tokenFile: options.tokenFile },
      (network) => startWebServer({ handler: service, ...network, metrics, ...(hasDashboard ? { staticDir } : {}) }),
      io,
    );
    if (home === undefined) {
      stopProblems();
      metrics.close();
      return EXIT_INVALID;
    }
    const { server } = home;
    io.stdout(`${server.url}\n`);
    if (!hasDashboard) io.stderr('picket: the dashboard is not built (npm run build); serving the API only\n');
    if (options.configPath) io.stderr(`picket: imported ${imported} monitors from ${options.configPath}\n`);
    home.announce();
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
    home.stop();
    await server.close();
    metrics.close();
  } finally {
    await service.close();
  }
  return EXIT_OK;
}
