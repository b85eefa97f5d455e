// Several alerts within a few seconds become one notification per kind, so a network blip is one
// notification, not twenty: downs together, reminders together, recoveries together, certificates together.
// Alerts of several monitors of one Matrix homeserver become one notification for that homeserver instead.
import type { HomeserverGroup } from '../../../shared/contract.ts';
import type { Alert, AlertKind } from '../../../shared/types.ts';
import { kindsInOrder } from './alert-order.ts';
import { formatDays } from '../../../shared/format-duration.ts';
import { alertText, countTitle, labelFor, listNames, type MonitorLabel, type NotificationText } from './alert-wording.ts';
import { homeserverAlertGroups } from './homeserver-grouping.ts';

export { MAX_NAMES, listNames } from './alert-wording.ts';

export interface AlertGroup extends NotificationText {
  /** The kind of the group's alerts; for a homeserver, the most urgent kind among them. */
  kind: AlertKind;
  /** In the order shown; a click opens the first. */
  monitorIds: string[];
  /** Set when the notification speaks for a whole homeserver: its server name. */
  homeserver?: string;
}

const OUTAGE_KINDS: readonly AlertKind[] = ['down', 'reminder', 'recovered'];

export function groupAlerts(
  alerts: readonly Alert[],
  labels: ReadonlyMap<string, MonitorLabel>,
  homeservers: readonly HomeserverGroup[] = [],
): AlertGroup[] {
  const latest = latestPerMonitor(alerts);
  const { groups, rest } = homeserverAlertGroups(latest, labels, homeservers);
  return [...groups, ...groupByKind(rest, labels)];
}

function groupByKind(alerts: readonly Alert[], labels: ReadonlyMap<string, MonitorLabel>): AlertGroup[] {
  return kindsInOrder(alerts).flatMap((kind) => {
    const members = alerts.filter((alert) => alert.kind === kind);
    // Certificates: the most urgent first, in the body and for the click.
    if (kind === 'certificate') members.sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity));
    const monitorIds = members.map((alert) => alert.monitorId);
    if (members.length === 1) return [{ kind, monitorIds, ...alertText(members[0]!, labelFor(labels, monitorIds[0]!)) }];
    return [{ kind, monitorIds, ...groupText(kind, members, labels) }];
  });
}

/**
 * Only the newest outage alert of a monitor is news: down then recovered within the window is one
 * "recovered after 2 s", not two notifications. Certificate alerts are kept apart from outages.
 */
export function latestPerMonitor(alerts: readonly Alert[]): Alert[] {
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
  if (kind === 'certificate') {
    const hosts = members.map((alert) => {
      const host = labelFor(labels, alert.monitorId).host;
      return alert.daysLeft === undefined ? host : `${host} (${alert.daysLeft < 0 ? 'expired' : formatDays(alert.daysLeft)})`;
    });
    return { title: `${n} certificates expire soon`, body: listNames(hosts) };
  }
  return { title: countTitle(kind, n), body: listNames(names) };
}
