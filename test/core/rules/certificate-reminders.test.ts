import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { certificateReminders, type CertificateReminderState } from '../../../electron/core/rules/certificate-reminders.ts';
import type { Alert } from '../../../electron/shared/types.ts';
import { certificate, tlsMonitor } from './fixtures.ts';

const monitor = tlsMonitor();

/** Feeds a sequence of daysLeft (optionally with fingerprints); returns all alerts and the final state. */
function feed(checks: Array<[number, string?]>): { alerts: Alert[]; state: CertificateReminderState | undefined } {
  let state: CertificateReminderState | undefined;
  const alerts: Alert[] = [];
  checks.forEach(([daysLeft, fingerprint], i) => {
    const out = certificateReminders(monitor, state, certificate(daysLeft, fingerprint), i);
    alerts.push(...out.alerts);
    state = out.next;
  });
  return { alerts, state };
}

describe('certificateReminders', () => {
  it('nothing while outside every threshold', () => {
    expect(feed([[90], [31]]).alerts).toEqual([]);
  });

  it('alerts once per threshold for the same certificate', () => {
    const { alerts, state } = feed([[31], [30], [29], [15], [14], [13]]);
    expect(alerts.map((a) => [a.thresholdDays, a.daysLeft])).toEqual([
      [30, 30],
      [14, 14],
    ]);
    expect(alerts[0]).toEqual({
      monitorId: 'cert',
      kind: 'certificate',
      at: 1,
      message: 'certificate for example.test expires in 30 days (2026-12-01)',
      thresholdDays: 30,
      daysLeft: 30,
    });
    expect(state).toEqual({ fingerprint256: 'AA:BB', sentDays: [30, 14] });
  });

  it('several thresholds crossed at once: one alert for the smallest, the larger ones marked sent', () => {
    const { alerts, state } = feed([[5], [4]]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ thresholdDays: 7, daysLeft: 5, message: 'certificate for example.test expires in 5 days (2026-12-01)' });
    expect(state?.sentDays).toEqual([30, 14, 7]);
    expect(feed([[5], [3]]).alerts.map((a) => a.thresholdDays)).toEqual([7, 3]);
  });

  it('a new fingerprint (renewal) resets the bookkeeping', () => {
    const { alerts } = feed([[29, 'OLD'], [89, 'NEW'], [29, 'NEW']]);
    expect(alerts.map((a) => a.thresholdDays)).toEqual([30, 30]);
  });

  it('words expiry today, tomorrow and in the past', () => {
    expect(feed([[1]]).alerts[0]?.message).toBe('certificate for example.test expires in 1 day (2026-12-01)');
    expect(feed([[0]]).alerts[0]?.message).toBe('certificate for example.test expires today (2026-12-01)');
    const expired = feed([[-2]]).alerts[0];
    expect(expired).toMatchObject({ thresholdDays: 1, daysLeft: -2, message: 'certificate for example.test expired 2 days ago (2026-12-01)' });
  });

  it('names the serverName when the monitor sets one', () => {
    const named = tlsMonitor({ tls: { serverName: 'matrix.example.test' } });
    expect(certificateReminders(named, undefined, certificate(3), 0).alerts[0]?.message).toMatch(/^certificate for matrix\.example\.test /);
  });

  it('rejects bad thresholds and certificates, naming the field', () => {
    expect(() => certificateReminders(tlsMonitor({ expiryWarningDays: [30, -1] }), undefined, certificate(3), 0)).toThrow(/expiryWarningDays must hold numbers >= 0/);
    expect(() => certificateReminders(monitor, undefined, certificate(Number.NaN), 0)).toThrow(/certificate\.daysLeft/);
    expect(() => certificateReminders(monitor, undefined, certificate(3, ''), 0)).toThrow(/certificate\.fingerprint256/);
  });

  it('property: never two alerts for the same threshold and certificate, and every alert is due', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -5, max: 60 }), fc.constantFrom('A', 'B')), { maxLength: 40 }), (checks) => {
        let state: CertificateReminderState | undefined;
        const seen = new Set<string>();
        checks.forEach(([daysLeft, fingerprint], i) => {
          const out = certificateReminders(monitor, state, certificate(daysLeft, fingerprint), i);
          if (state?.fingerprint256 !== fingerprint) seen.clear();
          expect(out.alerts.length).toBeLessThanOrEqual(1);
          for (const alert of out.alerts) {
            expect(daysLeft).toBeLessThanOrEqual(alert.thresholdDays ?? Number.NEGATIVE_INFINITY);
            const key = `${fingerprint}:${alert.thresholdDays}`;
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          }
          state = out.next;
        });
      }),
    );
  });
});
