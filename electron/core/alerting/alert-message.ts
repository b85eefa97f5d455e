// What a channel is handed: one message for a batch of alerts (a burst is one message), with the policy's
// grouped wording, and one item per alert in the generic webhook body's documented shape (version 1).
import type { AlertKind, MonitorState } from '../../shared/types.ts';
import type { AlertGroup } from './policy/alert-grouping.ts';
import { kindRank } from './policy/alert-order.ts';

/** One alert as the generic webhook body (version 1) and `command` channels receive it. Fields may be added, never renamed. */
export interface AlertItem {
  kind: AlertKind;
  monitorId: string;
  monitorName: string;
  /** The URL or host:port checked. */
  target: string;
  state: MonitorState;
  previousState: MonitorState | null;
  message: string;
  /** ISO 8601: when the alert was raised. */
  at: string;
  /** ISO 8601: when the monitor entered its current state, when known. */
  since: string | null;
  /** recovered and reminder: how long the outage lasted (so far); otherwise null. */
  outageSeconds: number | null;
  /** The Matrix server name of the monitor's homeserver group, or null. */
  homeserver: string | null;
  /** certificate: the days left. */
  daysLeft?: number;
}

/** A grouped notification's words, as the policy made them. */
export type MessageGroup = Pick<AlertGroup, 'title' | 'body' | 'kind' | 'monitorIds'> & { homeserver?: string };

export interface AlertMessage {
  /** One line: "2 monitors down: Client API and Federation". */
  summary: string;
  /** The most urgent kind in the message. */
  kind: AlertKind;
  monitorIds: string[];
  groups: MessageGroup[];
  alerts: AlertItem[];
  /** A "Send test alert" message: providers send it like any other. */
  test?: boolean;
}

/** One attempt to send a message through a channel. */
export interface Delivery {
  /** The outbox entry's id: stable across retries and restarts (Matrix uses it as its txnId). */
  id: string;
  attempt: number;
  message: AlertMessage;
  /** Set when the message goes out late: "(sent 12 min late: no network)". */
  lateNote?: string;
}

/** "2 monitors down: A and B" for a group of several; a single monitor's title says it all. */
export function summaryOf(groups: readonly MessageGroup[]): string {
  return groups.map((group) => (group.monitorIds.length > 1 && group.homeserver === undefined ? `${group.title}: ${group.body}` : group.title)).join('; ');
}

export function composeMessage(groups: readonly MessageGroup[], alerts: readonly AlertItem[]): AlertMessage {
  const ordered = [...groups].sort((a, b) => kindRank(a.kind) - kindRank(b.kind));
  return {
    summary: summaryOf(ordered),
    kind: ordered[0]?.kind ?? alerts[0]?.kind ?? 'down',
    monitorIds: [...new Set(ordered.flatMap((group) => group.monitorIds))],
    groups: ordered,
    alerts: [...alerts],
  };
}

const OUTAGE_KINDS = new Set<AlertKind>(['down', 'reminder', 'recovered']);

/**
 * Messages queued for one channel while it was rate limited, sent as one. As in a window, only a monitor's
 * newest outage alert is news, and the same words are said once.
 */
export function mergeMessages(messages: readonly AlertMessage[]): AlertMessage {
  if (messages.length === 1) return messages[0]!;
  const latest = new Map<string, AlertItem>();
  for (const item of messages.flatMap((message) => message.alerts)) {
    const key = `${OUTAGE_KINDS.has(item.kind) ? 'outage' : item.kind}\u0000${item.monitorId}`;
    latest.delete(key);
    latest.set(key, item);
  }
  const groups = new Map<string, MessageGroup>();
  for (const group of messages.flatMap((message) => message.groups)) groups.set(`${group.title}\u0000${group.body}`, group);
  return composeMessage([...groups.values()], [...latest.values()]);
}

/** The one-line title with the late note, if any. */
export function deliveryTitle(delivery: Delivery): string {
  const prefix = delivery.message.test ? '[test] ' : '';
  return `${prefix}${delivery.message.summary}${delivery.lateNote ? ` ${delivery.lateNote}` : ''}`;
}

/** The body as plain text: each group's title and detail. */
export function deliveryText(delivery: Delivery): string {
  const { groups } = delivery.message;
  const lines = groups.length === 1 ? [groups[0]!.body] : groups.map((group) => `${group.title}: ${group.body}`);
  if (delivery.lateNote) lines.push(delivery.lateNote);
  return lines.filter((line) => line !== '').join('\n');
}

/** Title and body together, for services with a single text field (Telegram, chat webhooks). */
export function deliveryFullText(delivery: Delivery): string {
  const body = deliveryText(delivery);
  return body === '' ? deliveryTitle(delivery) : `${deliveryTitle(delivery)}\n${body}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The message as HTML (Matrix formatted_body, email): the title in bold, one line per group. */
export function deliveryHtml(delivery: Delivery): string {
  const lines = deliveryText(delivery)
    .split('\n')
    .map((line) => escapeHtml(line));
  return `<strong>${escapeHtml(deliveryTitle(delivery))}</strong>${lines.length > 0 && lines[0] !== '' ? `<br>${lines.join('<br>')}` : ''}`;
}

/** The generic webhook body, version 1 (docs/alerting.md). */
export function genericBody(delivery: Delivery): Record<string, unknown> {
  return {
    version: 1,
    summary: delivery.lateNote ? `${delivery.message.summary} ${delivery.lateNote}` : delivery.message.summary,
    alerts: delivery.message.alerts,
    id: delivery.id,
    ...(delivery.message.test ? { test: true } : {}),
    ...(delivery.lateNote ? { late: delivery.lateNote } : {}),
  };
}
