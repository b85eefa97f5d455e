// Domain types shared by the engine, the CLI and (later) the UIs.
// Plain TypeScript only: no Node, no Electron, so a browser can import it too.

export type MonitorType = 'http' | 'tcp' | 'tls' | 'matrix-federation' | 'matrix-keys';

/** What one check concluded. */
export type CheckStatus = 'up' | 'warning' | 'down';

/**
 * What a monitor is, as the user sees it.
 * pending: failing, but fewer consecutive times than its failureThreshold.
 * unknown: no data yet, the machine is asleep, or the machine itself is offline.
 */
export type MonitorState = 'up' | 'warning' | 'down' | 'pending' | 'paused' | 'unknown';

export type HttpMethod = 'GET' | 'HEAD' | 'POST';

/** Why a check failed; lets the offline guard tell "no answer at all" from "an answer we did not like". */
export type FailureKind =
  | 'dns' // the name did not resolve
  | 'timeout' // no answer within the deadline
  | 'unreachable' // the network or host is unreachable (ENETUNREACH, EHOSTUNREACH, ...)
  | 'refused' // the port answered with a refusal: the host is reachable
  | 'reset' // the connection was reset or closed mid-way
  | 'tls' // the TLS handshake failed or the certificate is not acceptable
  | 'status' // an unexpected HTTP status
  | 'keyword' // the body did (or did not) contain the keyword
  | 'redirect' // too many redirects, or a redirect loop
  | 'protocol' // a malformed response, oversized headers, ...
  | 'certificate' // a TLS monitor's certificate is expired, untrusted or for another name
  | 'config' // the monitor itself cannot be run (unreadable CA file, ...)
  | 'local' // Picket itself ran out of something (file descriptors, memory): says nothing about the server
  | 'other';

/** Failure kinds that mean nothing answered at all: the only ones the offline guard may explain away. */
export const NO_ANSWER_KINDS: readonly FailureKind[] = ['dns', 'timeout', 'unreachable'];

export interface TlsOptions {
  /** PEM file with extra trusted CA certificates (a private CA). */
  caFile?: string;
  /** HTTP monitors: do not verify the certificate at all. TLS monitors: an untrusted chain is not "down". */
  ignoreErrors?: boolean;
  /** SNI and the name the certificate must carry, when it differs from the host. */
  serverName?: string;
}

export type HttpAuth =
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

interface MonitorCommon {
  id: string;
  name: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  /** Consecutive failures before the monitor is "down" and a down alert fires. */
  failureThreshold: number;
  /** Re-alert every N minutes while down; 0 or absent means never. */
  reminderIntervalMinutes: number;
  paused: boolean;
  /** Monitors with the same group are shown together (a homeserver's monitors, say). */
  group?: string;
  /** Alert channel ids; absent means the homeserver group's channels, else the default channels. */
  channels?: string[];
}

export interface HttpMonitor extends MonitorCommon {
  type: 'http';
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  auth?: HttpAuth;
  /** Numbers and "200-299" style ranges. */
  expectedStatus: Array<number | string>;
  keyword?: string;
  keywordCaseInsensitive: boolean;
  /** The check fails when the body DOES contain the keyword. */
  keywordInvert: boolean;
  maxRedirects: number;
  /** Send Cache-Control: no-cache so a proxy cannot answer from its cache. */
  cacheBust: boolean;
  /** The most of the body ever read or held. */
  maxBodyBytes: number;
  /** A correct answer slower than this is "warning". */
  slowResponseMs?: number;
  /**
   * "address:port" to connect to instead of the URL's host and port (like curl's --connect-to); the URL's
   * host stays the Host header and the TLS name. How a delegated Matrix federation endpoint is reached.
   */
  connectTo?: string;
  tls: TlsOptions;
}

export interface TcpMonitor extends MonitorCommon {
  type: 'tcp';
  host: string;
  port: number;
}

export interface TlsMonitor extends MonitorCommon {
  type: 'tls';
  host: string;
  port: number;
  /** Reminder thresholds in days, largest first. Inside the largest, the monitor is "warning". */
  expiryWarningDays: number[];
  tls: TlsOptions;
}

