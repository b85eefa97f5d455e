// What the latest TLS check saw of the certificate, and which expiry reminders have gone out already.
import { CERTIFICATE_PROBLEMS, untrustedCertificateWords } from '../../../../electron/shared/certificate-words.ts';
import { formatDays } from '../../../../electron/shared/format-duration.ts';
import type { CertificateInfo } from '../../../../electron/shared/types.ts';
import { formatDateTime, formatDaysLeft } from './format.ts';

interface CertificatePanelProps {
  certificate: CertificateInfo | undefined;
  /** The monitor's reminder thresholds in days; a threshold at or above daysLeft has been crossed. */
  reminderDays: readonly number[];
}

function YesNo({ value, no }: { value: boolean; no?: string | undefined }) {
  return value ? (
    <span className="cert-yes">
      <span aria-hidden="true">✓ </span>Yes
    </span>
  ) : (
    <span className="cert-no">
      <span aria-hidden="true">✕ </span>No{no ? `: ${no}` : ''}
    </span>
  );
}

export function CertificatePanel({ certificate, reminderDays }: CertificatePanelProps) {
  if (!certificate) return <p className="detail-muted-text">No certificate read yet.</p>;
  const severity = certificate.daysLeft < 0 ? 'down' : reminderDays.some((days) => days >= certificate.daysLeft) ? 'warning' : 'up';
  const thresholds = [...reminderDays].sort((a, b) => b - a);
  return (
    <div className="cert-panel">
      <p className={`cert-days cert-${severity}`}>
        <strong>{formatDaysLeft(certificate.daysLeft)}</strong> · valid until {formatDateTime(Date.parse(certificate.validTo))}
      </p>
      <dl className="cert-facts">
        <dt>Issuer</dt>
        <dd>{certificate.issuer}</dd>
        <dt>Subject</dt>
        <dd>{certificate.subject}</dd>
        <dt>Names</dt>
        <dd>{certificate.names.length > 0 ? certificate.names.join(', ') : 'none'}</dd>
        <dt>Chain trusted</dt>
        <dd>
          <YesNo value={certificate.trusted} no={certificate.trusted ? undefined : untrustedCertificateWords(certificate.trustError)} />
          {/* The code OpenSSL gave, for a search or a bug report; the words above are for reading. */}
          {!certificate.trusted && certificate.trustError !== undefined && CERTIFICATE_PROBLEMS[certificate.trustError] !== undefined && (
            <code className="cert-code"> {certificate.trustError}</code>
          )}
        </dd>
        <dt>Name matches</dt>
        <dd>
          <YesNo value={certificate.nameMatches} />
        </dd>
      </dl>
      {thresholds.length > 0 && (
        <div className="cert-reminders">
          <h3>Expiry reminders</h3>
          <ul>
            {thresholds.map((days) => {
              const sent = days >= certificate.daysLeft;
              return (
                <li key={days} className={sent ? 'reminder-sent' : 'reminder-pending'}>
                  {formatDays(days)}: <span aria-hidden="true">{sent ? '✓ ' : '○ '}</span>
                  {sent ? 'sent' : 'not yet'}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
