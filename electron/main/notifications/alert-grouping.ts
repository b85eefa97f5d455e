// Several alerts within a few seconds become one notification per kind, so a network blip is one
// notification, not twenty: downs together, reminders together, recoveries together, certificates together.
import type { Alert, AlertKind } from '../../shared/types.ts';
import { alertText, days, labelFor, type MonitorLabel, type NotificationText } from './alert-wording.ts';

export interface AlertGroup extends NotificationText {
  kind: AlertKind;
  /** In the order shown; a click opens the first. */
  monitorIds: string[];
}

/** Most names spelled out in a grouped body; the rest are "and N more". */
export const MAX_NAMES = 3;

const KIND_ORDER: readonly AlertKind[] = ['down', 'reminder', 'recovered', 'certificate'];
const OUTAGE_KINDS: readonly AlertKind[] = ['down', 'reminder', 'recovered'];

export function groupAlerts(alerts: readonly Alert[], labels: ReadonlyMap<string, MonitorLabel>): AlertGroup[] {
  const latest = latestPerMonitor(alerts);
  return KIND_ORDER.flatMap((kind) => {
    const members = latest.filter((alert) => alert.kind === kind);
    // Certificates: the most urgent first, in the body and for the click.
    if (kind === 'certificate') members.sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity));
    if (members.length === 0) return [];
    const monitorIds = members.map((alert) => alert.monitorId);
    if (members.length === 1) return [{ kind, monitorIds, ...alertText(members[0]!, labelFor(labels, monitorIds[0]!)) }];
    return [{ kind, monitorIds, ...groupText(kind, members, labels) }];
  });
}

/**
 * Only the newest outage alert of a monitor is news: down then recovered within the window is one
 * "recovered after 2 s", not two notifications. Certificate alerts are kept apart from outages.
 */
function latestPerMonitor(alerts: readonly Alert[]): Alert[] {
  const byKey = new Map<string, Alert>();
  for (const alert of [...alerts].sort((a, b) => a.at - b.at)) {
    const key = `${OUTAGE_KINDS.includes(alert.kind) ? 'outage' : alert.kind}\u0000${alert.monitorId}`;
    byKey.delete(key); // re-inserted last, so the order follows the newest alert
    byKey.set(key, alert);
  }
  return [...byKey.values()];
}

function groupText(kind: AlertKind, members: readonly Alert[], labels: ReadonlyMap<string, MonitorLabel>): NotificationText {
  const n = members.length;
  const names = members.map((alert) => labelFor(labels, alert.monitorId).name);
  switch (kind) {
    case 'down':
      return { title: `${n} monitors down`, body: listNames(names) };
    case 'reminder':
      return { title: `${n} monitors still down`, body: listNames(names) };
    case 'recovered':
      return { title: `${n} monitors recovered`, body: listNames(names) };
    case 'certificate': {
      const hosts = members.map((alert) => {
        const host = labelFor(labels, alert.monitorId).host;
        return alert.daysLeft === undefined ? host : `${host} (${alert.daysLeft < 0 ? 'expired' : days(alert.daysLeft)})`;
      });
      return { title: `${n} certificates expire soon`, body: listNames(hosts) };
    }
  }
}

/** "A", "A and B", "A, B and C", "A, B, C and 2 more". */
export function listNames(names: readonly string[], max: number = MAX_NAMES): string {
  if (names.length === 0) return '';
  if (names.length <= max) {
    return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