/**
 * A Matrix federation endpoint as server discovery resolved it (Server-Server API, "Resolving server names"):
 * connect to host:port, send hostHeader as Host, and expect a certificate for tlsServerName.
 */
interface MatrixEndpoint {
  /** The Matrix server name (the part after ":" in @user:example.org). */
  serverName: string;
  host: string;
  port: number;
  hostHeader: string;
  tlsServerName: string;
  /** Only caFile applies: federation requires a valid certificate for tlsServerName. */
  tls: TlsOptions;
}

/** GET /_matrix/federation/v1/version at the resolved endpoint; records the server software and version. */
export interface MatrixFederationMonitor extends MonitorCommon, MatrixEndpoint {
  type: 'matrix-federation';
}

/** GET /_matrix/key/v2/server: server_name, an Ed25519 signature and valid_until_ts are checked. */
export interface MatrixKeysMonitor extends MonitorCommon, MatrixEndpoint {
  type: 'matrix-keys';
}

export type MatrixMonitor = MatrixFederationMonitor | MatrixKeysMonitor;

/** A monitor with every default filled in: what the engine runs. */
export type Monitor = HttpMonitor | TcpMonitor | TlsMonitor | MatrixMonitor;

/** Durations of each phase of a check, in milliseconds, where the protocol has them. */
export interface PhaseTimings {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  totalMs: number;
}

export interface CertificateInfo {
  /** ISO 8601. */
  validFrom: string;
  /** ISO 8601. */
  validTo: string;
  /** Whole days until validTo, rounded down; negative once expired. */
  daysLeft: number;
  issuer: string;
  subject: string;
  /** Subject alternative names (DNS and IP). */
  names: string[];
  /** SHA-256 fingerprint, colon-separated upper-case hex, as Node prints it. */
  fingerprint256: string;
  /** The chain verifies against the trusted CAs (system plus caFile). */
  trusted: boolean;
  /** The certificate is valid for the name that was asked for. */
  nameMatches: boolean;
  /** Why the chain is not trusted, as OpenSSL says it. */
  trustError?: string;
}

export interface CheckResult {
  monitorId: string;
  status: CheckStatus;
  /** When the check finished, epoch milliseconds (wall clock). */
  at: number;
  /** Total duration; null when the check never got an answer to time. */
  latencyMs: number | null;
  /** One line a person can read: "200 OK in 43 ms", "connection refused", ... */
  message: string;
  /** Set when status is not "up": why. */
  failureKind?: FailureKind;
  statusCode?: number;
  timings?: PhaseTimings;
  certificate?: CertificateInfo;
  /** Federation version and the like, for checks that read something worth recording. */
  detail?: Record<string, string>;
}

export type AlertKind = 'down' | 'recovered' | 'reminder' | 'certificate' | 'key-change' | 'delegation-changed';

export interface StateChange {
  monitorId: string;
  from: MonitorState;
  to: MonitorState;
  /** Epoch milliseconds. */
  at: number;
  message: string;
}

export interface Alert {
  monitorId: string;
  kind: AlertKind;
  /** Epoch milliseconds. */
  at: number;
  message: string;
  /** recovered: how long the outage lasted. reminder and down: how long it has lasted so far (from the first failed check). */
  outageMs?: number;
  /** certificate: the threshold crossed and the days left. */
  thresholdDays?: number;
  daysLeft?: number;
}

/** Everything the engine tells its subscribers. It never calls UI code itself. */
export type EngineEvent =
  | { type: 'result'; result: CheckResult }
  | ({ type: 'state' } & StateChange)
  | ({ type: 'alert' } & Alert);

export interface Incident {
  monitorId: string;
  /** Epoch milliseconds. */
  start: number;
  /** Epoch milliseconds; absent while the incident is open. */
  end?: number;
  durationMs?: number;
  firstError: string;
}

export interface Settings {
  /** Days of raw results to keep (at least 1). */
  rawRetentionDays: number;
  /** Days of rollups to keep. */
  rollupRetentionDays: number;
  /** Where the offline guard looks when every check fails at the network level: "host:port". */
  referenceTarget: string;
  /** Most checks in flight at once. */
  maxConcurrentChecks: number;
  /** After resume (or the network's return), wait this long before checking everything once. */
  resumeSettleSeconds: number;
  defaultExpiryWarningDays: number[];
}
