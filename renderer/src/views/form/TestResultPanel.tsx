// What one "Test now" run of the draft saw, before anything is saved.
import type { CheckResult } from '../../../../electron/shared/types.ts';
import { formatDaysLeft, formatLatency } from '../detail/format.ts';
import { StateBadge } from '../../components/StateBadge.tsx';

export function TestResultPanel({ result }: { result: CheckResult }) {
  const certificate = result.certificate;
  return (
    <div className={`test-result test-${result.status}`}>
      <p className="test-result-head">
        <StateBadge state={result.status} /> <span>{result.message}</span>
      </p>
      <dl className="test-result-facts">
        <dt>Latency</dt>
        <dd>{formatLatency(result.latencyMs)}</dd>
        {result.statusCode !== undefined && (
          <>
            <dt>Status code</dt>
            <dd>{result.statusCode}</dd>
          </>
        )}
        {result.failureKind && (
          <>
            <dt>Failure</dt>
            <dd>{result.failureKind}</dd>
          </>
        )}
        {certificate && (
          <>
            <dt>Certificate</dt>
            <dd>
              {formatDaysLeft(certificate.daysLeft)}, issued by {certificate.issuer}; chain {certificate.trusted ? 'trusted' : 'NOT trusted'}; name{' '}
              {certificate.nameMatches ? 'matches' : 'does NOT match'}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
