// `picket run --config FILE --data DIR [--json]`: the scheduler in the foreground, persisting to DIR,
// printing every state change and alert. Ctrl-C (or SIGTERM) flushes history and exits 0.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Alert, EngineEvent, StateChange } from '../shared/types.ts';
import { mergeSettings } from '../shared/config-validation.ts';
import { readConfigFile } from '../core/config/config-file.ts';
import { runCheck } from '../core/checks/run-check.ts';
import type { ProbeOptions } from '../core/checks/probe-options.ts';
import { Engine } from '../core/engine/engine.ts';
import { startSleepDetector } from '../core/engine/sleep-detector.ts';
import { HistoryStore } from '../core/history/history-store.ts';
import { referenceProbeFor } from '../core/rules/reference-probe.ts';
import { openConfStore } from '../core/storage/index.ts';
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

/** The JSON-lines contract of `run --json`: field names are fixed; new fields may be added, none renamed. */
export function eventToJsonLine(event: Exclude<EngineEvent, { type: 'result' }>): string {
  const { at, ...rest } = event;
  return JSON.stringify({ ...rest, at: new Date(at).toISOString() });
}

export function eventToText(event: Exclude<EngineEvent, { type: 'result' }>, names: Map<string, string>): string {
  const time = new Date(event.at).toISOString();
  const name = names.get(event.monitorId) ?? event.monitorId;
  if (event.type === 'state') {
    const change: StateChange = event;
    return `${time}  ${name}: ${change.from} -> ${change.to}  ${change.message}`;
  }
  const alert: Alert = event;
  return `${time}  ALERT ${alert.kind.toUpperCase()}  ${alert.message}`;
}

export async function runCommand(options: RunCommandOptions, io: CliIo): Promise<number> {
  const config = await readConfigFile(options.configPath);
  await mkdir(options.dataDir, { recursive: true });
  const { store, report } = openConfStore(options.dataDir);
  if (report.recovered) {
    io.stderr(`picket: ${report.problem ?? 'the data file was damaged'}; the original was moved to ${report.movedAsideTo ?? '?'}\n`);
  }
  for (const dropped of report.droppedMonitors) io.stderr(`picket: dropped a stored monitor (${dropped.reason})\n`);
  // The config file's settings win over stored ones for this run, without overwriting what is stored.
  const settings = mergeSettings({ ...store.settings(), ...config.settings });
  const history = await HistoryStore.open(path.join(options.dataDir, 'history'), {
    rawRetentionDays: settings.rawRetentionDays,
    rollupRetentionDays: settings.rollupRetentionDays,
  });
  const engine = new Engine({
    runCheck,
    settings,
    history,
    probeOptions: options.probeOptions,
    referenceProbe: referenceProbeFor(settings.referenceTarget, 5_000, options.probeOptions.lookup ? { lookup: options.probeOptions.lookup } : {}),
    runtimeState: { load: () => store.runtimeState(), save: (state) => store.saveRuntimeState(state) },
  });
  const names = new Map(config.monitors.map((monitor) => [monitor.id, monitor.name]));
  engine.subscribe((event) => {
    if (event.type === 'result') return;
    io.stdout(`${options.json ? eventToJsonLine(event) : eventToText(event, names)}\n`);
  });
  const stopSleepDetector = startSleepDetector({
    onWake: () => {
      engine.suspend();
      engine.resume();
    },
  });
  if (!options.json) {
    io.stderr(`picket: watching ${config.monitors.length} monitors, history in ${options.dataDir}; Ctrl-C to stop\n`);
  }
  engine.start(config.monitors);
  await options.stopSignal;
  stopSleepDetector();
  await engine.stop();
  await history.close();
  return EXIT_OK;
}
