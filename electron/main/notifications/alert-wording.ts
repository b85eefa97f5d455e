// The words of one notification per alert. The engine's alert messages start with the monitor's name;
// a notification wants the name in the title and the detail in the body.
import { formatDuration } from '../../core/rules/format-duration.ts';
import type { MonitorView } from '../../shared/contract.ts';
import type { Alert, Monitor } from '../../shared/types.ts';
import { formatClock } from '../tray/local-time.ts';

export interface NotificationText {
  title: string;
  body: string;
}

/** What a notification says about a monitor: its name, and for certificates the host. */
export interface MonitorLabel {
  name: string;
  host: string;
}

export function monitorLabels(views: readonly MonitorView[]): Map<string, MonitorLabel> {
  return new Map(views.map((view) => [view.monitor.id, { name: view.monitor.name, host: hostOf(view.monitor) }]));
}

/** A removed monitor's alert still needs a name: its id is the best we have. */
export function labelFor(labels: ReadonlyMap<string, MonitorLabel>, monitorId: string): MonitorLabel {
  return labels.get(monitorId) ?? { name: monitorId, host: monitorId };
}

export function alertText(alert: Alert, label: MonitorLabel): NotificationText {
  switch (alert.kind) {
    case 'down':
      return { title: `${label.name} is down`, body: `${detailOf(alert.message, label.name, 'is down')} · since ${formatClock(alert.at)}` };
    case 'recovered':
      return { title: `${label.name} recovered`, body: alert.outageMs !== undefined ? `after ${formatDuration(alert.outageMs)}` : 'back up' };
    case 'reminder':
      return {
        title: `${label.name} is still down`,
        body: alert.outageMs !== undefined ? `for ${formatDuration(alert.outageMs)}` : detailOf(alert.message, label.name, 'is still down'),
      };
    case 'certificate':
      return { title: certificateTitle(alert, label.host), body: certificateBody(alert, label.name) };
  }
}

/** "Certificate for matrix.example.com expires in 7 days", "... expires today", "... expired 2 days ago". */
export function certificateTitle(alert: Alert, host: string): string {
  const n = alert.daysLeft;
  if (n === undefined) return `Certificate for ${host} expires soon`;
  if (n > 0) return `Certificate for ${host} expires in ${days(n)}`;
  if (n === 0) return `Certificate for ${host} expires today`;
  return `Certificate for ${host} expired ${days(-n)} ago`;
}

export function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
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
  if (monitor.type === 'http') {
    try {
      return new URL(monitor.url).hostname;
    } catch {
      return monitor.url;
    }
  }
  if (monitor.type === 'tls') return monitor.tls.serverName ?? monitor.host;
  return monitor.host;
}
