// How `run` prints what happened to each alert delivery: a JSON line (a fixed contract: fields may be added,
// never renamed) or a line for people, and once per channel that starts failing, a line saying so.
import type { DeliveryReport } from '../core/alerting/delivery/outbox.ts';

export function deliveryToJsonLine(report: DeliveryReport): string {
  return JSON.stringify({
    type: 'delivery',
    channelId: report.channelId,
    kind: report.message.kind,
    monitorIds: report.message.monitorIds,
    ok: report.ok,
    error: report.ok ? null : report.detail,
    attempt: report.attempt,
    at: new Date(report.at).toISOString(),
  });
}

export function deliveryToText(report: DeliveryReport, channelName: string): string {
  const time = new Date(report.at).toISOString();
  const outcome = report.ok ? `delivered (${report.detail})` : `${report.gaveUp ? 'gave up' : 'failed'}: ${report.detail}`;
  return `${time}  DELIVERY ${channelName} ${report.message.kind} attempt ${report.attempt} ${outcome}`;
}

/** A repeat of an Alertmanager alert still firing: worth a line only when it fails. */
export function isRoutineResend(report: DeliveryReport): boolean {
  return report.ok && report.entryId === 'resend';
}
