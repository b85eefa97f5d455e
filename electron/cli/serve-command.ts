// `picket serve --data DIR [--config FILE] [--port N] [--listen ADDRESS] [--public-url URL] [--token-file FILE]`:
// the engine with the dashboard over HTTP and WebSocket, on 127.0.0.1 unless --listen says otherwise.
// The first line on stdout is the dashboard's address with its access token (kept in DIR, see serve-home.ts).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../shared/config-validation.ts';
import type { ProbeOptions } from '../core/checks/probe-options.ts';
import type { MatrixServiceOptions } from '../core/matrix/homeserver-service/index.ts';
import { PicketService, ServiceError } from '../core/service/picket-service.ts';
import { startWebServer } from '../web/web-server.ts';
import { parseListenAddress, parsePublicUrl } from '../web/listen-address.ts';
import { UsageError } from './usage-error.ts';
import { startServeHome, type ServeHomeOptions } from './serve-home.ts';
import { startSleepDetector } from '../core/engine/sleep-detector.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_INVALID, EXIT_OK } from './exit-codes.ts';

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
    const outcome = await service.handle('importConfig', { json, mode: 'merge' });
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
    const staticDir = options.staticDir ?? DEFAULT_STATIC_DIR;
    const hasDashboard = existsSync(staticDir);
    const home = await startServeHome(
      { dataDir: options.dataDir, port: options.port, listen: options.listen, publicUrl: options.publicUrl, tokenFile: options.tokenFile },
      (network) => startWebServer({ handler: service, ...network, ...(hasDashboard ? { staticDir } : {}) }),
      io,
    );
    if (home === undefined) return EXIT_INVALID;
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
    home.stop();
    await server.close();
  } finally {
    await service.close();
  }
  return EXIT_OK;
}
