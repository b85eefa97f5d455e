// Domain types shared by the engine, the CLI and (later) the UIs.
// Plain TypeScript only: no Node, no Electron, so a browser can import it too.

// The monitor types and their monitors are derived from the registry's schemas (monitor-types/registry.ts).
export type { Monitor, MonitorConfig, MonitorType } from './monitor-types/registry.ts';
export type { HttpAuth, HttpMethod, HttpMonitor } from './monitor-types/http.ts';
export type { TcpMonitor } from './monitor-types/tcp.ts';
export type { TlsMonitor } from './monitor-types/tls.ts';
export type { MatrixFederationMonitor } from './monitor-types/matrix-federation.ts';
export type { MatrixKeysMonitor } from './monitor-types/matrix-keys.ts';
export type { TlsOptions } from './monitor-types/schema-kit.ts';
export type { Settings } from './config-schema.ts';
import type { MatrixFederationMonitor } from './monitor-types/matrix-federation.ts';
import type { MatrixKeysMonitor } from './monitor-types/matrix-keys.ts';

/** What one check concluded. */
export type CheckStatus = 'up' | 'warning' | 'down';

/**
 * What a monitor is, as the user sees it.
 * pending: failing, but fewer consecutive times than its failureThreshold.
 * unknown: no data yet, the machine is asleep, or the machine itself is offline.
 */
export type MonitorState = 'up' | 'warning' | 'down' | 'pending' | 'paused' | 'unknown';

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

export type MatrixMonitor = MatrixFederationMonitor | MatrixKeysMonitor;

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

/** answer-changed: a monitor that watches an answer (a DNS record) saw it change while still meeting its expectations. */
export type AlertKind = 'down' | 'recovered' | 'reminder' | 'certificate' | 'key-change' | 'delegation-changed' | 'answer-changed';

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
