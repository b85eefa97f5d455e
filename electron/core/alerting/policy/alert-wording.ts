// The words of one notification per alert. The engine's alert messages start with the monitor's name;
// a notification wants the name in the title and the detail in the body.
import { formatDays, formatDuration } from '../../../shared/format-duration.ts';
import type { MonitorView } from '../../../shared/contract.ts';
import { monitorTypeSpec } from '../../../shared/monitor-types/registry.ts';
import type { Alert, AlertKind, Monitor } from '../../../shared/types.ts';
import { formatClock } from './local-time.ts';

export interface NotificationText {
  title: string;
  body: string;
}

/** What a notification says about a monitor: its name, for certificates the host, and its group. */
export interface MonitorLabel {
  name: string;
  host: string;
  /** The monitor's group: a homeserver's monitors share its server name, so their alerts can be one notification. */
  group?: string;
}

export function monitorLabels(views: readonly MonitorView[]): Map<string, MonitorLabel> {
  return labelsOf(views.map((view) => view.monitor));
}

export function labelsOf(monitors: readonly Monitor[]): Map<string, MonitorLabel> {
  return new Map(monitors.map((monitor) => [monitor.id, monitorLabel(monitor)]));
}

export function monitorLabel(monitor: Monitor): MonitorLabel {
  const label: MonitorLabel = { name: monitor.name, host: hostOf(monitor) };
  if (monitor.group !== undefined) label.group = monitor.group;
  return label;
}

/** Events that are not outages: the title says what changed, the body what it changed from and to. */
const CHANGE_EVENTS: Readonly<Partial<Record<AlertKind, string>>> = {
  'key-change': 'signing key changed',
  'delegation-changed': 'delegation changed',
  'answer-changed': 'answer changed',
};

/** The words for a change event kind, or undefined for the outage and certificate kinds. */
export function changeEventWords(kind: AlertKind): string | undefined {
  return Object.hasOwn(CHANGE_EVENTS, kind) ? CHANGE_EVENTS[kind] : undefined;
}

/** A removed monitor's alert still needs a name: its id is the best we have. */
export function labelFor(labels: ReadonlyMap<string, MonitorLabel>, monitorId: string): MonitorLabel {
  return labels.get(monitorId) ?? { name: monitorId, host: monitorId };
}

export function alertText(alert: Alert, label: MonitorLabel): NotificationText {
  const change = changeEventWords(alert.kind);
  if (change !== undefined) return { title: `${label.name}: ${change}`, body: changeDetail(alert.message, label.name, change) };
  switch (alert.kind) {
    case 'down':
      return { title: `${label.name} is down`, body: `${detailOf(alert.message, label.name, 'is down')} · since ${formatClock(alert.at - (alert.outageMs ?? 0))}` };
    case 'recovered':
      return { title: `${label.name} recovered`, body: alert.outageMs !== undefined ? `after ${formatDuration(alert.outageMs)}` : 'back up' };
    case 'reminder':
      return {
        title: `${label.name} is still down`,
        body: alert.outageMs !== undefined ? `for ${formatDuration(alert.outageMs)}` : detailOf(alert.message, label.name, 'is still down'),
      };
    case 'certificate':
      return { title: certificateTitle(alert, label.host), body: certificateBody(alert, label.name) };
    default:
      // A kind without words of its own yet: its message is still worth showing.
      return { title: label.name, body: alert.message };
  }
}

/**
 * "Keys: signing key changed (ed25519:a -> ed25519:b)" -> "ed25519:a -> ed25519:b": the title already says
 * who and what. A message in another shape is kept whole (minus the name), so nothing is lost.
 */
function changeDetail(message: string, name: string, change: string): string {
  const rest = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
  if (!rest.toLowerCase().startsWith(change)) return rest;
  const detail = rest.slice(change.length).trim();
  const inParens = /^\((.*)\)$/.exec(detail)?.[1];
  const text = (inParens ?? detail.replace(/^:\s*/, '')).trim();
  return text === '' ? rest : text;
}

/** "Certificate for matrix.example.com expires in 7 days", "... expires today", "... expired 2 days ago". */
export function certificateTitle(alert: Alert, host: string): string {
  const n = alert.daysLeft;
  if (n === undefined) return `Certificate for ${host} expires soon`;
  if (n > 0) return `Certificate for ${host} expires in ${formatDays(n)}`;
  if (n === 0) return `Certificate for ${host} expires today`;
  return `Certificate for ${host} expired ${formatDays(-n)} ago`;
}


function certificateBody(alert: Alert, name: string): string {
  // The engine's message ends with the expiry date in parentheses: worth keeping.
  const date = /\((\d{4}-\d{2}-\d{2})\)\s*$/.exec(alert.message)?.[1];
  return date ? `${name} · valid until ${date}` : name;
}

/** "API is down: connection refused" -> "connection refused"; a message in another shape is kept whole. */
function detailOf(message: string, name: string, verb: string): string {
  const prefix = `${name} ${verb}`;
  let rest = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  if (rest !== message) {
    // Reminders read "is still down after 2 h: connection refused": the duration is said elsewhere.
    const colon = rest.indexOf(': ');
    rest = colon >= 0 ? rest.slice(colon + 2) : rest.replace(/^[:\s]+/, '');
  }
  return rest.trim() === '' ? message : rest.trim();
}

function hostOf(monitor: Monitor): string {
  return monitorTypeSpec(monitor.type).alertHost(monitor);
}

/** Most names spelled out in a grouped body; the rest are "and N more". */
export const MAX_NAMES = 3;

/** "A", "A and B", "A, B and C", "A, B, C and 2 more". */
export function listNames(names: readonly string[], max: number = MAX_NAMES): string {
  if (names.length === 0) return '';
  if (names.length <= max) {
    return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** "3 monitors down", "1 monitor recovered", "2 monitors: signing key changed". */
export function countTitle(kind: AlertKind, n: number): string {
  const monitors = n === 1 ? '1 monitor' : `${n} monitors`;
  const change = changeEventWords(kind);
  if (change !== undefined) return `${monitors}: ${change}`;
  switch (kind) {
    case 'down':
      return `${monitors} down`;
    case 'reminder':
      return `${monitors} still down`;
    case 'recovered':
      return `${monitors} recovered`;
    case 'certificate':
      return n === 1 ? '1 certificate expires soon' : `${n} certificates expire soon`;
    default:
      return `${monitors}: ${kind}`;
  }
}
