// Picket's command line: `check` runs every monitor once, `run` watches in the foreground.
// Exit codes: 0 all up, 1 a warning, 2 a down, 3 invalid input or config (the reason on stderr).
import { parseArgs } from 'node:util';
import { ConfigError } from '../shared/config-validation.ts';
import { checkCommand } from './check-command.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_INVALID } from './exit-codes.ts';
import { checkCommandFlags, COMMAND_FLAGS, unknownFlagMessage } from './command-flags.ts';
import { parseListenAddress } from './listen-address.ts';
import { networkOptionsFrom } from './network-flags.ts';
import { runCommand } from './run-command.ts';
import { UsageError } from './usage-error.ts';
import { PICKET_VERSION } from './version.ts';

export const USAGE = `Usage: picket <command> [options]

Commands:
  check --config FILE [--json]             check every monitor once and exit
  run --data DIR [--config FILE] [--json] [--metrics-listen ADDRESS:PORT]
                                           watch in the foreground; Ctrl-C to stop (without --config:
                                           the monitors already saved in DIR)
  serve --data DIR [--config FILE] [--port N]
                                           the engine with the dashboard on 127.0.0.1; prints its URL first
                                           (takes --resolve and --ca too, for "Add a Matrix homeserver")
  export --format prometheus --config FILE --out DIR
                                           blackbox.yml, prometheus.yml and rules.yml for blackbox_exporter (docs/prometheus.md)
  import --from uptime-kuma|gatus FILE --data DIR [--dry-run] [--json]
                                           monitors from Uptime Kuma's kuma.db or a Gatus config (docs/migrating.md)
  matrix discover NAME [--json]            how a Matrix server name resolves: federation and client endpoints
  matrix check NAME [--json]               discover, then check the homeserver's monitors once, with a diagnosis
  channel test --config FILE --id ID [--json]
                                           send a test alert through one alert channel (exit 0 sent, 2 failed)

Options:
  --config FILE          the monitors, in Picket's JSON config format (docs/config.md)
  --data DIR             where run keeps its state and history
  --port N               serve: the port (default: a free one)
  --id ID                channel test: the id of the channel in --config to send a test alert through
  --json                 machine-readable output (check: one JSON document; run: one JSON object a line)
  --dns-server ADDR:PORT resolve host names through this DNS server instead of the system's
  --resolve HOST:PORT:ADDRESS
                         connect to ADDRESS for HOST:PORT, as curl does (repeatable)
  --connect-to HOST1:PORT1:HOST2:PORT2
                         connections meant for HOST1:PORT1 go to HOST2:PORT2; the Host header and the
                         certificate name stay HOST1 (as curl does; repeatable). Try a new server before
                         moving DNS
  --ca FILE              matrix, serve: extra trusted CA certificates (PEM)
  --metrics-listen ADDRESS:PORT
                         run: Prometheus metrics at http://ADDRESS:PORT/metrics (PORT alone: 127.0.0.1);
                         serve has them at /metrics behind its access token (docs/prometheus.md)
  -h, --help             this text
  -v, --version          the version

Exit codes:
  check, matrix check   0 all up, 1 a warning, 2 a down, 3 invalid input or config
  matrix discover       0 federation and client API both answer, 2 either does not, 3 invalid name or option
  run, serve            0 stopped with Ctrl-C or SIGTERM, 3 invalid input or config
  channel test          0 the channel accepted the test alert, 2 it did not, 3 a bad config or id
  import                0 something was (or would be) imported, 1 nothing could be, 3 an unreadable file
  export                0 written, 3 invalid input or config
  Any command           3 for an unknown flag, or one the command does not take
`;

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
    const { values, positionals, tokens } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        config: { type: 'string' },
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        'dns-server': { type: 'string' },
        port: { type: 'string' },
        id: { type: 'string' },
        resolve: { type: 'string', multiple: true, default: [] },
        'connect-to': { type: 'string', multiple: true, default: [] },
        ca: { type: 'string' },
        'metrics-listen': { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        from: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
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
    const givenFlags = tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : []));
    checkCommandFlags(command === 'matrix' || command === 'channel' ? `${command} ${extra[0] ?? ''}` : command, givenFlags);
    if (command === 'matrix') return await matrixCommand(extra, values, io);
    if (command === 'import') {
      const { importCommand } = await import('./import-command.ts');
      if (extra.length > 1) throw new UsageError(`unexpected argument "${extra[1]}"`);
      const file = extra[0];
      if (file === undefined) throw new UsageError('import needs the FILE to import: --from uptime-kuma kuma.db or --from gatus config.yaml');
      const from = required(values.from, '--from uptime-kuma|gatus', 'import');
      return await importCommand({ from, file, dataDir: required(values.data, '--data DIR', 'import'), dryRun: values['dry-run'], json: values.json }, io);
    }
    if (command === 'channel') {
      if (extra[0] !== 'test') throw new UsageError(extra[0] === undefined ? 'channel needs a subcommand: test' : `unknown channel subcommand "${extra[0]}"`);
      if (extra.length > 1) throw new UsageError(`unexpected argument "${extra[1]}"`);
      const { channelTestCommand } = await import('./channel-test-command.ts');
      const test = { configPath: required(values.config, '--config FILE', 'channel test'), channelId: required(values.id, '--id ID', 'channel test'), json: values.json };
      return await channelTestCommand(test, io);
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const network = networkOptionsFrom({ resolve: values.resolve, connectTo: values['connect-to'], dnsServer: values['dns-server'], caFile: values.ca });
    const { probeOptions } = network;
    switch (command) {
      case 'check':
        return await checkCommand({ configPath: required(values.config, '--config FILE', 'check'), json: values.json, probeOptions }, io);
      case 'run':
        return await runCommand(
          {
            ...(values.config !== undefined ? { configPath: values.config } : {}),
            dataDir: required(values.data, '--data DIR', 'run'),
            json: values.json,
            probeOptions,
            ...(values['metrics-listen'] !== undefined ? { metricsListen: parseListenAddress(values['metrics-listen'], '--metrics-listen') } : {}),
            stopSignal: stopSignal(),
          },
          io,
        );
      case 'serve': {
        const { serveCommand } = await import('./serve-command.ts');
        return await serveCommand(
          {
            dataDir: required(values.data, '--data DIR', 'serve'),
            ...(values.config !== undefined ? { configPath: values.config } : {}),
            port: parsePort(values.port),
            probeOptions,
            matrix: network.matrix,
            stopSignal: stopSignal(),
          },
          io,
        );
      }
      case 'export': {
        const { exportCommand } = await import('./export-command.ts');
        const format = required(values.format, '--format prometheus', 'export');
        return await exportCommand({ format, configPath: required(values.config, '--config FILE', 'export'), outDir: required(values.out, '--out DIR', 'export') }, io);
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`picket: ${error.message}\n`);
      return EXIT_INVALID;
    }
    if (error instanceof UsageError) {
      io.stderr(`picket: ${error.message}\n\n${USAGE}`);
      return EXIT_INVALID;
    }
    if (isParseArgsError(error)) {
      io.stderr(`picket: ${unknownFlagMessage(error as Error, ALL_FLAGS)}\n\n${USAGE}`);
      return EXIT_INVALID;
    }
    throw error;
  }
}

interface MatrixFlags {
  json: boolean;
  resolve: string[];
  'connect-to': string[];
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
    connectTo: flags['connect-to'],
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

const ALL_FLAGS = [...new Set(Object.values(COMMAND_FLAGS).flat())];

function isParseArgsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  return code.startsWith('ERR_PARSE_ARGS');
}
