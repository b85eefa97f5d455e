// Picket's command line: `check` runs every monitor once, `run` watches in the foreground.
// Exit codes: 0 all up, 1 a warning, 2 a down, 3 invalid input or config (the reason on stderr).
import { parseArgs } from 'node:util';
import { ConfigError } from '../shared/config-validation.ts';
import { createLookup } from '../core/checks/resolver.ts';
import type { ProbeOptions } from '../core/checks/probe-options.ts';
import { lookupWithOverrides, parseResolveOverride } from '../core/matrix/discovery/resolve-override.ts';
import type { ResolveOverride } from '../core/matrix/discovery/types.ts';
import type { MatrixServiceOptions } from '../core/matrix/homeserver-service/options.ts';
import { checkCommand } from './check-command.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_INVALID } from './exit-codes.ts';
import { runCommand } from './run-command.ts';
import { UsageError } from './usage-error.ts';
import { PICKET_VERSION } from './version.ts';

export const USAGE = `Usage: picket <command> [options]

Commands:
  check --config FILE [--json]             check every monitor once and exit
  run --config FILE --data DIR [--json]    watch in the foreground; Ctrl-C to stop
  serve --data DIR [--config FILE] [--port N] [--listen ADDRESS] [--public-url URL] [--token-file FILE]
                                           the engine with the dashboard on 127.0.0.1; prints its URL first
                                           (takes --resolve and --ca too, for "Add a Matrix homeserver")
  token show --data DIR [--token-file FILE]
                                           print serve's dashboard URL with its access token again
  token rotate --data DIR [--token-file FILE]
                                           replace the access token: every signed-in browser is signed out
  matrix discover NAME [--json]            how a Matrix server name resolves: federation and client endpoints
  matrix check NAME [--json]               discover, then check the homeserver's monitors once, with a diagnosis

Options:
  --config FILE          the monitors, in Picket's JSON config format (docs/config.md)
  --data DIR             where run and serve keep their state and history (serve: its access token too)
  --port N               serve: the port (default: the last run's when free, else a free one)
  --listen ADDRESS       serve: listen on this IP address (e.g. 0.0.0.0) instead of 127.0.0.1 only;
                         put a TLS reverse proxy in front (docs/running-as-a-service.md)
  --public-url URL       serve: the address browsers use through a reverse proxy, e.g. https://picket.example.org
  --token-file FILE      serve, token: keep the access token in FILE instead of DIR/serve-token (mode 600)
  --json                 machine-readable output (check: one JSON document; run: one JSON object a line)
  --dns-server ADDR:PORT resolve host names through this DNS server instead of the system's
  --resolve HOST:PORT:ADDRESS
                         matrix, serve: connect to ADDRESS for HOST:PORT, as curl does (repeatable)
  --ca FILE              matrix, serve: extra trusted CA certificates (PEM)
  -h, --help             this text
  -v, --version          the version

Exit codes: 0 all up, 1 a warning, 2 a down, 3 invalid input or config (serve: also a port it cannot use).
`;

