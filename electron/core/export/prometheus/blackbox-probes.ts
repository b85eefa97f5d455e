// One Picket monitor as a blackbox_exporter probe: the module settings and the target to probe with them.
// Modules are plain objects in blackbox.yml's shape; two monitors with equal settings share one module.
import { parseStatusRange } from '../../checks/http/status-ranges.ts';
import { REDACTED } from '../../../shared/contract.ts';
import { DEFAULT_MAX_REDIRECTS } from '../../../shared/defaults.ts';
import type { HttpMonitor, MatrixMonitor, TcpMonitor, TlsMonitor, TlsOptions } from '../../../shared/types.ts';
import { hostPort } from '../../../shared/monitor-types/schema-kit.ts';
import type { ExportNote } from './export-notes.ts';
import { promDuration, re2Literal } from './promql.ts';

/** blackbox_exporter's probers, each with its settings under its own name. */
export type BlackboxModule = {
  prober: 'http' | 'tcp' | 'dns' | 'icmp' | 'grpc';
  timeout: string;
  http?: Record<string, unknown>;
  tcp?: Record<string, unknown>;
  dns?: Record<string, unknown>;
};

export interface Probe {
  /** Also the first word of the module's name: http, tcp, tls, dns... */
  kind: string;
  module: BlackboxModule;
  target: string;
  notes: ExportNote[];
}

/** blackbox_exporter's default, and Picket's: any 2xx. */
const ANY_2XX = (codes: number[]): boolean => codes.length === 100 && codes[0] === 200 && codes[99] === 299;

function statusCodes(expected: Array<number | string>): number[] {
  const codes = new Set<number>();
  for (const entry of expected) {
    const { min, max } = parseStatusRange(entry);
    for (let code = min; code <= max; code++) codes.add(code);
  }
  return [...codes].sort((a, b) => a - b);
}

function tlsConfig(tls: TlsOptions | undefined, serverName?: string): Record<string, unknown> | undefined {
  const config: Record<string, unknown> = {};
  if (tls?.caFile) config.ca_file = tls.caFile;
  const name = serverName ?? tls?.serverName;
  if (name) config.server_name = name;
  if (tls?.ignoreErrors) config.insecure_skip_verify = true;
  return Object.keys(config).length > 0 ? config : undefined;
}

export function httpProbe(monitor: HttpMonitor): Probe {
  const notes: ExportNote[] = [];
  const about = { id: monitor.id, name: monitor.name };
  const note = (what: string, reason: string): void => void notes.push({ monitor: about, file: 'blackbox.yml', what, reason });
  const url = new URL(monitor.url);
  const headers: Record<string, string> = { ...monitor.headers };
  let target = monitor.url;
  let serverName = monitor.tls.serverName;
  if (monitor.connectTo) {
    // Like curl's --connect-to: probe the address, keep the URL's host as Host header and TLS name.
    const connected = new URL(monitor.url);
    connected.host = monitor.connectTo;
    target = connected.href;
    headers.Host = url.host;
    if (url.protocol === 'https:') serverName ??= url.hostname;
  }
  if (monitor.cacheBust) headers['Cache-Control'] = 'no-cache';
  const http: Record<string, unknown> = { method: monitor.method };
  if (Object.keys(headers).length > 0) http.headers = headers;
  if (monitor.body !== undefined) http.body = monitor.body;
  const codes = statusCodes(monitor.expectedStatus);
  if (!ANY_2XX(codes)) http.valid_status_codes = codes;
  if (monitor.keyword !== undefined) {
    const pattern = `${monitor.keywordCaseInsensitive ? '(?i)' : ''}${re2Literal(monitor.keyword)}`;
    http[monitor.keywordInvert ? 'fail_if_body_matches_regexp' : 'fail_if_body_not_matches_regexp'] = [pattern];
  }
  if (monitor.maxRedirects === 0) http.follow_redirects = false;
  else if (monitor.maxRedirects !== DEFAULT_MAX_REDIRECTS) note(`at most ${monitor.maxRedirects} redirects`, 'blackbox_exporter follows up to 10 redirects or none; it follows them here');
  const tls = tlsConfig(monitor.tls, serverName);
  if (tls) http.tls_config = tls;
  if (monitor.auth?.type === 'basic') {
    http.basic_auth = { username: monitor.auth.username, password: monitor.auth.password };
    if (monitor.auth.password === REDACTED) note('the basic auth password', 'the config file holds it redacted; write it into blackbox.yml');
  } else if (monitor.auth?.type === 'bearer') {
    http.authorization = { type: 'Bearer', credentials: monitor.auth.token };
    if (monitor.auth.token === REDACTED) note('the bearer token', 'the config file holds it redacted; write it into blackbox.yml');
  }
  return { kind: 'http', module: { prober: 'http', timeout: promDuration(monitor.timeoutSeconds), http }, target, notes };
}

export function tcpProbe(monitor: TcpMonitor): Probe {
  return { kind: 'tcp', module: { prober: 'tcp', timeout: promDuration(monitor.timeoutSeconds) }, target: hostPort(monitor.host, monitor.port), notes: [] };
}

export function tlsProbe(monitor: TlsMonitor): Probe {
  const tcp: Record<string, unknown> = { tls: true };
  const tls = tlsConfig(monitor.tls);
  if (tls) tcp.tls_config = tls;
  return { kind: 'tls', module: { prober: 'tcp', timeout: promDuration(monitor.timeoutSeconds), tcp }, target: hostPort(monitor.host, monitor.port), notes: [] };
}

/** Federation: an https request to the endpoint discovery found, with its Host header and certificate name. */
export function matrixProbe(monitor: MatrixMonitor): Probe {
  const about = { id: monitor.id, name: monitor.name };
  const keys = monitor.type === 'matrix-keys';
  const path = keys ? '/_matrix/key/v2/server' : '/_matrix/federation/v1/version';
  const http: Record<string, unknown> = {
    method: 'GET',
    headers: { Host: monitor.hostHeader },
    valid_status_codes: [200],
    fail_if_body_not_matches_regexp: [keys ? '"verify_keys"' : '"server"'],
    tls_config: { server_name: monitor.tlsServerName, ...(monitor.tls.caFile ? { ca_file: monitor.tls.caFile } : {}) },
  };
  const notes: ExportNote[] = [
    {
      monitor: about,
      file: 'blackbox.yml',
      what: 'the endpoint found by Matrix server discovery',
      reason: `blackbox_exporter probes a fixed address (${hostPort(monitor.host, monitor.port)}); re-run the export if .well-known or SRV records change`,
    },
  ];
  if (keys) {
    notes.push({
      monitor: about,
      file: 'blackbox.yml',
      what: 'the Ed25519 signature, server_name and valid_until_ts of the signing key',
      reason: 'blackbox_exporter can only match the body against a regular expression; it checks that the key document answers',
    });
  }
  return { kind: 'http', module: { prober: 'http', timeout: promDuration(monitor.timeoutSeconds), http }, target: `https://${hostPort(monitor.host, monitor.port)}${path}`, notes };
}

/** Once per export with Matrix monitors: the endpoints are discovery's, fixed at export time. */
export const MATRIX_DISCOVERY_NOTE: ExportNote = {
  file: 'rules.yml',
  what: 'PicketDelegationChanged (Matrix discovery now points elsewhere)',
  reason: 'Prometheus probes the fixed endpoints written at export time and never re-runs server discovery',
};
