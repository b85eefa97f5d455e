// One GET to a Matrix federation endpoint through the ordinary HTTP check: connect to the resolved host:port,
// send discovery's Host header, verify the certificate for tlsServerName, and hand back the parsed JSON.
import { isIP } from 'node:net';
import type { CheckResult, HttpMonitor, MatrixMonitor } from '../../../shared/types.ts';
import { checkHttp } from '../../checks/http.ts';
import type { ProbeOptions } from '../../checks/probe-options.ts';

/** Matrix JSON answers are small; a cap keeps a misbehaving proxy from feeding the check megabytes. */
const MAX_BODY_BYTES = 256 * 1024;

export interface MatrixAnswer {
  /** The HTTP check's verdict: anything but up/warning means the JSON was never read. */
  result: CheckResult;
  /** Set when the HTTP check passed and the body parsed as JSON. */
  json?: unknown;
  /** Set when the HTTP check passed but the body was not JSON: why. */
  jsonError?: string;
}

function hostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The HTTP monitor that performs a Matrix request; exported so tests and the CLI can show what runs. */
export function federationRequest(monitor: MatrixMonitor, path: string): HttpMonitor {
  return {
    id: monitor.id,
    name: monitor.name,
    type: 'http',
    intervalSeconds: monitor.intervalSeconds,
    timeoutSeconds: monitor.timeoutSeconds,
    failureThreshold: monitor.failureThreshold,
    reminderIntervalMinutes: monitor.reminderIntervalMinutes,
    paused: monitor.paused,
    // The URL's authority is the Host header; connectTo and tls.serverName say where to go and what to verify.
    url: `https://${monitor.hostHeader}${path}`,
    connectTo: hostPort(monitor.host, monitor.port),
    method: 'GET',
    // Explicit, so a ":443" that discovery put in the Host header is kept as sent by other servers.
    headers: { host: monitor.hostHeader, accept: 'application/json' },
    expectedStatus: [200],
    keywordCaseInsensitive: false,
    keywordInvert: false,
    // Federation requests are not redirected (the spec resolves the endpoint once, up front).
    maxRedirects: 0,
    cacheBust: true,
    maxBodyBytes: MAX_BODY_BYTES,
    tls: { serverName: monitor.tlsServerName, ...(monitor.tls.caFile !== undefined ? { caFile: monitor.tls.caFile } : {}) },
  };
}

/** A TLS failure names the certificate name the spec requires here, which need not be the host connected to. */
function namingTlsServerName(result: CheckResult, tlsServerName: string): CheckResult {
  if (result.failureKind !== 'tls' || result.message.includes(tlsServerName)) return result;
  return { ...result, message: `${result.message} (federation here needs a certificate for ${tlsServerName})` };
}

export async function getMatrixJson(monitor: MatrixMonitor, path: string, options: ProbeOptions): Promise<MatrixAnswer> {
  let body: Buffer | undefined;
  const result = await checkHttp(federationRequest(monitor, path), {
    ...options,
    onBody: (received) => {
      body = received;
    },
  });
  if (result.status === 'down') return { result: namingTlsServerName(result, monitor.tlsServerName) };
  if (body === undefined) return { result, jsonError: 'the answer had no body' };
  try {
    return { result, json: JSON.parse(body.toString('utf8')) as unknown };
  } catch (error) {
    const capped = body.length >= MAX_BODY_BYTES ? ` (cut at ${MAX_BODY_BYTES} bytes)` : '';
    return { result, jsonError: `the answer is not JSON${capped}: ${(error as Error).message}` };
  }
}

/** The HTTP result turned down because the content was wrong; latency and timings stay. */
export function contentFailure(result: CheckResult, message: string, detail?: Record<string, string>): CheckResult {
  return { ...result, status: 'down', failureKind: 'protocol', message, ...(detail !== undefined ? { detail } : {}) };
}