function probeOptionsFrom(dnsServer: string | undefined): Omit<ProbeOptions, 'signal' | 'now'> {
  if (dnsServer === undefined) return {};
  try {
    const lookup = createLookup(dnsServer);
    return lookup ? { lookup } : {};
  } catch (error) {
    throw new UsageError(`--dns-server: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * serve's Matrix options: discovery gets --resolve, --dns-server and --ca, and the checks of the groups it builds
 * resolve the overridden names the same way (without the port: a check's lookup is not told it).
 */
function serveMatrixOptions(
  resolve: string[],
  dnsServer: string | undefined,
  caFile: string | undefined,
  probeOptions: Omit<ProbeOptions, 'signal' | 'now'>,
): { matrix: MatrixServiceOptions; probeOptions: Omit<ProbeOptions, 'signal' | 'now'> } {
  let overrides: ResolveOverride[];
  try {
    overrides = resolve.map((value) => parseResolveOverride(value));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const matrix: MatrixServiceOptions = {
    ...(overrides.length > 0 ? { resolve: overrides } : {}),
    ...(dnsServer !== undefined ? { dnsServer } : {}),
    ...(caFile !== undefined ? { caFile } : {}),
  };
  return { matrix, probeOptions: overrides.length > 0 ? { ...probeOptions, lookup: lookupWithOverrides(overrides, dnsServer) } : probeOptions };
}

function required(value: string | undefined, flag: string, command: string): string {
  if (value === undefined || value === '') throw new UsageError(`${command} needs ${flag}`);
  return value;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65_535) throw new UsageError(`--port: must be a number from 1 to 65535, got "${value}"`);
  return port;
}

/**
 * Resolves on the first SIGINT or SIGTERM. A terminal's Ctrl-C reaches both tsx and this process, and tsx
 * relays it once more: a repeat within a moment is that echo and is ignored. A second Ctrl-C later on means
 * "stop now" and exits at once.
 */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    let firstAt: number | undefined;
    const onSignal = (signal: NodeJS.Signals): void => {
      const now = Date.now();
      if (firstAt === undefined) {
        firstAt = now;
        resolve();
      } else if (now - firstAt > 1_000) {
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function main(argv: string[], io: CliIo, stopSignal: () => Promise<void> = untilStopped): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        'dns-server': { type: 'string' },
        port: { type: 'string' },
        resolve: { type: 'string', multiple: true, default: [] },
        ca: { type: 'string' },
        listen: { type: 'string' },
        'public-url': { type: 'string' },
        'token-file': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    const [command, ...extra] = positionals;
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (values.version) {
      io.stdout(`picket ${PICKET_VERSION}\n`);
      return 0;
    }
    if (command === undefined) throw new UsageError('no command given');
    if (command === 'matrix') return await matrixCommand(extra, values, io);
    if (command === 'token') {
      const { parseTokenAction, tokenCommand } = await import('./token-command.ts');
      const [action, ...rest] = extra;
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      return await tokenCommand({ action: parseTokenAction(action), dataDir: required(values.data, '--data DIR', 'token'), tokenFile: values['token-file'] }, io);
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const probeOptions = probeOptionsFrom(values['dns-server']);
    switch (command) {
      case 'check':
        return await checkCommand({ configPath: required(values.config, '--config FILE', 'check'), json: values.json, probeOptions }, io);
      case 'run':
        return await runCommand(
          {
            configPath: required(values.config, '--config FILE', 'run'),
            dataDir: required(values.data, '--data DIR', 'run'),
            json: values.json,
            probeOptions,
            stopSignal: stopSignal(),
          },
          io,
        );
      case 'serve': {
        const { serveCommand, parseServeNetworkFlags } = await import('./serve-command.ts');
        const withMatrix = serveMatrixOptions(values.resolve, values['dns-server'], values.ca, probeOptions);
        return await serveCommand(
          {
            dataDir: required(values.data, '--data DIR', 'serve'),
            ...(values.config !== undefined ? { configPath: values.config } : {}),
            port: parsePort(values.port),
            ...parseServeNetworkFlags(values.listen, values['public-url']),
            tokenFile: values['token-file'],
            probeOptions: withMatrix.probeOptions,
            matrix: withMatrix.matrix,
            stopSignal: stopSignal(),
          },
          io,
        );
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`picket: ${error.message}\n`);
      return EXIT_INVALID;
    }
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`picket: ${(error as Error).message}\n\n${USAGE}`);
      return EXIT_INVALID;
    }
    throw error;
  }
}

interface MatrixFlags {
  json: boolean;
  resolve: string[];
  'dns-server'?: string | undefined;
  ca?: string | undefined;
}

/** `matrix discover NAME` and `matrix check NAME`: the homeserver commands share their flags. */
async function matrixCommand(words: string[], flags: MatrixFlags, io: CliIo): Promise<number> {
  const [sub, serverName, ...rest] = words;
  if (sub !== 'discover' && sub !== 'check') {
    throw new UsageError(sub === undefined ? 'matrix needs a subcommand: discover or check' : `unknown matrix subcommand "${sub}"`);
  }
  if (serverName === undefined) throw new UsageError(`matrix ${sub} needs a server name`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const args = {
    serverName,
    json: flags.json,
    resolve: flags.resolve,
    ...(flags['dns-server'] !== undefined ? { dnsServer: flags['dns-server'] } : {}),
    ...(flags.ca !== undefined ? { caFile: flags.ca } : {}),
  };
  if (sub === 'check') {
    const { matrixCheckCommand } = await import('./matrix-check-command.ts');
    return matrixCheckCommand(args, io);
  }
  const { matrixDiscoverCommand } = await import('./matrix-discover-command.ts');
  return matrixDiscoverCommand(args, io);
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  return code.startsWith('ERR_PARSE_ARGS');
}
