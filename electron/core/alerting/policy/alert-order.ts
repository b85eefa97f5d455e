// Which alerts come first, in a batch of notifications and inside one: the most urgent kind first.
import type { Alert, AlertKind } from '../../../shared/types.ts';

const KIND_ORDER: readonly AlertKind[] = ['down', 'reminder', 'recovered', 'certificate', 'key-change', 'delegation-changed', 'answer-changed'];

export function kindRank(kind: AlertKind): number {
  const index = KIND_ORDER.indexOf(kind);
  // A kind missing here (one added elsewhere) comes last rather than being dropped: an alert nobody sees is
  // worse than one in an unplanned place.
  return index >= 0 ? index : KIND_ORDER.length;
}

/** The kinds present in the alerts, most urgent first. */
export function kindsInOrder(alerts: readonly Alert[]): AlertKind[] {
  return [...new Set(alerts.map((alert) => alert.kind))].sort((a, b) => kindRank(a) - kindRank(b));
}
