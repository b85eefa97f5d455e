// `picket run [--config FILE] --data DIR [--json]`: the scheduler in the foreground, persisting to DIR,
// printing every state change and alert. Without --config it watches the monitors already saved in DIR
// (by serve, the app or an earlier run). Ctrl-C (or SIGTERM) flushes history and exits 0.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Alert, StateChange } from '../shared/types.ts';
import { ConfigError } from '../shared/config-validation.ts';
import { readConfigFile } from '../core/config/config-file.ts';
import type { ProbeOptions } from '../core/checks/probe-options.ts';
import { startSleepDetector } from '../core/engine/sleep-detector.ts';
import { PicketService } from '../core/service/picket-service.ts';
import { audibleAlerts } from '../core/alerting/policy/silencing.ts';
import { deliveryToJsonLine, deliveryToText, isRoutineResend } from './delivery-output.ts';
import type { CliIo } from './cli-io.ts';
import type { ListenAddress } from './listen-address.ts';
import { startRunMetrics } from './run-metrics.ts';
import { EXIT_OK } from './exit-codes.ts';
import { reportProblems } from './problem-lines.ts';

export interface RunCommandOptions {
  /** Absent: watch the monitors DIR already holds. */
  configPath?: string;
  dataDir: string;
  json: boolean;
  probeOptions: Omit<ProbeOptions, 'signal' | 'now'>;
  /** --metrics-listen: serve /metrics there (no token: loopback by default). */
  metricsListen?: ListenAddress;
  /** Resolves when the command should stop; main.ts wires SIGINT and SIGTERM to it. */
  stopSignal: Promise<void>;
}

type PrintedEvent = ({ type: 'state' } & StateChange) | ({ type: 'alert' } & Alert);

/** The JSON-lines contract of `run --json`: field names are fixed; new fields may be added, none renamed. */
export function eventToJsonLine(event: PrintedEvent): string {
  const { at, ...rest } = event;
  return JSON.stringify({ ...rest, at: new Date(at).toISOString() });
}

export function eventToText(event: PrintedEvent, names: Map<string, string>): string {
  const time = new Date(event.at).toISOString();
  const name = names.get(event.monitorId) ?? event.monitorId;
  if (event.type === 'state') return `${time}  ${name}: ${event.from} -> ${event.to}  ${event.message}`;
  return `${time}  ALERT ${event.kind.toUpperCase()}  ${event.message}`;
}

export async function runCommand(options: RunCommandOptions, io: CliIo): Promise<number> {
  // Read and validate first, so a bad config exits 3 before anything in DIR is touched.
  const configPath = options.configPath;
  const config = configPath !== undefined ? await readConfigFile(configPath) : undefined;
  const json = configPath !== undefined ? await readFile(configPath, 'utf8') : undefined;
  if (configPath === undefined && !existsSync(path.join(options.dataDir, 'picket.json'))) {
    throw new ConfigError([{ path: '', message: `${options.dataDir} holds no saved monitors: give --config FILE` }], 'nothing to watch');
  }
  await mkdir(options.dataDir, { recursive: true });
  // The config file is what `run` watches: DIR keeps history and alert bookkeeping, the monitors follow the file.
  // It is applied before the engine starts, so its settings (referenceTarget, ...) govern the first check.
  const service = await PicketService.open({
    dataDir: options.dataDir,
    probeOptions: options.probeOptions,
    ...(json !== undefined ? { config: { json, mode: 'replace' as const, source: `config ${configPath ?? ''}` } } : {}),
  });
  try {
    // A damaged picket.json (moved aside) is on the problem list with the rest, printed by reportProblems.
    const stopProblems = reportProblems(service, io, { toStdout: !options.json });
    const monitors = config?.monitors ?? service.views().map((view) => view.monitor);
    if (monitors.length === 0 && configPath === undefined) {
      throw new ConfigError([{ path: '', message: `${options.dataDir} holds no monitors: give --config FILE` }], 'nothing to watch');
    }
    const names = new Map(monitors.map((monitor) => [monitor.id, monitor.name]));
    const metrics = options.metricsListen ? await startRunMetrics(service, options.metricsListen) : undefined;
    if (metrics) io.stderr(`picket: metrics on ${metrics.url}\n`);
    const print = (event: PrintedEvent): void => io.stdout(`${options.json ? eventToJsonLine(event) : eventToText(event, names)}\n`);
    service.on('state', (change) => print({ type: 'state', ...change }));
    // Muted monitors and a pause silence `run` too, as they do the app: the same policy decides.
    service.on('alert', (alert) => {
      if (audibleAlerts([alert], service.settings(), Date.now()).length > 0) print({ type: 'alert', ...alert });
    });
    const channelList = config?.channels ?? (await service.handle('listChannels', {})).channels.map((view) => view.channel);
    const channelNames = (): Map<string, string> => new Map(channelList.map((channel) => [channel.id, channel.name]));
    service.alerting.onDelivery((report) => {
      if (isRoutineResend(report)) return;
      io.stdout(`${options.json ? deliveryToJsonLine(report) : deliveryToText(report, channelNames().get(report.channelId) ?? report.channelId)}\n`);
    });
    service.alerting.onChannelFailing((notice) => {
      const line = `alerts to ${notice.channelName} are failing: ${notice.error}`;
      // In --json mode stdout holds JSON only.
      if (options.json) io.stderr(`picket: ${line}\n`);
      else io.stdout(`${new Date().toISOString()}  ${line}\n`);
    });
    const stopSleepDetector = startSleepDetector({
      onWake: () => {
        service.suspend();
        service.resume();
      },
    });
    if (!options.json) {
      io.stderr(`picket: watching ${monitors.length} monitors, history in ${options.dataDir}; Ctrl-C to stop\n`);
    }
    await options.stopSignal;
    stopSleepDetector();
    await metrics?.close();
    stopProblems();
  } finally {
    await service.close();
  }
  return EXIT_OK;
}
