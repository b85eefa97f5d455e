// What Matrix server discovery reports, shared by the engine and the UIs (plain TypeScript).
// Discovery itself is electron/core/matrix/discovery/.

export interface DiscoveryStep {
  /** e.g. "well-known", "srv _matrix-fed._tcp", "client well-known", "client versions". */
  step: string;
  tried: string;
  found?: string;
  error?: string;
}

/** Which rule of the spec's "Resolving server names" picked the federation endpoint. */
export type FederationVia =
  | 'ip-literal'
  | 'explicit-port'
  | 'well-known'
  | 'well-known-ip'
  | 'well-known-port'
  | 'well-known-srv'
  | 'well-known-srv-deprecated'
  | 'well-known-default-port'
  | 'srv'
  | 'srv-deprecated'
  | 'default-port';

/**
 * The SRV record discovery followed (rules srv, srv-deprecated and their well-known variants): the delegation a
 * homeserver group watches with its "delegation record" monitor, so a changed record is noticed before federation breaks.
 */
export interface SrvDelegation {
  /** The name asked: "_matrix-fed._tcp.example.org", or the deprecated "_matrix._tcp.example.org". */
  query: string;
  priority: number;
  weight: number;
  port: number;
  /** The record's target, lower-cased, without the final dot. */
  target: string;
}

export interface FederationTarget {
  /** Where to connect: an IP address or a host name (an SRV target, a delegated name). */
  host: string;
  port: number;
  /** The Host header federation requests carry. */
  hostHeader: string;
  /** The name the certificate must carry (an IP literal for the IP rules; then no SNI is sent). */
  tlsServerName: string;
  via: FederationVia;
  /** Set when an SRV record chose host and port: that record. */
  srv?: SrvDelegation;
}

export interface MatrixDiscovery {
  serverName: string;
  /** verified: /_matrix/federation/v1/version answered there, over TLS valid for tlsServerName. */
  federation: FederationTarget & { verified: boolean };
  /** verified: <baseUrl>/_matrix/client/versions answered with a "versions" array. */
  client: { baseUrl: string; verified: boolean };
  /** How long the server's /.well-known/matrix/server answer may be cached, when it was asked. */
  wellKnownCacheMs?: number;
  steps: DiscoveryStep[];
}
