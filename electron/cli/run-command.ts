// `picket run --config FILE --data DIR [--json]`: the scheduler in the foreground, persisting to DIR,
// printing every state change and alert. Ctrl-C (or SIGTERM) flushes history and exits 0.
import { mkdir, readFile } from 'node:fs/promises';
import type { Alert, StateChange } from '../shared/types.ts';
import { ConfigError } from '../shared/config-validation.ts';
import { readConfigFile } from '../core/config/config-file.ts';
import type { ProbeOptions } from '../core/checks/probe-options.ts';
import { startSleepDetector } from '../core/engine/sleep-detector.ts';
import { PicketService, ServiceError } from '../core/service/picket-service.ts';
import { audibleAlerts } from '../core/alerting/policy/silencing.ts';
import { deliveryToJsonLine, deliveryToText, isRoutineResend } from './delivery-output.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_OK } from './exit-codes.ts';

export interface RunCommandOptions {
  configPath: string;
  dataDir: string;
  json: boolean;
  probeOptions: Omit<ProbeOptions, 'signal' | 'now'>;
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
  const config = await readConfigFile(options.configPath);
  const json = await readFile(options.configPath, 'utf8');
  await mkdir(options.dataDir, { recursive: true });
  const service = await PicketService.open({ dataDir: options.dataDir, probeOptions: options.probeOptions });
  try {
    if (service.openReport.recovered) {
      io.stderr(`picket: ${service.openReport.problem ?? 'the data file was damaged'}; the original was moved to ${service.openReport.movedAsideTo ?? '?'}\n`);
    }
    // The config file is what `run` watches: DIR keeps history and alert bookkeeping, the monitors follow the file.
    try {
      await service.importTrustedConfig(json, 'replace');
    } catch (error) {
      if (error instanceof ServiceError) throw new ConfigError(error.error.issues ?? [{ path: '', message: error.error.message }], `invalid config ${options.configPath}`);
      throw error;
    }
    const names = new Map(config.monitors.map((monitor) => [monitor.id, monitor.name]));
    const print = (event: PrintedEvent): void => io.stdout(`${options.json ? eventToJsonLine(event) : eventToText(event, names)}\n`);
    service.on('state', (change) => print({ type: 'state', ...change }));
    // Muted monitors and a pause silence `run` too, as they do the app: the same policy decides.
    service.on('alert', (alert) => {
      if (audibleAlerts([alert], service.settings(), Date.now()).length > 0) print({ type: 'alert', ...alert });
    });
    const channelNames = (): Map<string, string> => new Map((config.channels ?? []).map((channel) => [channel.id, channel.name]));
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
      io.stderr(`picket: watching ${config.monitors.length} monitors, history in ${options.dataDir}; Ctrl-C to stop\n`);
    }
    await options.stopSignal;
    stopSleepDetector();
  } finally {
    await service.close();
  }
  return EXIT_OK;
}
