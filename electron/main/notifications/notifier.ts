// Desktop notifications: the one alert channel that lives in the Electron shell. The alert policy
// (core/alerting) has already collected, filtered (mute, pause) and grouped the alerts; this shows its notices,
// and once per failing channel "Alerts to Ops Slack are failing: …". A click opens the monitor.
import type { AppSettings } from '../../shared/contract.ts';
import type { AlertGroup } from '../../core/alerting/policy/alert-grouping.ts';
import type { ChannelFailingNotice } from '../../core/alerting/alerting-service.ts';

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotificationFactory {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent: boolean }): NotificationLike;
}

/** The part of the alert policy the notifier listens to. */
export interface NotifierSource {
  onNotice(listener: (groups: AlertGroup[]) => void): () => void;
  onChannelFailing(listener: (notice: ChannelFailingNotice) => void): () => void;
}

export type NotifierSettings = Pick<AppSettings, 'notificationsEnabled' | 'notificationSound'>;

export interface NotifierOptions {
  Notification: NotificationFactory;
  source: NotifierSource;
  openMonitor(monitorId: string): void;
  /** Must return the current settings; read for each notice. */
  settings(): NotifierSettings;
}

const MAX_HELD_NOTIFICATIONS = 20;

export class Notifier {
  private readonly opts: NotifierOptions;
  private unsubscribe: Array<() => void> = [];
  /** Shown notifications are held until closed: one garbage-collected early loses its click handler. */
  private readonly shown = new Set<NotificationLike>();

  constructor(opts: NotifierOptions) {
    if (typeof opts.Notification !== 'function') throw new Error('Notifier: Notification must be a constructor');
    if (typeof opts.openMonitor !== 'function') throw new Error('Notifier: openMonitor must be a function');
    if (typeof opts.settings !== 'function') throw new Error('Notifier: settings must be a function');
    this.opts = opts;
  }

  start(): void {
    if (this.unsubscribe.length > 0) return;
    this.unsubscribe = [
      this.opts.source.onNotice((groups) => {
        for (const group of groups) this.show(group.title, group.body, group.monitorIds[0]);
      }),
      this.opts.source.onChannelFailing((notice) => this.show(notice.text, 'Settings → Alert channels shows the last error.', undefined)),
    ];
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
  }

  private show(title: string, body: string, monitorId: string | undefined): void {
    const settings = this.opts.settings();
    const { Notification } = this.opts;
    if (!settings.notificationsEnabled || !Notification.isSupported()) return;
    const notification = new Notification({ title, body, silent: !settings.notificationSound });
    notification.on('click', () => {
      this.shown.delete(notification);
      if (monitorId !== undefined) this.opts.openMonitor(monitorId);
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
