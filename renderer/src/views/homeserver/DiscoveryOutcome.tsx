// Where discovery says the homeserver is: the federation endpoint and how it was found, the names the
// monitors will use, and the client API, each with whether it was verified by an actual answer.
import type { MatrixDiscovery } from '../../../../electron/shared/matrix-types.ts';
import { formatSrvValue } from '../../../../electron/shared/monitor-types/dns.ts';
import { hostPort, VIA_WORDS } from './discovery-words.ts';
import { Verdict } from './Verdict.tsx';

export function DiscoveryOutcome({ discovery }: { discovery: MatrixDiscovery }) {
  const { federation, client } = discovery;
  return (
    <dl className="discovery-outcome">
      <dt>Federation endpoint</dt>
      <dd>
        <code>{hostPort(federation.host, federation.port)}</code> <Verdict ok={federation.verified} yes="Verified" no="Not verified" />
        {!federation.verified && <span className="field-hint"> No valid federation answer there yet; the monitors will say why.</span>}
      </dd>
      <dt>Found by</dt>
      <dd>{VIA_WORDS[federation.via]}</dd>
      {federation.srv !== undefined && (
        <>
          <dt>SRV record</dt>
          <dd>
            <code>{federation.srv.query}</code> → <code>{formatSrvValue(federation.srv)}</code>{' '}
            <span className="field-hint">watched as the group&apos;s delegation record: a change alerts before federation breaks</span>
          </dd>
        </>
      )}
      <dt>Host header</dt>
      <dd>
        <code>{federation.hostHeader}</code>
      </dd>
      <dt>Certificate name</dt>
      <dd>
        <code>{federation.tlsServerName}</code>
      </dd>
      <dt>Client base URL</dt>
      <dd>
        <code>{client.baseUrl}</code> <Verdict ok={client.verified} yes="Verified" no="Not verified" />
      </dd>
    </dl>
  );
}
