import { describe, expect, it } from 'vitest';
import { alertText, certificateTitle, labelFor, monitorLabels } from '../../../electron/core/alerting/policy/alert-wording.ts';
import { formatDuration } from '../../../electron/shared/format-duration.ts';
import { HOUR_MS } from '../../../electron/shared/time.ts';
import type { Alert } from '../../../electron/shared/types.ts';
import { httpView, tcpView, tlsView } from '../../main/tray/view-fixtures.ts';

const at = new Date(2025, 2, 4, 9, 14).getTime();
const api = { name: 'API', host: 'api.example.com' };

describe('alertText', () => {
  it('down: the name in the title, what failed and since when in the body', () => {
    const alert: Alert = { monitorId: 'api', kind: 'down', at, message: 'API is down: connection refused' };
    expect(alertText(alert, api)).toEqual({ title: 'API is down', body: 'connection refused · since 09:14' });
  });

  it('down: since the first failed check, not since the threshold declared it', () => {
    const alert: Alert = { monitorId: 'api', kind: 'down', at, message: 'API is down: connection refused', outageMs: 5 * 60_000 };
    expect(alertText(alert, api).body).toBe('connection refused · since 09:09');
  });

  it('down: keeps a message of another shape whole', () => {
    const alert: Alert = { monitorId: 'api', kind: 'down', at, message: 'HTTP 503 Service Unavailable' };
    expect(alertText(alert, api).body).toBe('HTTP 503 Service Unavailable · since 09:14');
  });

  it('recovered: how long the outage lasted', () => {
    const alert: Alert = { monitorId: 'api', kind: 'recovered', at, message: 'API recovered after 4 min 12 s', outageMs: 252_000 };
    expect(alertText(alert, api)).toEqual({ title: 'API recovered', body: 'after 4 min 12 s' });
  });

  it('recovered: an outage just short of an hour reads as the dashboard shows it, never rounded up to "1 h"', () => {
    const alert: Alert = { monitorId: 'api', kind: 'recovered', at, message: 'API recovered', outageMs: HOUR_MS - 400 };
    expect(alertText(alert, api).body).toBe(`after ${formatDuration(HOUR_MS - 400)}`);
    expect(alertText(alert, api).body).toBe('after 59 min 59 s');
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

describe('alertText for change events', () => {
  const keys = { name: 'Signing keys', host: 'matrix.example.com' };

  it('key-change: what changed in the title, old and new key ids in the body', () => {
    const alert: Alert = { monitorId: 'keys', kind: 'key-change', at, message: 'Signing keys: signing key changed (ed25519:a -> ed25519:b)' };
    expect(alertText(alert, keys)).toEqual({ title: 'Signing keys: signing key changed', body: 'ed25519:a -> ed25519:b' });
  });

  it('key-change: a message of another shape is kept, minus the name', () => {
    const alert: Alert = { monitorId: 'keys', kind: 'key-change', at, message: 'Signing keys: the key is new' };
    expect(alertText(alert, keys).body).toBe('the key is new');
  });

  it('delegation-changed: the same shape, whatever the detail is written as', () => {
    const kind = 'delegation-changed';
    const parens: Alert = { monitorId: 'fed', kind, at, message: 'Federation: delegation changed (matrix.example.com:443 -> fed.example.com:8448)' };
    expect(alertText(parens, { name: 'Federation', host: 'fed.example.com' })).toEqual({
      title: 'Federation: delegation changed',
      body: 'matrix.example.com:443 -> fed.example.com:8448',
    });
    const colon: Alert = { monitorId: 'fed', kind, at, message: 'example.com: delegation changed: port 443 -> 8448' };
    expect(alertText(colon, { name: 'example.com', host: 'example.com' }).body).toBe('port 443 -> 8448');
  });

  it('a kind without words of its own still shows its message', () => {
    const alert: Alert = { monitorId: 'api', kind: 'brand-new' as string as Alert['kind'], at, message: 'something happened' };
    expect(alertText(alert, api)).toEqual({ title: 'API', body: 'something happened' });
  });
});

describe('monitorLabels groups', () => {
  it('keeps the monitor group, so a homeserver\'s alerts can be told apart', () => {
    const view = tcpView('fed-tcp', 'down', 'Federation TCP');
    const labels = monitorLabels([{ ...view, monitor: { ...view.monitor, group: 'example.com' } }, tcpView('db', 'up', 'Database')]);
    expect(labels.get('fed-tcp')).toEqual({ name: 'Federation TCP', host: 'fed-tcp.example.test', group: 'example.com' });
    expect(labels.get('db')).not.toHaveProperty('group');
  });
});
