// Defaults a monitor gets for every field the user left out. The seed guide's values:
// 60 s interval, 10 s timeout, reminders at 30/14/7/3/1 days. Each type's failure threshold is in its spec
// (monitor-types/).
export const DEFAULT_INTERVAL_SECONDS = 60;
export const MIN_INTERVAL_SECONDS = 1;
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_EXPECTED_STATUS: Array<number | string> = ['200-299'];
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_EXPIRY_WARNING_DAYS: readonly number[] = [30, 14, 7, 3, 1];

// Not annotated with Settings: that type is derived from the schema, whose defaults are these values.
export const DEFAULT_SETTINGS = {
  rawRetentionDays: 2,
  rollupRetentionDays: 365,
  referenceTarget: '1.1.1.1:443',
  maxConcurrentChecks: 64,
  resumeSettleSeconds: 5,
  defaultExpiryWarningDays: [...DEFAULT_EXPIRY_WARNING_DAYS],
};
