// `picket matrix check NAME [--json] [--resolve HOST:PORT:ADDRESS]... [--dns-server ADDR:PORT] [--ca FILE]`:
// discovers the homeserver, builds its group of monitors from what was found, runs each once and says what
// the states together most likely mean. Exit codes as `check`: 0 all up, 1 a warning, 2 a down, 3 invalid.
import { parseMonitor } from '../shared/config-validation.ts';
import type { CheckResult, Monitor } from '../shared/types.ts';
import { runCheck } from '../core/checks/run-check.ts';
import { discoverHomeserver } from '../core/matrix/discovery/discover.ts';
import { serverNameFromUserInput } from '../core/matrix/discovery/server-name.ts';
import { lookupWithOverrides, parseResolveOverride } from '../core/matrix/discovery/resolve-override.ts';
import type { MatrixDiscovery, ResolveOverride } from '../core/matrix/discovery/types.ts';
import { homeserverMonitors, roleOfMonitor } from '../core/matrix/group/index.ts';
import { diagnoseHomeserver } from '../core/matrix/diagnosis/index.ts';
import type { Diagnosis, HomeserverStates } from '../core/matrix/diagnosis/types.ts';
import { formatCheckTable, toCheckResultJson } from './check-output.ts';
import { formatDiscovery, toDiscoveryJson } from './matrix-discover-command.ts';
import type { CliIo } from './cli-io.ts';
import { parseConnectTo, type ConnectToRule } from '../core/checks/connect-to.ts';
import { EXIT_INVALID, exitCodeFor } from './exit-codes.ts';

export interface MatrixCheckArgs {
  serverName: string;
  json: boolean;
  resolve: string[];
  /** curl-style HOST1:PORT1:HOST2:PORT2, for discovery and every check of the group. */
  connectTo?: string[];
  dnsServer?: string;
  caFile?: string;
}

/** The group's states by role, as the diagnosis reads them; one check run gives a state per result. */
export function statesByRole(serverName: string, monitors: Monitor[], results: CheckResult[], discovery: MatrixDiscovery): HomeserverStates {
  const states: HomeserverStates = {};
  monitors.forEach((monitor, index) => {
    const role = roleOfMonitor(serverName, monitor.id);
    const result = results[index];
    if (role && result) states[role] = { state: result.status, lastResult: result };
  });
  const discoveryFailed = !discovery.federation.verified && !discovery.client.verified;
  const failedStep = discovery.steps.find((step) => step.error !== undefined);
  states.discovery = discoveryFailed
    ? {
        state: 'down',
        lastResult: {
          monitorId: 'discovery',
          status: 'down',
          at: Date.now(),
          latencyMs: null,
          message: failedStep?.error ?? 'nothing answered',
          failureKind: /ENOTFOUND|not found|resolve/i.test(failedStep?.error ?? '') ? 'dns' : 'other',
        },
      }
    : { state: 'up' };
  return states;
}

function formatDiagnosis(diagnosis: Diagnosis | null): string {
  if (!diagnosis) return 'Diagnosis: not enough answers to say.\n';
  return `Diagnosis (${diagnosis.severity}): ${diagnosis.cause}\n  What to do: ${diagnosis.advice}\n`;
}

export async function matrixCheckCommand(args: MatrixCheckArgs, io: CliIo): Promise<number> {
  let overrides: ResolveOverride[];
  let connectTo: ConnectToRule[];
  let discovery: MatrixDiscovery;
  try {
    overrides = args.resolve.map((value) => parseResolveOverride(value));
    connectTo = (args.connectTo ?? []).map((value) => parseConnectTo(value));
    discovery = await discoverHomeserver(serverNameFromUserInput(args.serverName), {
      resolve: overrides,
      connectTo,
      ...(args.dnsServer !== undefined ? { dnsServer: args.dnsServer } : {}),
      ...(args.caFile !== undefined ? { caFile: args.caFile } : {}),
    });
  } catch (error) {
    io.stderr(`picket: matrix check: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_INVALID;
  }
  const monitors = homeserverMonitors(discovery, args.caFile !== undefined ? { caFile: args.caFile } : {}).map((config) => parseMonitor(config));
  // Every check connects the way discovery did: the same --resolve and --connect-to overrides and DNS server.
  const lookup = lookupWithOverrides(overrides, args.dnsServer);
  const dnsServer = args.dnsServer !== undefined ? { dnsServer: args.dnsServer } : {};
  const results = await Promise.all(monitors.map((monitor) => runCheck(monitor, { lookup, connectTo, ...dnsServer })));
  const diagnosis = diagnoseHomeserver(statesByRole(discovery.serverName, monitors, results, discovery), discovery);
  if (args.json) {
    const json = {
      serverName: discovery.serverName,
      discovery: toDiscoveryJson(discovery),
      results: monitors.map((monitor, index) => toCheckResultJson(monitor, results[index] as CheckResult)),
      diagnosis: diagnosis ? { case: diagnosis.case, cause: diagnosis.cause, advice: diagnosis.advice, severity: diagnosis.severity } : null,
    };
    io.stdout(`${JSON.stringify(json)}\n`);
  } else {
    io.stdout(`${formatDiscovery(discovery)}\n${formatCheckTable(monitors.map((monitor, index) => ({ monitor, result: results[index] as CheckResult })))}\n\n${formatDiagnosis(diagnosis)}`);
  }
  return exitCodeFor(results.map((result) => result.status));
}
