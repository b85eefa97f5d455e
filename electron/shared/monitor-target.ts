// Where a monitor connects, in one line: the list's second line and its search. Shared, so the engine (which
// sends the line in the list) and the dashboard (which shows a monitor it just saved) say the same thing. The
// words are the type's own (shared/monitor-types/).
import { monitorTypeSpec } from './monitor-types/registry.ts';
import type { Monitor } from './types.ts';

/**
 * Where a monitor connects, with the type's note when the address alone would mislead (a Matrix endpoint's
 * Host header: with delegation the address and the name it answers for differ).
 */
export function targetOf(monitor: Monitor): string {
  const spec = monitorTypeSpec(monitor.type);
  const note = spec.targetNote(monitor);
  return note === undefined ? spec.target(monitor) : `${spec.target(monitor)} (${note})`;
}
