// The desktop channel: it shows what the alert policy hands it, honours the notification settings, opens the
// monitor on click, and says once that a channel is failing.
import type { Notification as ElectronNotification } from 'electron';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { Notifier, type NotificationFactory, type NotifierSettings, type NotifierSource } from '../../../electron/main/notifications/notifier.ts';
import type { AlertGroup } from '../../../electron/core/alerting/policy/alert-grouping.ts';
import type { ChannelFailingNotice } from '../../../electron/core/alerting/alerting-service.ts';

interface Shown {
  title: string;
  body: string;
  silent: boolean;
  listeners: Map<string, () => void>;
}

function setup(settings: Partial<NotifierSettings> = {}, supported = true) {
  const shown: Shown[] = [];
  class FakeNotification {
    static isSupported(): boolean {
      return supported;
    }
    private readonly record: Shown;
    constructor(options: { title: string; body: string; silent: boolean }) {
      this.record = { ...options, listeners: new Map() };
    }
    on(event: 'click' | 'close', listener: () => void): this {
      this.record.listeners.set(event, listener);
      return this;
    }
    show(): void {
      shown.push(this.record);
    }
  }
  const noticeListeners = new Set<(groups: AlertGroup[]) => void>();
  const failingListeners = new Set<(notice: ChannelFailingNotice) => void>();
  const source: NotifierSource = {
    onNotice: (listener) => (noticeListeners.add(listener), () => noticeListeners.delete(listener)),
    onChannelFailing: (listener) => (failingListeners.add(listener), () => failingListeners.delete(listener)),
  };
  const current: NotifierSettings = { notificationsEnabled: true, notificationSound: true, ...settings };
  const openMonitor = vi.fn<(id: string) => void>();
  const notifier = new Notifier({ Notification: FakeNotification, source, openMonitor, settings: () => current });
  notifier.start();
  const notice = (...groups: Array<Pick<AlertGroup, 'title' | 'body' | 'monitorIds'>>): void => {
    for (const listener of noticeListeners) listener(groups.map((group) => ({ kind: 'down', ...group })));
  };
  const failing = (text: string): void => {
    for (const listener of failingListeners) listener({ channelId: 'slack', channelName: 'Ops Slack', error: '401 Unauthorized', text });
  };
  return { notifier, shown, openMonitor, notice, failing, noticeListeners };
}

describe('Notifier', () => {
  it('accepts Electron\'s own Notification class', () => {
    expectTypeOf<typeof ElectronNotification>().toExtend<NotificationFactory>();
  });

  it('shows one notification per group and opens the group\'s first monitor on click', () => {
    const t = setup();
    t.notice({ title: '4 monitors down', body: 'A, B, C and 1 more', monitorIds: ['a', 'b', 'c', 'd'] }, { title: 'E recovered', body: 'after 1 min', monitorIds: ['e'] });
    expect(t.shown.map((n) => [n.title, n.body])).toEqual([
      ['4 monitors down', 'A, B, C and 1 more'],
      ['E recovered', 'after 1 min'],
    ]);
    t.shown[1]?.listeners.get('click')?.();
    t.shown[0]?.listeners.get('click')?.();
    expect(t.openMonitor.mock.calls).toEqual([['e'], ['a']]);
  });

  it('plays a sound only when the setting says so', () => {
    const loud = setup({ notificationSound: true });
    loud.notice({ title: 'A is down', body: '', monitorIds: ['a'] });
    const quiet = setup({ notificationSound: false });
    quiet.notice({ title: 'A is down', body: '', monitorIds: ['a'] });
    expect([loud.shown[0]?.silent, quiet.shown[0]?.silent]).toEqual([false, true]);
  });

  it('shows nothing when notifications are disabled or not supported', () => {
    const disabled = setup({ notificationsEnabled: false });
    disabled.notice({ title: 'A is down', body: '', monitorIds: ['a'] });
    const unsupported = setup({}, false);
    unsupported.notice({ title: 'A is down', body: '', monitorIds: ['a'] });
    expect([disabled.shown.length, unsupported.shown.length]).toEqual([0, 0]);
  });

  it('says that a channel is failing, and dispose() stops listening', () => {
    const t = setup();
    t.failing('Alerts to Ops Slack are failing: 401 Unauthorized');
    expect(t.shown.map((n) => n.title)).toEqual(['Alerts to Ops Slack are failing: 401 Unauthorized']);
    t.notifier.dispose();
    expect(t.noticeListeners.size).toBe(0);
  });
});
