// One small HTTPS GET for discovery: undici with a per-request Agent whose connections resolve through the
// --resolve overrides and the chosen DNS server, trust the system roots plus --ca, and verify the real name.
// Redirects are followed by hand (reusing the HTTP check's rules) so loops and the hop limit are ours.
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { Agent, buildConnector, request } from 'undici';
import { classifyError } from '../../checks/http/failures.ts';
import { checkRedirectAllowed, isRedirect, RedirectError, redirectStep } from '../../checks/http/redirects.ts';
import type { HttpStep } from '../../checks/http/request-plan.ts';
import { lookupWithOverrides } from './resolve-override.ts';
import type { ResolveOverride } from './types.ts';
import { connectTarget, type ConnectToRule } from '../../checks/connect-to.ts';

/** What every request of one discovery shares. */
export interface HttpsContext {
  overrides: ResolveOverride[];
  connectTo?: ConnectToRule[];
  dnsServer?: string;
  /** System roots plus the caFile; undefined = Node's defaults. */
  ca?: string[];
  timeoutMs: number;
}

export interface GetOptions {
  headers?: Record<string, string>;
  /** 0 = do not follow redirects. */
  maxRedirects?: number;
  /** Larger bodies are an error, not truncated: half a JSON document is no answer. */
  maxBytes?: number;
  /** The name to send as SNI and verify; an IP literal sends no SNI and verifies the address. */
  tlsServerName?: string;
}

export interface GetResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The URL that answered (after redirects). */
  url: string;
  /** URLs redirected to, in order. */
  redirects: string[];
}

export class GetError extends Error {
  override readonly name = 'GetError';
}

const DEFAULT_MAX_BYTES = 64 * 1024;
const USER_AGENT = 'Picket uptime monitor (Matrix discovery)';

function connector(context: HttpsContext, tlsServerName: string | undefined): buildConnector.connector {
  return (options, callback) => {
    // Built per connection because the lookup depends on the port (curl's --resolve is per host AND port).
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const target = connectTarget(context.connectTo, options.hostname, port);
    // The name verified stays the URL's (or the forced one) when --connect-to sends the socket elsewhere.
    const named = tlsServerName ?? options.hostname;
    const connect = buildConnector({
      ca: context.ca,
      lookup: lookupWithOverrides(context.overrides, context.dnsServer, target.port),
      timeout: context.timeoutMs,
      ...(target.rule !== undefined ? { checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(named, cert) } : {}),
    });
    const forced = tlsServerName === undefined && target.rule === undefined ? options.servername : isIP(named) === 0 ? named : undefined;
    connect({ ...options, hostname: target.host, port: String(target.port), servername: forced }, callback);
  };
}

async function readCapped(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw new GetError(`response body larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The classified failure, with Node's detail for TLS errors (which names the certificate's names). */
function describe(error: unknown, timeoutSeconds: number): string {
  if (error instanceof GetError) return error.message;
  const failure = classifyError(error, 'waiting for the response headers', timeoutSeconds);
  let detail: unknown = error;
  while (detail instanceof Error && detail.cause !== undefined) detail = detail.cause;
  const reason = detail instanceof Error ? (detail.message.split('\n')[0] ?? '') : '';
  return failure.failureKind === 'tls' && reason !== '' && !failure.message.includes(reason) ? `${failure.message} (${reason})` : failure.message;
}

/** GETs url; throws GetError with a readable message for every network, TLS, redirect or size problem. */
export async function httpsGet(url: string, context: HttpsContext, options: GetOptions = {}): Promise<GetResult> {
  const agent = new Agent({
    connect: connector(context, options.tlsServerName),
    headersTimeout: context.timeoutMs,
    bodyTimeout: context.timeoutMs,
  });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new GetError(`timed out after ${context.timeoutMs / 1000} s`)), context.timeoutMs);
  const maxRedirects = options.maxRedirects ?? 0;
  let step: HttpStep = { url: new URL(url), method: 'GET', headers: { 'user-agent': USER_AGENT, ...options.headers } };
  const visited = [step.url.href];
  try {
    for (;;) {
      const response = await request(step.url, { dispatcher: agent, method: 'GET', headers: step.headers, signal: controller.signal });
      // undici errors a body destroyed before its end; bodies are dropped on purpose here (redirects, the cap).
      response.body.on('error', () => {});
      const location = response.headers.location;
      if (maxRedirects > 0 && isRedirect(response.statusCode, typeof location === 'string' ? location : undefined)) {
        response.body.destroy();
        step = redirectStep(step, response.statusCode, location as string);
        // A downgrade to plain HTTP would let anyone on the path choose the delegation.
        if (step.url.protocol !== 'https:') throw new GetError(`redirect to a non-HTTPS URL "${step.url.href}"`);
        checkRedirectAllowed(visited, step.url.href, maxRedirects);
        visited.push(step.url.href);
        continue;
      }
      const body = await readCapped(response.body, options.maxBytes ?? DEFAULT_MAX_BYTES);
      return { status: response.statusCode, headers: response.headers, body, url: step.url.href, redirects: visited.slice(1) };
    }
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof GetError) throw controller.signal.reason;
    if (error instanceof RedirectError) throw new GetError(error.message);
    throw new GetError(describe(error, context.timeoutMs / 1000));
  } finally {
    clearTimeout(timer);
    agent.destroy().catch(() => {});
  }
}
