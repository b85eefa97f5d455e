// A homeserver in trouble usually fails on several monitors at once (client API, federation, TCP, keys):
// that is one problem, so it is one notification, titled with the group's diagnosis and saying what to do.
import type { HomeserverGroup } from '../../../shared/contract.ts';
import type { Alert, AlertKind } from '../../../shared/types.ts';
import { roleOfMonitor } from '../../matrix/group/roles.ts';
import { kindRank, kindsInOrder } from './alert-order.ts';
import { countTitle, labelFor, listNames, type MonitorLabel, type NotificationText } from './alert-wording.ts';

export interface HomeserverNotification extends NotificationText {
  /** The most urgent kind among the group's alerts. */
  kind: AlertKind;
  /** Most urgent first; a click opens the first. */
  monitorIds: string[];
  homeserver: string;
}

export interface HomeserverPartition {
  groups: HomeserverNotification[];
  /** Alerts left to the usual grouping by kind. */
  rest: Alert[];
}

/**
 * Alerts of two or more monitors of the same homeserver become that homeserver's notification; a lone
 * monitor's alert keeps its own, more precise words, except the delegation record's (see speaksForDelegation).
 */
export function homeserverAlertGroups(
  alerts: readonly Alert[],
  labels: ReadonlyMap<string, MonitorLabel>,
  homeservers: readonly HomeserverGroup[],
): HomeserverPartition {
  const byServer = new Map<HomeserverGroup, Alert[]>();
  const rest: Alert[] = [];
  for (const alert of alerts) {
    const server = homeserverOf(labelFor(labels, alert.monitorId).group, homeservers);
    if (server === undefined) rest.push(alert);
    else byServer.set(server, [...(byServer.get(server) ?? []), alert]);
  }
  const groups: HomeserverNotification[] = [];
  for (const [server, members] of byServer) {
    const lone = new Set(members.map((alert) => alert.monitorId)).size < 2;
    if (lone && !speaksForDelegation(server, members[0]!.monitorId)) rest.push(...members);
    else groups.push(homeserverNotification(server, members, labels));
  }
  // Alerts handed back keep the batch's order, so the grouping by kind reads as it did before.
  rest.sort((a, b) => alerts.indexOf(a) - alerts.indexOf(b));
  return { groups, rest };
}

/**
 * The delegation record monitor's own words are DNS ("expected 10 5 8448 a; the answer is ..."); what it means
 * is the group's diagnosis ("the delegation record of example.org changed: now b:8448, was a:8448").
 */
function speaksForDelegation(server: HomeserverGroup, monitorId: string): boolean {
  return server.diagnosis?.case === 'delegation-changed' && roleOfMonitor(server.serverName, monitorId) === 'delegationRecord';
}

function homeserverOf(group: string | undefined, homeservers: readonly HomeserverGroup[]): HomeserverGroup | undefined {
  if (group === undefined) return undefined;
  return homeservers.find((server) => server.group === group || server.serverName === group);
}

function homeserverNotification(server: HomeserverGroup, alerts: readonly Alert[], labels: ReadonlyMap<string, MonitorLabel>): HomeserverNotification {
  const members = [...alerts].sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.at - b.at);
  const monitorIds = [...new Set(members.map((alert) => alert.monitorId))];
  const names = listNames(monitorIds.map((id) => labelFor(labels, id).name));
  const diagnosis = server.diagnosis;
  const base = { kind: members[0]!.kind, monitorIds, homeserver: server.serverName };
  // A "healthy" diagnosis beside alerts is stale or about recoveries: the counts say more then.
  if (diagnosis === null || diagnosis.severity === 'ok') {
    const summary = kindsInOrder(members)
      .map((kind) => countTitle(kind, new Set(members.filter((alert) => alert.kind === kind).map((alert) => alert.monitorId)).size))
      .join(', ');
    return { ...base, title: `${server.serverName}: ${summary}`, body: names };
  }
  // The diagnosis often names the server itself ("example.org is not running"): no need to say it twice.
  const title = diagnosis.cause.startsWith(server.serverName) ? diagnosis.cause : `${server.serverName}: ${diagnosis.cause}`;
  return { ...base, title, body: `${diagnosis.advice}\n${names}` };
}
