import { describe, expect, it, vi } from 'vitest';
import { MAX_PROBLEM_ITEMS, trayMenuTemplate, type TrayActions, type TrayMenuItem } from '../../../electron/main/tray/tray-menu.ts';
import { tcpView } from './view-fixtures.ts';
import { HOUR_MS } from '../../../electron/shared/time.ts';

const local = (d: number, h: number, mi = 0): number => new Date(2025, 2, d, h, mi).getTime();

function fakeActions() {
  return {
    openMonitor: vi.fn<TrayActions['openMonitor']>(),
    checkAllNow: vi.fn<TrayActions['checkAllNow']>(),
    pauseAlerts: vi.fn<TrayActions['pauseAlerts']>(),
    openDashboard: vi.fn<TrayActions['openDashboard']>(),
    setStartAtLogin: vi.fn<TrayActions['setStartAtLogin']>(),
    quit: vi.fn<TrayActions['quit']>(),
  } satisfies TrayActions;
}

const item = (items: TrayMenuItem[], label: string | RegExp): TrayMenuItem => {
  const found = items.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label ?? '')));
  if (!found) throw new Error(`no menu item ${String(label)} in ${items.map((i) => i.label ?? '---').join(' | ')}`);
  return found;
};
const labels = (items: TrayMenuItem[]): string[] => items.map((i) => i.label ?? '---');

describe('trayMenuTemplate', () => {
  const ctx = { alertsPausedUntil: null, startAtLogin: false, now: () => local(4, 14, 30) };

  it('lists down, then warning, then pending monitors by name, and a click opens that monitor', () => {
    const views = [tcpView('b', 'warning', 'Beta'), tcpView('c', 'up', 'Gamma'), tcpView('z', 'down', 'Zulu'), tcpView('a', 'down', 'Alpha'), tcpView('p', 'pending', 'Pi')];
    const actions = fakeActions();
    const items = trayMenuTemplate(views, ctx, actions);
    expect(labels(items).slice(0, 5)).toEqual(['Alpha — down', 'Zulu — down', 'Beta — warning', 'Pi — failing', '---']);
    item(items, 'Zulu — down').click?.();
    expect(actions.openMonitor).toHaveBeenCalledWith('z');
  });

  it('shows a disabled summary instead when nothing is wrong', () => {
    const items = trayMenuTemplate([tcpView('a', 'up'), tcpView('b', 'paused')], ctx, fakeActions());
    expect(items[0]).toEqual({ label: '1 up · 1 paused', enabled: false });
    expect(trayMenuTemplate([], ctx, fakeActions())[0]).toEqual({ label: 'No monitors', enabled: false });
  });

  it('caps the problem list and sends the rest to the dashboard', () => {
    const views = Array.from({ length: MAX_PROBLEM_ITEMS + 3 }, (_, i) => tcpView(`m${String(i).padStart(2, '0')}`, 'down'));
    const actions = fakeActions();
    const items = trayMenuTemplate(views, ctx, actions);
    expect(items.filter((i) => / — down$/.test(i.label ?? ''))).toHaveLength(MAX_PROBLEM_ITEMS);
    item(items, 'and 3 more…').click?.();
    expect(actions.openDashboard).toHaveBeenCalledOnce();
  });

  it('has the fixed actions in order, and no Resume while alerts are not paused', () => {
    expect(labels(trayMenuTemplate([tcpView('a', 'up')], ctx, fakeActions()))).toEqual([
      '1 up',
      '---',
      'Check all now',
      'Pause alerts for 1 hour',
      'Pause alerts until tomorrow 08:00',
      '---',
      'Open dashboard',
      'Start at login',
      '---',
      'Quit Picket',
    ]);
  });

  it('wires each action', () => {
    const actions = fakeActions();
    const items = trayMenuTemplate([], { ...ctx, startAtLogin: true }, actions);
    item(items, 'Check all now').click?.();
    item(items, 'Open dashboard').click?.();
    item(items, 'Quit Picket').click?.();
    const startAtLogin = item(items, 'Start at login');
    expect(startAtLogin).toMatchObject({ type: 'checkbox', checked: true });
    startAtLogin.click?.();
    expect(actions.checkAllNow).toHaveBeenCalledOnce();
    expect(actions.openDashboard).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
    expect(actions.setStartAtLogin).toHaveBeenCalledWith(false);
  });

  it('pauses from the time of the click, not of the build', () => {
    let now = local(4, 7, 0);
    const actions = fakeActions();
    const items = trayMenuTemplate([], { ...ctx, now: () => now }, actions);
    expect(item(items, /^Pause alerts until/).label).toBe('Pause alerts until 08:00'); // before 8: this morning
    now = local(4, 9, 0);
    item(items, 'Pause alerts for 1 hour').click?.();
    item(items, /^Pause alerts until/).click?.();
    expect(actions.pauseAlerts.mock.calls).toEqual([[local(4, 9) + HOUR_MS], [local(5, 8)]]);
  });

  it('offers Resume with the time alerts come back, only while paused', () => {
    const actions = fakeActions();
    const paused = trayMenuTemplate([], { ...ctx, alertsPausedUntil: local(4, 15, 30) }, actions);
    const resume = item(paused, 'Resume alerts (paused until 15:30)');
    resume.click?.();
    expect(actions.pauseAlerts).toHaveBeenCalledWith(null);
    expect(labels(trayMenuTemplate([], { ...ctx, alertsPausedUntil: local(5, 8) }, actions))).toContain('Resume alerts (paused until tomorrow 08:00)');
    // A pause that has run out is no pause.
    expect(labels(trayMenuTemplate([], { ...ctx, alertsPausedUntil: local(4, 14) }, actions)).some((l) => l.startsWith('Resume'))).toBe(false);
  });
});
