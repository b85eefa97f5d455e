// The one alert policy for every front (the app, `serve`, `run`): alerts are collected for a short window,
// muted and paused ones dropped, grouped (one message per burst, one per homeserver with its diagnosis), routed
// to their channels and queued in the persisted outbox. The desktop is one more receiver: it is handed the
// grouped notices and shows them; it decides nothing.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ChannelConfig, ChannelStatus, ChannelTestOutcome } from '../../shared/channel-types.ts';
import type { HomeserverGroup } from '../../shared/contract.ts';
import { targetOf } from '../../shared/monitor-types/registry.ts';
import type { Alert, Monitor, MonitorState, StateChange } from '../../shared/types.ts';
import { composeMessage, type AlertItem, type AlertMessage, type Delivery } from './alert-message.ts';
import { alertmanagerAlert, postAlerts } from './channels/alertmanager.ts';
import { describeDeliveryError } from './channels/channel-provider.ts';
import { providerFor } from './channels/registry.ts';
import { ChannelStatusBook } from './delivery/channel-status.ts';
import { FiringBook } from './delivery/firing-book.ts';
import { Outbox, type DeliveryReport, type OutboxOptions } from './delivery/outbox.ts';
import { groupAlerts, latestPerMonitor, type AlertGroup } from './policy/alert-grouping.ts';
import { labelsOf } from './policy/alert-wording.ts';
import { audibleAlerts, type SilenceSettings } from './policy/silencing.ts';
import { routeAlerts } from './routing.ts';

/** What the policy reads from the service, always fresh: a pause or a channel added a second ago counts. */
export interface AlertingContext {
  monitors(): Monitor[];
  state(monitorId: string): MonitorState | undefined;
  homeservers(): HomeserverGroup[];
  silence(): SilenceSettings;
  /** Secrets open: these are what the providers send with. */
  channels(): ChannelConfig[];
  groupChannels(): Record<string, string[]>;
  isOffline(): boolean;
}

export interface AlertingOptions {
  /** <data>/alerts: the outbox, channel status and firing alerts. */
  dir: string;
  context: AlertingContext;
  now?: () => number;
  /** How long alerts are collected into one message. Default 2 s. */
  windowMs?: number;
  outbox?: Partial<Omit<OutboxOptions, 'dir' | 'send' | 'isOffline' | 'onReport' | 'now'>>;
  /** Overrides each provider's resend period for alerts still firing (tests shorten it). */
  resendFiringMs?: number;
}

/** "Alerts to Ops Slack are failing: 401 Unauthorized", said once when a channel starts failing. */
export interface ChannelFailingNotice {
  channelId: string;
  channelName: string;
  error: string;
  text: string;
}

const TEST_TIMEOUT_MS = 30_000;

type Listener<T> = (value: T) => void;

export class AlertingService {
  private pending: Array<{ alert: Alert; item: AlertItem }> = [];
  private batchTimer: NodeJS.Timeout | undefined;
  private readonly lastChange = new Map<string, StateChange>();
  private readonly noticeListeners = new Set<Listener<AlertGroup[]>>();
  private readonly reportListeners = new Set<Listener<DeliveryReport>>();
  private readonly failingListeners = new Set<Listener<ChannelFailingNotice>>();
  private readonly outbox: Outbox;
  private readonly statuses: ChannelStatusBook;
  private readonly firing: FiringBook;
  private readonly resendTimers = new Map<number, NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private readonly windowMs: number;

  constructor(private readonly options: AlertingOptions) {
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? 2_000;
    const { context } = options;
    this.statuses = new ChannelStatusBook(path.join(options.dir, 'channel-status.json'));
    this.outbox = Outbox.open({
      ...options.outbox,
      dir: path.join(options.dir, 'outbox'),
      now: this.now,
      isOffline: () => context.isOffline(),
      send: (channelId, delivery, signal) => {
        const channel = context.channels().find((candidate) => candidate.id === channelId);
        return channel ? providerFor(channel).send(channel, delivery, { signal, now: this.now }) : undefined;
      },
      onReport: (report) => this.onReport(report),
    });
    this.firing = new FiringBook(path.join(options.dir, 'firing.json'));
    this.startResending();
  }

