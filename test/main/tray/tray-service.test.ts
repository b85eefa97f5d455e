import type { Menu, NativeTheme, Tray } from 'electron';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { TrayActions, TrayMenuItem } from '../../../electron/main/tray/tray-menu.ts';
import { TrayService, type MenuFactory, type ThemeSource, type TrayLike, type TraySettings } from '../../../electron/main/tray/tray-service.ts';
import { FakeSource, ManualTimers, tcpView } from './view-fixtures.ts';

interface FakeMenu {
  template: TrayMenuItem[];
}

function setup(opts: { platform?: NodeJS.Platform; settings?: TraySettings; offline?: boolean } = {}) {
  const timers = new ManualTimers();
  timers.now = new Date(2025, 2, 4, 12, 0).getTime();
  const source = new FakeSource();
  const trayListeners = new Map<string, () => void>();
  const tray = {
    setImage: vi.fn<(path: string) => void>(),
    setToolTip: vi.fn<(text: string) => void>(),
    setContextMenu: vi.fn<(menu: FakeMenu | null) => void>(),
    on: vi.fn((event: 'click', listener: () => void) => trayListeners.set(event, listener)),
    removeListener: vi.fn((event: 'click') => trayListeners.delete(event)),
  };
  const Menu = { buildFromTemplate: vi.fn((template: TrayMenuItem[]): FakeMenu => ({ template })) };
  const themeListeners = new Set<() => void>();
  const nativeTheme = {
    shouldUseDarkColors: false,
    on: (_event: 'updated', listener: () => void) => themeListeners.add(listener),
    removeListener: (_event: 'updated', listener: () => void) => themeListeners.delete(listener),
  };
  const actions: TrayActions = {
    openMonitor: vi.fn(),
    checkAllNow: vi.fn(),
    pauseAlerts: vi.fn(),
    openDashboard: vi.fn(),
    setStartAtLogin: vi.fn(),
    quit: vi.fn(),
  };
  const state = { settings: opts.settings ?? { alertsPausedUntil: null, startAtLogin: false }, offline: opts.offline ?? false };
  const onActionError = vi.fn();
  const service = new TrayService({
    tray,
    Menu,
    nativeTheme,
    source,
    actions,
    platform: opts.platform ?? 'linux',
    assetsDir: '/assets',
    isOffline: () => state.offline,
    settings: () => state.settings,
    now: timers.clock,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    onActionError,
  });
  const lastMenu = (): TrayMenuItem[] => tray.setContextMenu.mock.lastCall?.[0]?.template ?? [];
  return { service, source, tray, Menu, nativeTheme, themeListeners, trayListeners, actions, timers, state, lastMenu, onActionError };
}

const icon = (name: string): string => join('/assets', 'tray', name);

