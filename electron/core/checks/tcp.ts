// The TCP check: can a connection to host:port be opened within the monitor's timeout?
import { connect } from 'node:net';
import type { CheckResult, PhaseTimings, TcpMonitor } from '../../shared/types.ts';
import type { ProbeOptions } from './probe-options.ts';
import { connectTarget } from './connect-to.ts';
import { assertSocketTarget, CANCELLED, probeSocket, roundMs, timedLookup } from './probe-support.ts';

export async function checkTcp(monitor: TcpMonitor, options: ProbeOptions = {}): Promise<CheckResult> {
  assertSocketTarget(monitor);
  const now = options.now ?? Date.now;
  if (options.signal?.aborted) return { monitorId: monitor.id, status: 'down', at: now(), latencyMs: null, ...CANCELLED };
  const start = performance.now();
  let resolvedAt: number | undefined;

  const timings = (): PhaseTimings => {
    const result: PhaseTimings = { totalMs: roundMs(performance.now() - start) };
    if (resolvedAt !== undefined) result.dnsMs = roundMs(resolvedAt - start);
    return result;
  };
  return probeSocket({
    monitor,
    options,
    timings,
    open: (finish) => {
      // --connect-to moves where the socket goes; names (SNI, the certificate check) stay the monitor's.
      const target = connectTarget(options.connectTo, monitor.host, monitor.port);
      const socket = connect({
        host: target.host,
        port: target.port,
        lookup: timedLookup(options.lookup, () => {
          resolvedAt ??= performance.now();
        }),
      });
      socket.once('connect', () => {
        const phases = timings();
        phases.connectMs = roundMs(phases.totalMs - (phases.dnsMs ?? 0));
        finish({ status: 'up', latencyMs: phases.totalMs, message: `connected in ${Math.round(phases.totalMs)} ms`, timings: phases });
      });
      return socket;
    },
  });
}
