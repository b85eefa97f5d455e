// The TCP check: can a connection to host:port be opened within the monitor's timeout?
import { connect } from 'node:net';
import type { CheckResult, PhaseTimings, TcpMonitor } from '../../shared/types.ts';
import type { Failure } from './failure-kind.ts';
import { describeNetworkError } from './failure-kind.ts';
import type { ProbeOptions } from './probe-options.ts';
import { assertSocketTarget, CANCELLED, roundMs, timedLookup, watchDeadline } from './probe-support.ts';

export async function checkTcp(monitor: TcpMonitor, options: ProbeOptions = {}): Promise<CheckResult> {
  assertSocketTarget(monitor);
  const now = options.now ?? Date.now;
  if (options.signal?.aborted) return { monitorId: monitor.id, status: 'down', at: now(), latencyMs: null, ...CANCELLED };
  const start = performance.now();
  let resolvedAt: number | undefined;

  return new Promise<CheckResult>((resolve) => {
    let finished = false;

    const timings = (): PhaseTimings => {
      const result: PhaseTimings = { totalMs: roundMs(performance.now() - start) };
      if (resolvedAt !== undefined) result.dnsMs = roundMs(resolvedAt - start);
      return result;
    };
    const finish = (result: Omit<CheckResult, 'monitorId' | 'at'>): void => {
      if (finished) return;
      finished = true;
      disarm();
      socket.destroy();
      resolve({ monitorId: monitor.id, at: now(), ...result });
    };
    const fail = (failure: Failure): void => {
      finish({ status: 'down', latencyMs: null, ...failure, timings: timings() });
    };
    const socket = connect({
      host: monitor.host,
      port: monitor.port,
      lookup: timedLookup(options.lookup, () => {
        resolvedAt ??= performance.now();
      }),
    });
    socket.once('connect', () => {
      const phases = timings();
      phases.connectMs = roundMs(phases.totalMs - (phases.dnsMs ?? 0));
      finish({ status: 'up', latencyMs: phases.totalMs, message: `connected in ${Math.round(phases.totalMs)} ms`, timings: phases });
    });
    const disarm = watchDeadline(monitor.timeoutSeconds, options.signal, fail);
    // Kept (not once) so a late error on a destroyed socket never goes unhandled.
    socket.on('error', (error) => fail(describeNetworkError(error, { host: monitor.host, timeoutSeconds: monitor.timeoutSeconds })));
  });
}
