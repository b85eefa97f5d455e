// run's --metrics-listen: the metrics of a running service on their own small HTTP server.
import { PicketMetrics, type MetricsSource } from '../core/metrics/picket-metrics.ts';
import { startMetricsServer } from '../web/metrics-server.ts';
import type { ListenAddress } from './listen-address.ts';
import { UsageError } from './usage-error.ts';

export interface RunMetrics {
  url: string;
  close(): Promise<void>;
}

export async function startRunMetrics(source: MetricsSource, listen: ListenAddress): Promise<RunMetrics> {
  const metrics = new PicketMetrics(source);
  try {
    const server = await startMetricsServer(metrics, listen.host, listen.port);
    return {
      url: server.url,
      close: async () => {
        await server.close();
        metrics.close();
      },
    };
  } catch (error) {
    metrics.close();
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EADDRNOTAVAIL' ? 'no such address on this machine' : code === 'EACCES' ? 'permission denied' : (code ?? String(error));
    throw new UsageError(`--metrics-listen: cannot listen on ${listen.host}:${listen.port} (${reason})`);
  }
}
