// How each monitor type is named and what it watches, in words, everywhere in the dashboard: one place, so
// a new type (the Matrix ones, say) cannot be labelled in the list and forgotten in the detail view.
import type { Monitor, MonitorType } from '../../../electron/shared/types.ts';

export { targetOf } from '../../../electron/shared/monitor-target.ts';

export const TYPE_LABEL: Record<MonitorType, string> = {
  http: 'HTTP',
  tcp: 'TCP',
  tls: 'TLS',
  'matrix-federation': 'Federation',
  'matrix-keys': 'Signing keys',
};

/** Monitors a homeserver group makes from its discovery; the user does not add or re-point them by hand. */
export function isMatrixMonitor(monitor: Pick<Monitor, 'type'>): boolean {
  return monitor.type === 'matrix-federation' || monitor.type === 'matrix-keys';
}
