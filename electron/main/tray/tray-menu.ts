// The tray's context menu as plain objects (Electron's MenuItemConstructorOptions shape), so it is tested
// without Electron. Clicks call the TrayActions callbacks; times are read when clicked, not when built.
import type { MonitorView } from '../../shared/contract.ts';
import { HOUR_MS } from '../../shared/time.ts';
import type { MonitorState } from '../../shared/types.ts';
import { describeUntil, nextMorning } from '../../core/alerting/policy/local-time.ts';
import { trayTooltip } from './tray-status.ts';

export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}

export interface TrayActions {
  openMonitor(monitorId: string): void;
  checkAllNow(): void;
  /** Epoch ms until which notifications are paused; null resumes them. */
  pauseAlerts(until: number | null): void;
  openDashboard(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

export interface TrayMenuContext {
  alertsPausedUntil: number | null;
  startAtLogin: boolean;
  /** A clock, not a timestamp: a menu built at 09:00 and clicked at 15:00 must pause from 15:00. */
  now: () => number;
}

/** More problem monitors than this become one "and N more" line: a menu is not a dashboard. */
export const MAX_PROBLEM_ITEMS = 10;

const PROBLEM_STATES: readonly MonitorState[] = ['down', 'warning', 'pending'];
const PROBLEM_WORD: Partial<Record<MonitorState, string>> = { down: 'down', warning: 'warning', pending: 'failing' };

export function trayMenuTemplate(views: readonly MonitorView[], ctx: TrayMenuContext, actions: TrayActions): TrayMenuItem[] {
  const now = ctx.now();
  const items: TrayMenuItem[] = [...problemItems(views, actions), { type: 'separator' }];

  items.push({ label: 'Check all now', click: () => actions.checkAllNow() });
  items.push({ label: 'Pause alerts for 1 hour', click: () => actions.pauseAlerts(ctx.now() + HOUR_MS) });
  items.push({
    label: `Pause alerts until ${describeUntil(nextMorning(now), now)}`,
    click: () => actions.pauseAlerts(nextMorning(ctx.now())),
  });
  if (ctx.alertsPausedUntil !== null && ctx.alertsPausedUntil > now) {
    items.push({
      label: `Resume alerts (paused until ${describeUntil(ctx.alertsPausedUntil, now)})`,
      click: () => actions.pauseAlerts(null),
    });
  }
  items.push({ type: 'separator' });
  items.push({ label: 'Open dashboard', click: () => actions.openDashboard() });
  items.push({
    label: 'Start at login',
    type: 'checkbox',
    checked: ctx.startAtLogin,
    click: () => actions.setStartAtLogin(!ctx.startAtLogin),
  });
  items.push({ type: 'separator' });
  items.push({ label: 'Quit Picket', click: () => actions.quit() });
  return items;
}

/** Down first, then warning, then pending; by name within each. With none, a disabled summary line. */
function problemItems(views: readonly MonitorView[], actions: TrayActions): TrayMenuItem[] {
  const problems = views
    .filter((view) => PROBLEM_STATES.includes(view.state))
    .sort(
      (a, b) =>
        PROBLEM_STATES.indexOf(a.state) - PROBLEM_STATES.indexOf(b.state) ||
        a.monitor.name.localeCompare(b.monitor.name),
    );
  if (problems.length === 0) return [{ label: trayTooltip(views), enabled: false }];

  const items: TrayMenuItem[] = problems.slice(0, MAX_PROBLEM_ITEMS).map((view) => {
    const id = view.monitor.id;
    return { label: `${view.monitor.name} — ${PROBLEM_WORD[view.state] ?? view.state}`, click: () => actions.openMonitor(id) };
  });
  const hidden = problems.length - MAX_PROBLEM_ITEMS;
  if (hidden > 0) items.push({ label: `and ${hidden} more…`, click: () => actions.openDashboard() });
  return items;
}
