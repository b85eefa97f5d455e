// How each monitor type is named and what it watches, in words, everywhere in the dashboard. The words are
// the type's own (electron/shared/monitor-types/), so a new type cannot be labelled in one view and forgotten in another.
import { MONITOR_TYPE_SPECS, monitorTypeSpec } from '../../../electron/shared/monitor-types/registry.ts';
import type { Monitor, MonitorType } from '../../../electron/shared/types.ts';

export { targetOf } from '../../../electron/shared/monitor-target.ts';

export const TYPE_LABEL = Object.fromEntries(Object.entries(MONITOR_TYPE_SPECS).map(([type, spec]) => [type, spec.label])) as Record<MonitorType, string>;

/** Monitors a homeserver group makes from its discovery; the user does not add or re-point them by hand. */
export function isMatrixMonitor(monitor: Pick<Monitor, 'type'>): boolean {
  return monitorTypeSpec(monitor.type).managedByGroup;
}

