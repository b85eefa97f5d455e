// Judges a certificate for a TLS monitor: expired, untrusted, for another name, expiring soon, or fine.
import { untrustedCertificateWords } from '../../shared/certificate-words.ts';
import { formatDays } from '../../shared/format-duration.ts';
import type { CertificateInfo, CheckStatus, FailureKind, TlsMonitor } from '../../shared/types.ts';
import { DAY_MS } from '../../shared/time.ts';

export interface CertificateVerdict {
  status: CheckStatus;
  failureKind?: FailureKind;
  message: string;
}


function isoDay(iso: string): string {
  return iso.slice(0, 10);
}

/** The first problem wins, in the order a person would want to hear about it. */
export function judgeCertificate(
  info: CertificateInfo,
  monitor: Pick<TlsMonitor, 'expiryWarningDays' | 'tls'>,
  name: string,
  nowMs: number,
): CertificateVerdict {
  const validTo = Date.parse(info.validTo);
  if (nowMs >= validTo) {
    const ago = Math.floor((nowMs - validTo) / DAY_MS);
    const when = ago === 0 ? 'today' : `${formatDays(ago)} ago`;
    return { status: 'down', failureKind: 'certificate', message: `certificate expired ${when}` };
  }
  if (nowMs < Date.parse(info.validFrom)) {
    return { status: 'down', failureKind: 'certificate', message: `certificate not valid until ${isoDay(info.validFrom)}` };
  }
  if (!info.trusted && !monitor.tls.ignoreErrors) {
    return { status: 'down', failureKind: 'certificate', message: untrustedCertificateWords(info.trustError) };
  }
  if (!info.nameMatches) {
    const carried = info.names.length > 0 ? info.names.join(', ') : info.subject;
    return { status: 'down', failureKind: 'certificate', message: `certificate is for ${carried}, not ${name}` };
  }
  const warnWithin = monitor.expiryWarningDays.length > 0 ? Math.max(...monitor.expiryWarningDays) : -1;
  if (info.daysLeft <= warnWithin) {
    const when = info.daysLeft === 0 ? 'today' : `in ${formatDays(info.daysLeft)}`;
    return { status: 'warning', failureKind: 'certificate', message: `certificate expires ${when} (${isoDay(info.validTo)})` };
  }
  return { status: 'up', message: `certificate valid for ${info.daysLeft} more ${info.daysLeft === 1 ? 'day' : 'days'}` };
}
