// What the latest Matrix check read: the server software behind federation (so an upgrade, or a different
// server answering, shows) or the signing key ids (so a key change shows), plus the endpoint's names.
import type { CheckResult, MatrixMonitor } from '../../../../electron/shared/types.ts';

function serverSoftware(detail: Record<string, string> | undefined): string | null {
  if (!detail?.serverName) return null;
  return detail.serverVersion ? `${detail.serverName} ${detail.serverVersion}` : detail.serverName;
}

export function MatrixPanel({ monitor, lastResult }: { monitor: MatrixMonitor; lastResult: CheckResult | null }) {
  const detail = lastResult?.detail;
  return (
    <dl className="cert-facts matrix-facts">
      {monitor.type === 'matrix-federation' ? (
        <>
          <dt>Server</dt>
          <dd>{serverSoftware(detail) ?? 'not read yet'}</dd>
        </>
      ) : (
        <>
          <dt>Key ids</dt>
          <dd>{detail?.keyIds ?? 'not read yet'}</dd>
          {detail?.keyFingerprint && (
            <>
              <dt>Key fingerprint</dt>
              <dd className="matrix-fingerprint">{detail.keyFingerprint}</dd>
            </>
          )}
        </>
      )}
      <dt>Matrix server name</dt>
      <dd>{monitor.serverName}</dd>
      <dt>Host header</dt>
      <dd>{monitor.hostHeader}</dd>
      <dt>Certificate name</dt>
      <dd>{monitor.tlsServerName}</dd>
    </dl>
  );
}
