// Certificate expiry reminders: one alert per threshold crossed, never twice for the same certificate.
// Keyed by fingerprint so a renewed certificate starts its own countdown.
import { formatDays } from '../../shared/format-duration.ts';
import type { Alert, CertificateInfo, TlsMonitor } from '../../shared/types.ts';

export interface CertificateReminderState {
  fingerprint256: string;
  /** Thresholds (days) already alerted for this certificate, largest first. */
  sentDays: number[];
}

export interface CertificateReminderOutcome {
  next: CertificateReminderState;
  alerts: Alert[];
}

type ReminderMonitor = Pick<TlsMonitor, 'id' | 'host' | 'expiryWarningDays'> & { tls?: { serverName?: string } };

export function certificateReminders(
  monitor: ReminderMonitor,
  prev: CertificateReminderState | undefined,
  cert: CertificateInfo,
  at: number,
): CertificateReminderOutcome {
  validate(monitor, cert);
  const sameCertificate = prev !== undefined && prev.fingerprint256 === cert.fingerprint256;
  const sent = sameCertificate ? prev.sentDays : [];
  const crossed = monitor.expiryWarningDays.filter((days) => cert.daysLeft <= days && !sent.includes(days));
  const sentDays = uniqueDescending([...sent, ...crossed]);
  const next: CertificateReminderState = { fingerprint256: cert.fingerprint256, sentDays };
  if (crossed.length === 0) return { next, alerts: [] };

  // Several thresholds crossed at once (first check, or a long sleep): only the most urgent one is news.
  const thresholdDays = Math.min(...crossed);
  const host = monitor.tls?.serverName ?? monitor.host;
  const alert: Alert = {
    monitorId: monitor.id,
    kind: 'certificate',
    at,
    message: expiryMessage(host, cert),
    thresholdDays,
    daysLeft: cert.daysLeft,
  };
  return { next, alerts: [alert] };
}

export function expiryMessage(host: string, cert: CertificateInfo): string {
  const date = isoDate(cert.validTo);
  const n = cert.daysLeft;
  if (n > 0) return `certificate for ${host} expires in ${formatDays(n)} (${date})`;
  if (n === 0) return `certificate for ${host} expires today (${date})`;
  return `certificate for ${host} expired ${formatDays(-n)} ago (${date})`;
}

function isoDate(validTo: string): string {
  const parsed = new Date(validTo);
  return Number.isNaN(parsed.getTime()) ? validTo : parsed.toISOString().slice(0, 10);
}

function uniqueDescending(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => b - a);
}

function validate(monitor: ReminderMonitor, cert: CertificateInfo): void {
  if (!Array.isArray(monitor.expiryWarningDays)) {
    throw new Error(`monitor "${monitor.id}": expiryWarningDays must be an array of days`);
  }
  for (const d of monitor.expiryWarningDays) {
    if (typeof d !== 'number' || !Number.isFinite(d) || d < 0) {
      throw new Error(`monitor "${monitor.id}": expiryWarningDays must hold numbers >= 0, got ${String(d)}`);
    }
  }
  if (typeof cert.daysLeft !== 'number' || !Number.isFinite(cert.daysLeft)) {
    throw new Error(`certificate.daysLeft must be a finite number, got ${String(cert.daysLeft)}`);
  }
  if (typeof cert.fingerprint256 !== 'string' || cert.fingerprint256 === '') {
    throw new Error('certificate.fingerprint256 must be a non-empty string');
  }
}
