// alertmanager: POST /api/v2/alerts as Prometheus does. An outage fires until recovery resolves it with endsAt;
// while it lasts the alert is sent again every minute with endsAt a few minutes ahead, so an Alertmanager that
// stops hearing from Picket resolves it by itself instead of paging forever. Identical labels make a resend
// the same alert, never a second one.
import type { AlertmanagerChannel } from '../../../shared/channel-types.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../shared/time.ts';
import type { AlertKind } from '../../../shared/types.ts';
import type { AlertItem } from '../alert-message.ts';
import type { ChannelProvider } from './channel-provider.ts';
import { httpSend, joinUrl, jsonHeaders } from './http-send.ts';

export const ALERTMANAGER_RESEND_MS = MINUTE_MS;
/** How long a firing alert stays active without a resend: well past the resend, short enough to clear a lost recovery. */
export const FIRING_VALIDITY_MS = 5 * ALERTMANAGER_RESEND_MS;
/** One-off events (a key or delegation change) stay visible this long. */
const EVENT_VALIDITY_MS = HOUR_MS;
const CERTIFICATE_VALIDITY_MS = DAY_MS;

const ALERT_NAMES: Record<AlertKind, string> = {
  down: 'PicketMonitorDown',
  reminder: 'PicketMonitorDown',
  recovered: 'PicketMonitorDown',
  certificate: 'PicketCertificateExpiring',
  'key-change': 'PicketSigningKeyChanged',
  'delegation-changed': 'PicketDelegationChanged',
  'answer-changed': 'PicketAnswerChanged',
};

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
}

function severityOf(kind: AlertKind): string {
  return kind === 'down' || kind === 'reminder' || kind === 'recovered' ? 'critical' : 'warning';
}

/** The Alertmanager alert for one Picket alert item; `now` decides when a firing alert expires. */
export function alertmanagerAlert(config: AlertmanagerChannel, item: AlertItem, now: number): AlertmanagerAlert {
  const labels: Record<string, string> = {
    ...config.labels,
    alertname: ALERT_NAMES[item.kind],
    monitor: item.monitorId,
    monitor_name: item.monitorName,
    severity: severityOf(item.kind),
  };
  if (item.homeserver !== null) labels.homeserver = item.homeserver;
  const at = Date.parse(item.at);
  const startedAt = item.kind === 'recovered' && item.outageSeconds !== null ? at - item.outageSeconds * 1000 : item.since !== null ? Date.parse(item.since) : at;
  const validity = item.kind === 'certificate' ? CERTIFICATE_VALIDITY_MS : item.kind === 'down' || item.kind === 'reminder' ? FIRING_VALIDITY_MS : EVENT_VALIDITY_MS;
  const endsAt = item.kind === 'recovered' ? at : Math.max(now, at) + validity;
  return {
    labels,
    annotations: { summary: `${item.monitorName}: ${item.kind}`, description: item.message, target: item.target },
    startsAt: new Date(Math.min(startedAt, endsAt)).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
  };
}

export async function postAlerts(config: AlertmanagerChannel, alerts: AlertmanagerAlert[], signal: AbortSignal): Promise<string> {
  return (await httpSend(joinUrl(config.url, 'api/v2/alerts'), { body: JSON.stringify(alerts), headers: jsonHeaders(), signal })).status;
}

export const alertmanagerProvider: ChannelProvider<AlertmanagerChannel> = {
  type: 'alertmanager',
  resendWhileFiringMs: ALERTMANAGER_RESEND_MS,
  async send(config, delivery, { signal, now }) {
    const alerts = delivery.message.alerts.map((item) => alertmanagerAlert(config, item, now()));
    // A test must not page anyone as a real outage: its own alert name, gone in a minute.
    const sent = delivery.message.test
      ? alerts.map((alert) => ({ ...alert, labels: { ...alert.labels, alertname: 'PicketTest', severity: 'none' }, endsAt: new Date(now() + ALERTMANAGER_RESEND_MS).toISOString() }))
      : alerts;
    return postAlerts(config, sent, signal);
  },
};