describe('TrayService', () => {
  it('accepts Electron\'s own Tray, Menu and nativeTheme', () => {
    expectTypeOf<Tray>().toExtend<TrayLike<Menu>>();
    expectTypeOf<typeof Menu>().toExtend<MenuFactory<Menu>>();
    expectTypeOf<NativeTheme>().toExtend<ThemeSource>();
  });

  it('draws icon, tooltip and menu on start', () => {
    const t = setup();
    t.source.current = [tcpView('a', 'up'), tcpView('b', 'down', 'Bravo')];
    t.service.start();
    expect(t.tray.setImage).toHaveBeenCalledWith(icon('tray-down-light-32.png'));
    expect(t.tray.setToolTip).toHaveBeenCalledWith('1 up · 1 down');
    expect(t.lastMenu()[0]?.label).toBe('Bravo — down');
  });

  it('redraws once for a burst of state changes, setting the menu again each redraw', () => {
    const t = setup();
    t.source.current = [tcpView('a', 'up')];
    t.service.start();
    t.source.current = [tcpView('a', 'down')];
    for (let i = 0; i < 1000; i++) t.source.emit('state', { monitorId: 'a', from: 'up', to: 'down', at: i, message: 'x' });
    expect(t.tray.setContextMenu).toHaveBeenCalledTimes(1);
    t.timers.advance(100);
    expect(t.tray.setContextMenu).toHaveBeenCalledTimes(2);
    expect(t.tray.setImage).toHaveBeenLastCalledWith(icon('tray-down-light-32.png'));
    t.source.emit('monitors', { fields: [], rows: [], removed: [], version: 1 });
    t.timers.advance(100);
    // Same icon and tooltip: not set again. The menu always is (Linux needs it).
    expect(t.tray.setContextMenu).toHaveBeenCalledTimes(3);
    expect(t.tray.setImage).toHaveBeenCalledTimes(2);
    expect(t.tray.setToolTip).toHaveBeenCalledTimes(2);
  });

  it('follows settings: start at login and alert pause', () => {
    const t = setup();
    t.service.start();
    t.state.settings = { alertsPausedUntil: t.timers.now + 60_000, startAtLogin: true };
    t.source.emit('settings', {} as never);
    t.timers.advance(100);
    expect(t.lastMenu().find((i) => i.label === 'Start at login')?.checked).toBe(true);
    expect(t.lastMenu().some((i) => i.label?.startsWith('Resume alerts'))).toBe(true);
    expect(t.tray.setToolTip).toHaveBeenLastCalledWith('No monitors\nAlerts paused');
    // When the pause runs out the menu drops "Resume" by itself.
    t.timers.advance(60_000);
    expect(t.lastMenu().some((i) => i.label?.startsWith('Resume alerts'))).toBe(false);
    expect(t.tray.setToolTip).toHaveBeenLastCalledWith('No monitors');
  });

  it('redraws for the theme and picks the icon variant for it', () => {
    const t = setup();
    t.source.current = [tcpView('a', 'warning')];
    t.service.start();
    t.nativeTheme.shouldUseDarkColors = true;
    for (const listener of t.themeListeners) listener();
    t.timers.advance(100);
    expect(t.tray.setImage).toHaveBeenLastCalledWith(icon('tray-warning-dark-32.png'));
  });

  it('grays the icon when refresh() is called after the network went away', () => {
    const t = setup();
    t.source.current = [tcpView('a', 'up')];
    t.service.start();
    t.state.offline = true;
    t.service.refresh();
    t.timers.advance(100);
    expect(t.tray.setImage).toHaveBeenLastCalledWith(icon('tray-idle-light-32.png'));
  });

  it('uses Template images on macOS and the .ico with a left-click dashboard on Windows', () => {
    const mac = setup({ platform: 'darwin' });
    mac.service.start();
    expect(mac.tray.setImage).toHaveBeenCalledWith(icon('trayIdleTemplate.png'));
    expect(mac.trayListeners.size).toBe(0);
    const win = setup({ platform: 'win32' });
    win.service.start();
    expect(win.tray.setImage).toHaveBeenCalledWith(icon('tray-idle.ico'));
    win.trayListeners.get('click')?.();
    expect(win.actions.openDashboard).toHaveBeenCalledOnce();
  });

  it('reports a failing menu action instead of throwing into Electron', async () => {
    const t = setup();
    const failure = new Error('engine stopped');
    vi.mocked(t.actions.checkAllNow).mockImplementation(() => {
      throw failure;
    });
    // An action typed void that returns a rejected promise anyway (an async handler): the tray must still catch it.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    vi.mocked(t.actions.quit).mockImplementation(() => Promise.reject(failure));
    t.service.start();
    t.lastMenu().find((i) => i.label === 'Check all now')?.click?.();
    t.lastMenu().find((i) => i.label === 'Quit Picket')?.click?.();
    await Promise.resolve();
    expect(t.onActionError.mock.calls).toEqual([[failure], [failure]]);
  });

  it('stops listening and cancels its timers on dispose', () => {
    const t = setup({ platform: 'win32', settings: { alertsPausedUntil: new Date(2025, 2, 4, 13).getTime(), startAtLogin: false } });
    t.service.start();
    t.source.emit('state', { monitorId: 'a', from: 'up', to: 'down', at: 1, message: 'x' });
    t.service.dispose();
    expect(t.timers.pending).toBe(0);
    expect(t.source.listenerCount('state') + t.source.listenerCount('monitors') + t.source.listenerCount('settings')).toBe(0);
    expect(t.themeListeners.size).toBe(0);
    expect(t.trayListeners.size).toBe(0);
    t.source.emit('state', { monitorId: 'a', from: 'up', to: 'down', at: 2, message: 'x' });
    t.timers.advance(10_000);
    expect(t.tray.setContextMenu).toHaveBeenCalledTimes(1);
  });

  it('names a missing Electron object', () => {
    const t = setup();
    expect(
      () =>
        new TrayService({
          tray: t.tray,
          Menu: undefined as unknown as MenuFactory<FakeMenu>,
          nativeTheme: t.nativeTheme,
          source: t.source,
          actions: t.actions,
          platform: 'linux',
          assetsDir: '/assets',
          isOffline: () => false,
          settings: () => t.state.settings,
        }),
    ).toThrow(/Menu is required/);
  });
});
