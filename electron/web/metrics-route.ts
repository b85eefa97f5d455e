// GET /metrics: the Prometheus text format. serve guards it with its access token, sent as
// "Authorization: Bearer TOKEN" (what Prometheus sends from `authorization:` in a scrape config).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsExposition } from '../core/metrics/picket-metrics.ts';

/** What the route needs of the metrics: the text of one scrape. */
export interface MetricsEndpoint {
  exposition(): Promise<MetricsExposition>;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra });
  res.end(text);
}

/** `authorized` is null when the endpoint is open (run's --metrics-listen), else whether the request carried the token. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: MetricsEndpoint, authorized: boolean | null): Promise<void> {
  if (authorized === false) return sendText(res, 401, 'missing or wrong access token: send Authorization: Bearer TOKEN\n', { 'www-authenticate': 'Bearer' });
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'use GET\n', { allow: 'GET, HEAD' });
  const { contentType, body } = await metrics.exposition();
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
