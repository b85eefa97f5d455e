// Keeps the tray icon, tooltip and menu in step with the monitors. Electron objects come in as options.
import type { AppSettings, MonitorView, PicketClient } from '../../shared/contract.ts';
import { MAX_TIMER_MS, systemClearTimer, systemSetTimer, type ClearTimer, type SetTimer } from './timers.ts';
import { trayIconPath } from './tray-icon.ts';
import { trayMenuTemplate, type TrayActions, type TrayMenuItem } from './tray-menu.ts';
import { trayStatus, trayTooltip } from './tray-status.ts';

export interface TrayLike<TMenu> {
  setImage(path: string): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: TMenu | null): void;
  on(event: 'click', listener: () => void): unknown;
  removeListener(event: 'click', listener: () => void): unknown;
}

export interface MenuFactory<TMenu> {
  buildFromTemplate(template: TrayMenuItem[]): TMenu;
}

export interface ThemeSource {
  readonly shouldUseDarkColors: boolean;
  on(event: 'updated', listener: () => void): unknown;
  removeListener(event: 'updated', listener: () => void): unknown;
}

/** What the tray needs of the PicketService; the real service satisfies it structurally. */
export interface TrayServiceSource extends Pick<PicketClient, 'on'> {
  views(): MonitorView[];
  /** Picket's own problems (a full disk, ...), shown in the tooltip. */
  problems?(): string[];
}

export type TraySettings = Pick<AppSettings, 'alertsPausedUntil' | 'startAtLogin'>;

export interface TrayServiceOptions<TMenu> {
  tray: TrayLike<TMenu>;
  Menu: MenuFactory<TMenu>;
  nativeTheme: ThemeSource;
  source: TrayServiceSource;
  actions: TrayActions;
  platform: NodeJS.Platform;
  assetsDir: string;
  isOffline(): boolean;
  /** Must return the current settings (read on every redraw). */
  settings(): TraySettings;
  now?: () => number;
  setTimer?: SetTimer;
  clearTimer?: ClearTimer;
  /** Bursts of events within this window cause one redraw. Default 100 ms. */
  debounceMs?: number;
  /** Where a failing menu action is reported (an action may be async). Default console.error. */
  onActionError?: (error: unknown) => void;
}

export class TrayService<TMenu> {
  private readonly opts: TrayServiceOptions<TMenu>;
  private readonly now: () => number;
  private readonly setTimer: SetTimer;
  private readonly clearTimer: ClearTimer;
  private readonly debounceMs: number;
  private readonly actions: TrayActions;
  private readonly unsubscribes: Array<() => void> = [];
  private redrawTimer: unknown = undefined;
  private pauseEndTimer: unknown = undefined;
  private lastImage: string | undefined;
  private lastToolTip: string | undefined;
  private started = false;

  constructor(opts: TrayServiceOptions<TMenu>) {
    for (const field of ['tray', 'Menu', 'nativeTheme', 'source', 'actions'] as const) {
      if (opts[field] === null || (typeof opts[field] !== 'object' && typeof opts[field] !== 'function')) {
        throw new Error(`TrayService: ${field} is required`);
      }
    }
    if (typeof opts.assetsDir !== 'string' || opts.assetsDir === '') throw new Error('TrayService: assetsDir must be a non-empty path');
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.setTimer = opts.setTimer ?? systemSetTimer;
    this.clearTimer = opts.clearTimer ?? systemClearTimer;
    this.debounceMs = opts.debounceMs ?? 100;
    if (!Number.isFinite(this.debounceMs) || this.debounceMs < 0) throw new Error(`TrayService: debounceMs must be >= 0, got ${this.debounceMs}`);
    this.actions = guardActions(opts.actions, opts.onActionError ?? ((error) => console.error('tray action failed:', error)));
  }

  /** Draws once now and follows the service's events and the system theme from then on. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { source, nativeTheme, tray } = this.opts;
    const refresh = (): void => this.refresh();
    this.unsubscribes.push(source.on('state', refresh), source.on('monitors', refresh), source.on('settings', refresh), source.on('problems', refresh));
    nativeTheme.on('updated', refresh);
    this.unsubscribes.push(() => nativeTheme.removeListener('updated', refresh));
    // Windows shows the menu on right click only; a left click opening the dashboard is what users expect there.
    if (this.opts.platform === 'win32') {
      const openDashboard = (): void => this.actions.openDashboard();
      tray.on('click', openDashboard);
      this.unsubscribes.push(() => tray.removeListener('click', openDashboard));
    }
    this.redraw();
  }

  /** Asks for a redraw soon; many calls within debounceMs give one. Call it when the network state changes. */
  refresh(): void {
    if (!this.started || this.redrawTimer !== undefined) return;
    this.redrawTimer = this.setTimer(() => {
      this.redrawTimer = undefined;
      this.redraw();
    }, this.debounceMs);
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    for (const timer of [this.redrawTimer, this.pauseEndTimer]) if (timer !== undefined) this.clearTimer(timer);
    this.redrawTimer = undefined;
    this.pauseEndTimer = undefined;
    this.started = false;
  }

  private redraw(): void {
    const { tray, Menu, nativeTheme, source } = this.opts;
    const views = source.views();
    const settings = this.opts.settings();
    const offline = this.opts.isOffline();
    const now = this.now();
    const alertsPaused = settings.alertsPausedUntil !== null && settings.alertsPausedUntil > now;

    const image = trayIconPath(trayStatus(views, { offline }), this.opts.platform, nativeTheme.shouldUseDarkColors, this.opts.assetsDir);
    if (image !== this.lastImage) {
      tray.setImage(image);
      this.lastImage = image;
    }
    const toolTip = trayTooltip(views, { offline, alertsPaused, problems: source.problems?.() ?? [] });
    if (toolTip !== this.lastToolTip) {
      tray.setToolTip(toolTip);
      this.lastToolTip = toolTip;
    }
    // Always set again: Linux (AppIndicator) only shows a changed menu when it is set anew.
    const template = trayMenuTemplate(views, { ...settings, now: this.now }, this.actions);
    tray.setContextMenu(Menu.buildFromTemplate(template));
    this.schedulePauseEnd(alertsPaused ? (settings.alertsPausedUntil ?? now) - now : undefined);
  }

  /** When the alert pause runs out, the "Resume alerts" line and tooltip must go without any other event. */
  private schedulePauseEnd(inMs: number | undefined): void {
    if (this.pauseEndTimer !== undefined) this.clearTimer(this.pauseEndTimer);
    this.pauseEndTimer = undefined;
    if (inMs === undefined) return;
    this.pauseEndTimer = this.setTimer(() => {
      this.pauseEndTimer = undefined;
      this.redraw();
    }, Math.min(inMs + 1, MAX_TIMER_MS));
  }
}

/** Menu clicks have no caller to report to: a throwing or rejecting action is reported instead of crashing main. */
function guardActions(actions: TrayActions, onError: (error: unknown) => void): TrayActions {
  const run = (action: () => unknown): void => {
    try {
      const result = action();
      if (result instanceof Promise) result.catch(onError);
    } catch (error) {
      onError(error);
    }
  };
  return {
    openMonitor: (id) => run(() => actions.openMonitor(id)),
    checkAllNow: () => run(() => actions.checkAllNow()),
    pauseAlerts: (until) => run(() => actions.pauseAlerts(until)),
    openDashboard: () => run(() => actions.openDashboard()),
    setStartAtLogin: (enabled) => run(() => actions.setStartAtLogin(enabled)),
    quit: () => run(() => actions.quit()),
  };
}