  /** An alert from the engine (or the homeserver service); it goes out with the others of its window. */
  onAlert(alert: Alert): void {
    this.pending.push({ alert, item: this.itemOf(alert) });
    // Counted from the first alert, not the last: a steady stream still goes out every window.
    this.batchTimer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  onStateChange(change: StateChange): void {
    this.lastChange.set(change.monitorId, change);
  }

  /** Grouped notices for the desktop: every audible alert, whatever its channels. */
  onNotice(listener: Listener<AlertGroup[]>): () => void {
    return subscribe(this.noticeListeners, listener);
  }

  onDelivery(listener: Listener<DeliveryReport>): () => void {
    return subscribe(this.reportListeners, listener);
  }

  onChannelFailing(listener: Listener<ChannelFailingNotice>): () => void {
    return subscribe(this.failingListeners, listener);
  }

  status(channelId: string): ChannelStatus {
    return { ...this.statuses.get(channelId), queued: this.outbox.queuedByChannel().get(channelId) ?? 0 };
  }

  /** The channels changed (or the network came back): drop what no longer exists and look at the queue again. */
  channelsChanged(): void {
    const channels = this.options.context.channels();
    this.firing.prune(new Set(channels.map((channel) => channel.id)), new Set(this.options.context.monitors().map((monitor) => monitor.id)));
    this.startResending();
    this.outbox.wake();
  }

  forgetChannel(channelId: string): void {
    this.statuses.forget(channelId);
  }

  wake(): void {
    this.outbox.wake();
  }

  /** Sends the window's alerts now. */
  flush(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    const { context } = this.options;
    const audible = new Set(audibleAlerts(batch.map((entry) => entry.alert), context.silence(), this.now()));
    if (audible.size === 0) return;
    const monitors = context.monitors();
    const byId = new Map(monitors.map((monitor) => [monitor.id, monitor]));
    const labels = labelsOf(monitors);
    // Read now, after the batch: the diagnosis then reflects the results that raised these alerts.
    const homeservers = context.homeservers();
    const latest = latestPerMonitor([...audible]);
    const itemOf = new Map(batch.map((entry) => [entry.alert, entry.item]));
    emit(this.noticeListeners, groupAlerts(latest, labels, homeservers));
    const routed = routeAlerts(latest, (id) => byId.get(id), { channels: context.channels(), groupChannels: context.groupChannels() });
    for (const [channel, alerts] of routed) {
      const items = alerts.map((alert) => itemOf.get(alert) as AlertItem);
      const groups = groupAlerts(alerts, labels, homeservers);
      this.outbox.enqueue(channel.id, composeMessage(groups, items));
      if (providerFor(channel).resendWhileFiringMs !== undefined) this.firing.update(channel.id, items);
    }
  }

  /** "Send test alert": straight to the provider, not queued, and the answer or error comes back. */
  async testChannel(channel: ChannelConfig): Promise<ChannelTestOutcome> {
    const delivery: Delivery = { id: randomUUID(), attempt: 1, message: testMessage(this.now()) };
    try {
      const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(TEST_TIMEOUT_MS)]);
      return { ok: true, detail: await providerFor(channel).send(channel, delivery, { signal, now: this.now }) };
    } catch (error) {
      return { ok: false, detail: describeDeliveryError(error) };
    }
  }

  /** Alerts still collecting are sent to the outbox first, so a quit loses none; attempts in flight stay queued. */
  async close(): Promise<void> {
    this.flush();
    for (const timer of this.resendTimers.values()) clearInterval(timer);
    this.resendTimers.clear();
    this.abort.abort();
    await this.outbox.close();
  }

  private onReport(report: DeliveryReport): void {
    const startsFailing = this.statuses.record(report);
    emit(this.reportListeners, report);
    if (!startsFailing) return;
    const channel = this.options.context.channels().find((candidate) => candidate.id === report.channelId);
    const channelName = channel?.name ?? report.channelId;
    emit(this.failingListeners, { channelId: report.channelId, channelName, error: report.detail, text: `Alerts to ${channelName} are failing: ${report.detail}` });
  }

  private itemOf(alert: Alert): AlertItem {
    const { context } = this.options;
    const monitor = context.monitors().find((candidate) => candidate.id === alert.monitorId);
    const change = this.lastChange.get(alert.monitorId);
    const group = monitor?.group;
    const homeserver = group === undefined ? undefined : context.homeservers().find((server) => server.group === group || server.serverName === group);
    return {
      kind: alert.kind,
      monitorId: alert.monitorId,
      monitorName: monitor?.name ?? alert.monitorId,
      target: monitor ? targetOf(monitor) : '',
      state: context.state(alert.monitorId) ?? change?.to ?? 'unknown',
      previousState: change?.from ?? null,
      message: alert.message,
      at: new Date(alert.at).toISOString(),
      since: change ? new Date(change.at).toISOString() : null,
      outageSeconds: alert.outageMs !== undefined && (alert.kind === 'recovered' || alert.kind === 'reminder') ? Math.round(alert.outageMs / 1000) : null,
      homeserver: homeserver?.serverName ?? null,
      ...(alert.daysLeft !== undefined ? { daysLeft: alert.daysLeft } : {}),
    };
  }

  /** One interval per resend period in use (today only Alertmanager's), re-posting what is still firing. */
  private startResending(): void {
    const periods = new Set(
      this.options.context
        .channels()
        .map((channel) => this.resendPeriodOf(channel))
        .filter((ms): ms is number => ms !== undefined),
    );
    for (const ms of periods) {
      if (this.resendTimers.has(ms)) continue;
      const timer = setInterval(() => void this.resendFiring(ms), ms);
      timer.unref();
      this.resendTimers.set(ms, timer);
    }
  }

  private resendPeriodOf(channel: ChannelConfig): number | undefined {
    const period = providerFor(channel).resendWhileFiringMs;
    return period === undefined ? undefined : (this.options.resendFiringMs ?? period);
  }

  private async resendFiring(periodMs: number): Promise<void> {
    const { context } = this.options;
    if (context.isOffline()) return;
    for (const channel of context.channels()) {
      if (channel.type !== 'alertmanager' || this.resendPeriodOf(channel) !== periodMs) continue;
      const items = this.firing.items(channel.id);
      if (items.length === 0) continue;
      // An outage that ended while Picket was not running has no recovery alert: resolve it from the state.
      const ended = items.filter((item) => context.state(item.monitorId) === 'up');
      const now = this.now();
      const alerts = items.map((item) => alertmanagerAlert(channel, ended.includes(item) ? { ...item, kind: 'recovered', at: new Date(now).toISOString(), outageSeconds: null } : item, now));
      try {
        const answer = await postAlerts(channel, alerts, AbortSignal.any([this.abort.signal, AbortSignal.timeout(TEST_TIMEOUT_MS)]));
        if (ended.length > 0) this.firing.update(channel.id, ended.map((item) => ({ ...item, kind: 'recovered' })));
        this.onReport(resendReport(channel.id, items, true, answer, now));
      } catch (error) {
        if (!this.abort.signal.aborted) this.onReport(resendReport(channel.id, items, false, describeDeliveryError(error), now));
      }
    }
  }
}

