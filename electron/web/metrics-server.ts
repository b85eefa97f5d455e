// run's --metrics-listen: an HTTP server with /metrics and nothing else, like any Prometheus exporter.
// It has no token (run has no dashboard to share one with), so it listens on loopback unless told otherwise.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveMetrics, type MetricsEndpoint } from './metrics-route.ts';

export interface MetricsServer {
  /** http://HOST:PORT/metrics, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(metrics: MetricsEndpoint, host: string, port: number): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found: Picket serves /metrics here\n');
      return;
    }
    serveMetrics(req, res, metrics, null).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('the metrics could not be collected\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const shownHost = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${shownHost}:${bound.port}/metrics`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
