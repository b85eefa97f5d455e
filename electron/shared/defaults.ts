// Defaults a monitor gets for every field the user left out. The seed guide's values:
// 60 s interval, 10 s timeout, alert after 2 HTTP failures and 1 TCP failure, reminders at 30/14/7/3/1 days.
import type { MonitorType, Settings } from './types.ts';

export const DEFAULT_INTERVAL_SECONDS = 60;
export const MIN_INTERVAL_SECONDS = 1;
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_EXPECTED_STATUS: Array<number | string> = ['200-299'];
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_EXPIRY_WARNING_DAYS: readonly number[] = [30, 14, 7, 3, 1];

export const DEFAULT_FAILURE_THRESHOLD: Record<MonitorType, number> = {
  http: 2,
  tcp: 1,
  tls: 1,
  // A federation answer can blip during a restart; a signing-key problem is never transient.
  'matrix-federation': 2,
  'matrix-keys': 1,
};

export const DEFAULT_SETTINGS: Settings = {
  rawRetentionDays: 2,
  rollupRetentionDays: 365,
  referenceTarget: '1.1.1.1:443',
  maxConcurrentChecks: 64,
  resumeSettleSeconds: 5,
  defaultExpiryWarningDays: [...DEFAULT_EXPIRY_WARNING_DAYS],
};
