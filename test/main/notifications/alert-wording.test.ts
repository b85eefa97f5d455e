import { describe, expect, it } from 'vitest';
import { alertText, certificateTitle, labelFor, monitorLabels } from '../../../electron/main/notifications/alert-wording.ts';
import type { Alert } from '../../../electron/shared/types.ts';
import { httpView, tcpView, tlsView } from '../tray/view-fixtures.ts';

const at = new Date(2025, 2, 4, 9, 14).getTime();
const api = { name: 'API', host: 'api.example.com' };

describe('alertText', () => {
  it('down: the name in the title, what failed and since when in the body', () => {
    const alert: Alert = { monitorId: 'api', kind: 'down', at, message: 'API is down: connection refused' };
    expect(alertText(alert, api)).toEqual({ title: 'API is down', body: 'connection refused · since 09:14' });
  });

  it('down: keeps a message of another shape whole', () => {
    const alert: Alert = { monitorId: 'api', kind: 'down', at, message: 'HTTP 503 Service Unavailable' };
    expect(alertText(alert, api).body).toBe('HTTP 503 Service Unavailable · since 09:14');
  });

  it('recovered: how long the outage lasted', () => {
    const alert: Alert = { monitorId: 'api', kind: 'recovered', at, message: 'API recovered after 4 min 12 s', outageMs: 252_000 };
    expect(alertText(alert, api)).toEqual({ title: 'API recovered', body: 'after 4 min 12 s' });
  });

  it('reminder: still down, for how long', () => {
    const alert: Alert = { monitorId: 'api', kind: 'reminder', at, message: 'API is still down after 2 h 5 min: timeout', outageMs: 7_500_000 };
    expect(alertText(alert, api)).toEqual({ title: 'API is still down', body: 'for 2 h 5 min' });
    const { outageMs: _omitted, ...withoutDuration } = alert;
    expect(alertText(withoutDuration, api).body).toBe('timeout');
  });

  it('certificate: host and days left in the title, the expiry date in the body', () => {
    const alert: Alert = {
      monitorId: 'matrix',
      kind: 'certificate',
      at,
      message: 'certificate for matrix.example.com expires in 7 days (2025-03-11)',
      thresholdDays: 7,
      daysLeft: 7,
    };
    expect(alertText(alert, { name: 'Matrix TLS', host: 'matrix.example.com' })).toEqual({
      title: 'Certificate for matrix.example.com expires in 7 days',
      body: 'Matrix TLS · valid until 2025-03-11',
    });
  });

  it.each([
    [1, 'Certificate for h expires in 1 day'],
    [0, 'Certificate for h expires today'],
    [-3, 'Certificate for h expired 3 days ago'],
    [undefined, 'Certificate for h expires soon'],
  ])('certificate title for %s days left', (daysLeft, title) => {
    const alert: Alert = { monitorId: 'h', kind: 'certificate', at, message: '', ...(daysLeft === undefined ? {} : { daysLeft }) };
    expect(certificateTitle(alert, 'h')).toBe(title);
  });
});

describe('monitorLabels', () => {
  it('takes names from the views and the host each kind of monitor checks', () => {
    const labels = monitorLabels([
      httpView('web', 'up', 'Website', 'https://www.example.com:8443/health'),
      tlsView('cert', 'up', 'Cert', '10.0.0.5', 'matrix.example.com'),
      tlsView('cert2', 'up', 'Cert 2', 'mail.example.com'),
      tcpView('db', 'up', 'Database'),
    ]);
    expect(labels.get('web')).toEqual({ name: 'Website', host: 'www.example.com' });
    expect(labels.get('cert')).toEqual({ name: 'Cert', host: 'matrix.example.com' });
    expect(labels.get('cert2')).toEqual({ name: 'Cert 2', host: 'mail.example.com' });
    expect(labels.get('db')).toEqual({ name: 'Database', host: 'db.example.test' });
  });

  it('falls back to the id for a monitor that is gone', () => {
    expect(labelFor(new Map(), 'old-id')).toEqual({ name: 'old-id', host: 'old-id' });
  });
});
