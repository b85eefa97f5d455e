// Lengths of time, in the units Picket counts in: milliseconds for clocks and timers, seconds where a config
// field or a foreign format (Prometheus, Uptime Kuma, cookies) speaks in seconds. One place, so a "day" is
// never written as 86_400_000 in one file and 24 * 60 * 60 * 1000 in the next.
// Fixed lengths: a calendar day across a daylight-saving change is not DAY_MS (see alerting/policy/local-time.ts).

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const MINUTE_SECONDS = 60;
export const HOUR_SECONDS = 60 * MINUTE_SECONDS;
export const DAY_SECONDS = 24 * HOUR_SECONDS;