function resendReport(channelId: string, items: AlertItem[], ok: boolean, detail: string, at: number): DeliveryReport {
  const message = composeMessage([], items);
  return { channelId, entryId: 'resend', message: { ...message, kind: 'reminder' }, ok, detail, attempt: 1, at, gaveUp: false };
}

/** What a check is aimed at, as the webhook body's "target" says it. */
export { targetOf };

export function testMessage(now: number): AlertMessage {
  const item: AlertItem = {
    kind: 'down',
    monitorId: 'picket-test',
    monitorName: 'Picket test alert',
    target: '',
    state: 'down',
    previousState: 'up',
    message: 'This is a test alert from Picket: nothing is down.',
    at: new Date(now).toISOString(),
    since: null,
    outageSeconds: null,
    homeserver: null,
  };
  return {
    ...composeMessage([{ title: 'Test alert from Picket', body: 'If you can read this, alerts reach you here.', kind: 'down', monitorIds: ['picket-test'] }], [item]),
    test: true,
  };
}

function subscribe<T>(listeners: Set<Listener<T>>, listener: Listener<T>): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit<T>(listeners: Set<Listener<T>>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (error) {
      // One broken receiver (a closed pipe under `run`) must not stop the others.
      console.error('picket: an alert listener failed:', error);
    }
  }
}
