// What the tray shows at a glance: one status for every monitor, and a one-line summary.
import type { MonitorView } from '../../shared/contract.ts';
import type { MonitorState } from '../../shared/types.ts';

export type TrayStatus = 'ok' | 'warning' | 'down' | 'idle';

export interface TrayStatusContext {
  /** The machine itself is offline: nothing we show can be trusted, so gray. */
  offline: boolean;
}

/**
 * The worst state wins. 'pending' (failing, under its failureThreshold) counts as warning: amber says
 * "something is failing" without the red of an alert the rules have not confirmed yet.
 * Paused and unknown monitors say nothing, so all-paused, all-unknown and none at all are 'idle' (gray).
 * Paused *alerts* do not gray the icon: the tray is where the user looks while notifications are silent.
 */
export function trayStatus(views: readonly MonitorView[], ctx: TrayStatusContext): TrayStatus {
  if (ctx.offline) return 'idle';
  let worst: TrayStatus = 'idle';
  for (const view of views) {
    const status = STATUS_OF_STATE[view.state];
    if (status !== undefined && RANK[status] > RANK[worst]) worst = status;
  }
  return worst;
}

const STATUS_OF_STATE: Record<MonitorState, TrayStatus | undefined> = {
  up: 'ok',
  warning: 'warning',
  pending: 'warning',
  down: 'down',
  paused: undefined,
  unknown: undefined,
};

const RANK: Record<TrayStatus, number> = { idle: 0, ok: 1, warning: 2, down: 3 };

/** Order of the summary: what matters first after "up". */
const SUMMARY_ORDER: readonly MonitorState[] = ['up', 'down', 'warning', 'pending', 'paused', 'unknown'];

export interface TrayTooltipContext {
  offline?: boolean;
  alertsPaused?: boolean;
  /** Picket's own problems: said first, so a full disk is never read as the servers failing. */
  problems?: readonly string[];
}

/** "12 up · 1 down · 1 warning"; zero counts left out; "No monitors" when there are none. */
export function trayTooltip(views: readonly MonitorView[], ctx: TrayTooltipContext = {}): string {
  const counts = new Map<MonitorState, number>();
  for (const view of views) counts.set(view.state, (counts.get(view.state) ?? 0) + 1);
  const parts = SUMMARY_ORDER.flatMap((state) => {
    const n = counts.get(state) ?? 0;
    return n > 0 ? [`${n} ${state}`] : [];
  });
  const lines = [parts.length > 0 ? parts.join(' · ') : 'No monitors'];
  if (ctx.offline) lines.push('Offline: checks are on hold');
  if (ctx.alertsPaused) lines.push('Alerts paused');
  for (const problem of ctx.problems ?? []) lines.push(`Problem: ${problem}`);
  return lines.join('\n');
}
