// Mute and pause: which alerts the user does not want to hear about. Every front applies the same rule here.
import type { AppSettings } from '../../../shared/contract.ts';
import type { Alert } from '../../../shared/types.ts';

export type SilenceSettings = Pick<AppSettings, 'alertsPausedUntil' | 'mutedMonitors'>;

export function alertsPaused(settings: SilenceSettings, now: number): boolean {
  return settings.alertsPausedUntil !== null && settings.alertsPausedUntil > now;
}

/** The alerts that may be sent anywhere: none while paused, and none of a muted monitor. */
export function audibleAlerts(alerts: readonly Alert[], settings: SilenceSettings, now: number): Alert[] {
  if (alertsPaused(settings, now)) return [];
  const muted = new Set(settings.mutedMonitors);
  return alerts.filter((alert) => !muted.has(alert.monitorId));
}
