// The tls type in the engine: the certificate check in checks/tls.ts and its reminders, once per threshold
// and certificate.
import type { TlsMonitor } from '../../shared/types.ts';
import { checkTls } from '../checks/tls.ts';
import { tlsProbe } from '../export/prometheus/blackbox-probes.ts';
import { certificateReminders } from '../rules/certificate-reminders.ts';
import type { MonitorTypeDescriptor } from './monitor-type-descriptor.ts';

export const tlsDescriptor: MonitorTypeDescriptor<TlsMonitor> = {
  check: checkTls,
  rule(monitor, prev, result) {
    if (!result.certificate) return { result, next: {}, alerts: [] };
    const reminders = certificateReminders(monitor, prev.certificate, result.certificate, result.at);
    return { result, next: { certificate: reminders.next }, alerts: reminders.alerts };
  },
  prometheus: { probe: tlsProbe, certificateDays: (monitor) => monitor.expiryWarningDays },
};
