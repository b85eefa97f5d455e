// How each monitor state is named and ranked everywhere in the dashboard (one word per state).
import type { MonitorState } from '../../../electron/shared/types.ts';

export const STATE_LABEL: Record<MonitorState, string> = {
  up: 'Up',
  warning: 'Warning',
  down: 'Down',
  pending: 'Pending',
  paused: 'Paused',
  unknown: 'Unknown',
};

/** Worst first: what needs attention leads the list. Paused is a choice the user made, so it goes last. */
export const STATE_SEVERITY: Record<MonitorState, number> = {
  down: 0,
  pending: 1,
  warning: 2,
  unknown: 3,
  up: 4,
  paused: 5,
};

export const STATES_BY_SEVERITY: readonly MonitorState[] = ['down', 'pending', 'warning', 'unknown', 'up', 'paused'];
