// The TLS-certificate check: handshake with host:port and report the server's certificate, trusted or not.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { connect, rootCertificates } from 'node:tls';
import type { CheckResult, PhaseTimings, TlsMonitor } from '../../shared/types.ts';
import { readCertificateInfo } from './certificate-info.ts';
import { judgeCertificate } from './certificate-verdict.ts';
import type { Failure } from './failure-kind.ts';
import type { ProbeOptions } from './probe-options.ts';
import { connectTarget } from './connect-to.ts';
import { assertSocketTarget, CANCELLED, probeSocket, roundMs, timedLookup } from './probe-support.ts';

type CaLoad = { ca?: string[] } | { failure: Failure };

/** System roots plus the monitor's private CA file; a file that cannot be used is the monitor's fault ('config'). */
async function loadTrustedCas(caFile: string | undefined): Promise<CaLoad> {
  if (caFile === undefined || caFile === '') return {};
  let pem: string;
  try {
    pem = await readFile(caFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { failure: { failureKind: 'config', message: `cannot read CA file ${caFile}: ${code}` } };
  }
  // Node silently ignores a CA that is not PEM, which would surface later as a puzzling "not trusted".
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    return { failure: { failureKind: 'config', message: `CA file ${caFile} holds no PEM certificate` } };
  }
  return { ca: [...rootCertificates, pem] };
}

export async function checkTls(monitor: TlsMonitor, options: ProbeOptions = {}): Promise<CheckResult> {
  assertSocketTarget(monitor);
  const now = options.now ?? Date.now;
  if (options.signal?.aborted) return { monitorId: monitor.id, status: 'down', at: now(), latencyMs: null, ...CANCELLED };
  const start = performance.now();
  const tlsOptions = monitor.tls ?? {};
  const name = tlsOptions.serverName ?? monitor.host;

  const trusted = await loadTrustedCas(tlsOptions.caFile);
  if ('failure' in trusted) {
    return { monitorId: monitor.id, status: 'down', at: now(), latencyMs: null, ...trusted.failure, timings: { totalMs: roundMs(performance.now() - start) } };
  }

  let resolvedAt: number | undefined;
  let connectedAt: number | undefined;
  const timings = (): PhaseTimings => {
    const result: PhaseTimings = { totalMs: roundMs(performance.now() - start) };
    if (resolvedAt !== undefined) result.dnsMs = roundMs(resolvedAt - start);
    if (connectedAt !== undefined) result.connectMs = roundMs(connectedAt - (resolvedAt ?? start));
    return result;
  };
  return probeSocket({
    monitor,
    options,
    timings,
    duringTlsHandshake: () => connectedAt !== undefined,
    open: (finish) => {
      // --connect-to moves where the socket goes; names (SNI, the certificate check) stay the monitor's.
      const target = connectTarget(options.connectTo, monitor.host, monitor.port);
      const socket = connect({
        host: target.host,
        port: target.port,
        // No SNI for an IP literal: RFC 6066 forbids it and Node warns.
        servername: isIP(name) === 0 ? name : undefined,
        ca: trusted.ca,
        // Finish the handshake even for a bad chain, so an expired or untrusted certificate can still be reported.
        rejectUnauthorized: false,
        // Keep socket.authorized about the chain alone; the name is judged separately (nameMatches).
        checkServerIdentity: () => undefined,
        lookup: timedLookup(options.lookup, () => {
          resolvedAt ??= performance.now();
        }),
      });
      socket.once('connect', () => {
        connectedAt = performance.now();
      });
      socket.once('secureConnect', () => {
        const handshakeDone = performance.now();
        const phases = timings();
        phases.tlsMs = roundMs(handshakeDone - (connectedAt ?? start));
        const peer = socket.getPeerCertificate(true);
        if (!peer.raw) {
          finish({ status: 'down', latencyMs: null, failureKind: 'tls', message: 'the server sent no certificate', timings: phases });
          return;
        }
        const nowMs = now();
        const certificate = readCertificateInfo(peer, socket, name, nowMs);
        const verdict = judgeCertificate(certificate, { expiryWarningDays: monitor.expiryWarningDays, tls: tlsOptions }, name, nowMs);
        finish({ ...verdict, latencyMs: phases.totalMs, timings: phases, certificate });
      });
      return socket;
    },
  });
}
