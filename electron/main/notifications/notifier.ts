// Native notifications for the engine's alerts: collected for a short window, grouped, filtered by the
// user's settings, shown, and a click opens the monitor. Electron's Notification comes in as an option.
import type { AppSettings, HomeserverGroup, MonitorView, PicketClient } from '../../shared/contract.ts';
import type { Alert } from '../../shared/types.ts';
import { systemClearTimer, systemSetTimer, type ClearTimer, type SetTimer } from '../tray/timers.ts';
import { groupAlerts, type AlertGroup } from './alert-grouping.ts';
import { monitorLabels } from './alert-wording.ts';

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotificationFactory {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent: boolean }): NotificationLike;
}

export interface NotifierSource extends Pick<PicketClient, 'on'> {
  views(): MonitorView[];
  /** Homeserver groups with their diagnosis, so one homeserver's alerts become one notification. */
  homeservers?(): HomeserverGroup[];
}

export type NotifierSettings = Pick<AppSettings, 'notificationsEnabled' | 'notificationSound' | 'alertsPausedUntil' | 'mutedMonitors'>;

export interface NotifierOptions {
  Notification: NotificationFactory;
  source: NotifierSource;
  openMonitor(monitorId: string): void;
  /** Must return the current settings; read when a batch is shown, so a pause set meanwhile is honoured. */
  settings(): NotifierSettings;
  now?: () => number;
  setTimer?: SetTimer;
  clearTimer?: ClearTimer;
  /** How long after the first alert the batch is shown. Default 3 s. */
  windowMs?: number;
}

/** Whether a batch may be shown at all, and which alerts of it. Pure, so the rules are tested directly. */
export function alertsToNotify(alerts: readonly Alert[], settings: NotifierSettings, now: number): Alert[] {
  if (!settings.notificationsEnabled) return [];
  if (settings.alertsPausedUntil !== null && settings.alertsPausedUntil > now) return [];
  const muted = new Set(settings.mutedMonitors);
  return alerts.filter((alert) => !muted.has(alert.monitorId));
}

const MAX_HELD_NOTIFICATIONS = 20;

export class Notifier {
  private readonly opts: NotifierOptions;
  private readonly now: () => number;
  private readonly setTimer: SetTimer;
  private readonly clearTimer: ClearTimer;
  private readonly windowMs: number;
  private pending: Alert[] = [];
  private batchTimer: unknown = undefined;
  private unsubscribe: (() => void) | undefined;
  /** Shown notifications are held until closed: one garbage-collected early loses its click handler. */
  private readonly shown = new Set<NotificationLike>();

  constructor(opts: NotifierOptions) {
    if (typeof opts.Notification !== 'function') throw new Error('Notifier: Notification must be a constructor');
    if (typeof opts.openMonitor !== 'function') throw new Error('Notifier: openMonitor must be a function');
    if (typeof opts.settings !== 'function') throw new Error('Notifier: settings must be a function');
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.setTimer = opts.setTimer ?? systemSetTimer;
    this.clearTimer = opts.clearTimer ?? systemClearTimer;
    this.windowMs = opts.windowMs ?? 3_000;
    if (!Number.isFinite(this.windowMs) || this.windowMs < 0) throw new Error(`Notifier: windowMs must be >= 0, got ${this.windowMs}`);
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.opts.source.on('alert', (alert) => this.collect(alert));
  }

  /** Stops listening; alerts still waiting are dropped (the app is quitting). */
  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.batchTimer !== undefined) this.clearTimer(this.batchTimer);
    this.batchTimer = undefined;
    this.pending = [];
  }

  /** Shows what has been collected now instead of at the end of the window. */
  flush(): void {
    if (this.batchTimer !== undefined) this.clearTimer(this.batchTimer);
    this.batchTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    const { Notification } = this.opts;
    if (batch.length === 0 || !Notification.isSupported()) return;

    const settings = this.opts.settings();
    const alerts = alertsToNotify(batch, settings, this.now());
    if (alerts.length === 0) return;
    // Read now, after the batch: the diagnosis then reflects the results that raised these alerts.
    const homeservers = this.opts.source.homeservers?.() ?? [];
    for (const group of groupAlerts(alerts, monitorLabels(this.opts.source.views()), homeservers)) this.show(group, !settings.notificationSound);
  }

  private collect(alert: Alert): void {
    this.pending.push(alert);
    // The window is counted from the first alert, not the last: a steady stream still shows every windowMs.
    if (this.batchTimer === undefined) this.batchTimer = this.setTimer(() => this.flush(), this.windowMs);
  }

  private show(group: AlertGroup, silent: boolean): void {
    const notification = new this.opts.Notification({ title: group.title, body: group.body, silent });
    const first = group.monitorIds[0];
    notification.on('click', () => {
      this.shown.delete(notification);
      if (first !== undefined) this.opts.openMonitor(first);
    });
    notification.on('close', () => this.shown.delete(notification));
    this.shown.add(notification);
    // Some Linux notification daemons never report 'close': keep the newest few, not every one ever shown.
    for (const old of this.shown) {
      if (this.shown.size <= MAX_HELD_NOTIFICATIONS) break;
      this.shown.delete(old);
    }
    notification.show();
  }
}
