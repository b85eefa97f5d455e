// undici connector that opens plain TCP or TLS sockets itself, so a check can time DNS, TCP and TLS,
// know which phase it is in when the deadline hits, and destroy every socket it opened when it ends.
import dns from 'node:dns';
import net from 'node:net';
import type { LookupFunction, Socket } from 'node:net';
import tls from 'node:tls';
import { performance } from 'node:perf_hooks';
import type { buildConnector } from 'undici';
import type { HttpPhase } from './failures.ts';
import { connectTarget, type ConnectToRule } from '../connect-to.ts';

export interface ConnectionTimings {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
}

export interface TlsSettings {
  /** Trusted CAs (system roots plus the monitor's caFile); undefined = Node's defaults. */
  ca?: string[];
  rejectUnauthorized: boolean;
  /** SNI and the name verified, when it differs from the URL's host. */
  serverName?: string;
}

/** Connect to host:port whenever a request goes to `origin` (the URL's host and port), like curl's --connect-to. */
export interface ConnectOverride {
  origin: { hostname: string; port: number };
  host: string;
  port: number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export class TimedConnector {
  /** Timings of the most recently opened connection. */
  lastTimings: ConnectionTimings | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly tlsSettings: TlsSettings,
    private readonly onPhase: (phase: HttpPhase) => void,
    private readonly lookup?: LookupFunction,
    private readonly connectTo?: ConnectOverride,
    private readonly connectRules?: readonly ConnectToRule[],
  ) {}

  readonly connect: buildConnector.connector = (options, callback) => {
    const started = performance.now();
    const timings: ConnectionTimings = {};
    this.lastTimings = timings;
    const secure = options.protocol === 'https:';
    const urlHost = options.hostname;
    const urlPort = Number(options.port) || (secure ? 443 : 80);
    // Only the URL's own origin goes to connectTo: an HTTP redirect to another host connects where it says.
    const override = this.connectTo;
    const overridden = override !== undefined && override.origin.hostname === urlHost && override.origin.port === urlPort;
    // Then the user's --connect-to rules, on where the connection was going (the delegated host, for Matrix).
    const target = connectTarget(this.connectRules, overridden ? override.host : urlHost, overridden ? override.port : urlPort);
    const redirected = overridden || target.rule !== undefined;
    const { host, port } = target;
    let lookedUpAt: number | undefined;
    const resolve = this.lookup ?? dns.lookup;
    // Timed by wrapping the resolver: the socket's 'lookup' event is not emitted on every path (Happy Eyeballs).
    const lookup = {
      lookup: ((hostname, lookupOptions, lookupCallback) => {
        resolve(hostname, lookupOptions, (error, address, family) => {
          lookedUpAt = performance.now();
          timings.dnsMs = round(lookedUpAt - started);
          this.onPhase('connecting');
          lookupCallback(error, address, family);
        });
      }) satisfies LookupFunction,
    };
    // The URL's host, not the connect-to address, is the name the certificate must carry.
    // Node refuses an IP address as SNI, so only a name is sent.
    const named = this.tlsSettings.serverName ?? urlHost;
    const servername = net.isIP(named) ? undefined : named;
    const socket: Socket = secure
      ? tls.connect({
          host,
          port,
          servername,
          ca: this.tlsSettings.ca,
          rejectUnauthorized: this.tlsSettings.rejectUnauthorized,
          // Without SNI Node would check the certificate against the connect-to address instead of the URL's host.
          ...(redirected ? { checkServerIdentity: (_host: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(named.replace(/^\[|\]$/g, ''), cert) } : {}),
          ALPNProtocols: ['http/1.1'],
          ...lookup,
        })
      : net.connect({ host, port, ...lookup });
    this.sockets.add(socket);
    socket.setNoDelay(true);
    this.onPhase(net.isIP(host) ? 'connecting' : 'resolving the name');

    let connectedAt = started;
    let settled = false;
    socket.once('connect', () => {
      connectedAt = performance.now();
      timings.connectMs = round(connectedAt - (lookedUpAt ?? started));
      this.onPhase(secure ? 'during the TLS handshake' : 'waiting for the response headers');
      if (!secure) done(null);
    });
    socket.once('secureConnect', () => {
      timings.tlsMs = round(performance.now() - connectedAt);
      this.onPhase('waiting for the response headers');
      done(null);
    });
    // Stays attached: undici adds its own handlers once connected; this one only prevents a crash.
    socket.on('error', (error: Error) => done(error));
    socket.once('close', () => this.sockets.delete(socket));

    function done(error: Error | null): void {
      if (settled) return;
      settled = true;
      if (error) callback(error, null);
      else callback(null, socket);
    }
  };

  /** Destroys every socket this connector opened that is still open. */
  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
