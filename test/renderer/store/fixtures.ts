// Fixtures shared by R1's renderer tests: monitor views, settings and a fake PicketClient whose events
// the test emits by hand and whose requests it answers with handlers.
import type { AppSettings, EventMap, EventName, MonitorView, PicketClient, RequestName, RequestParams, RequestResult } from '../../../electron/shared/contract.ts';
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import { listItemOf, toMonitorList, type MonitorList, type MonitorListChanges, type MonitorListItem } from '../../../electron/shared/monitor-list.ts';
import { PicketClientError } from '../../../renderer/src/transport/client-error.ts';
import type { Monitor, MonitorState } from '../../../electron/shared/types.ts';

export function makeView(id: string, options: { state?: MonitorState; name?: string; group?: string; latency?: number | null; h24?: number | null; type?: Monitor['type']; url?: string } = {}): MonitorView {
  const common = { id, name: options.name ?? id, intervalSeconds: 60, timeoutSeconds: 10, failureThreshold: 1, reminderIntervalMinutes: 0, paused: false, ...(options.group ? { group: options.group } : {}) };
  const monitor: Monitor =
    options.type === 'tcp'
      ? { ...common, type: 'tcp', host: `${id}.example`, port: 5432 }
      : // The config format's own defaults for the fields the views do not look at.
        { ...parseMonitor({ id, type: 'http', url: options.url ?? `https://${id}.example/health` }), ...common };
  const latency = options.latency === undefined ? 40 : options.latency;
  return {
    monitor,
    state: options.state ?? 'up',
    lastResult: latency === null ? null : { monitorId: id, status: 'up', at: 1_700_000_000_000, latencyMs: latency, message: `200 OK in ${latency} ms` },
    uptime: { h24: options.h24 === undefined ? 1 : options.h24, d7: 1, d30: 0.999, d365: null },
    muted: false,
  };
}

/** A view as its list row has it. */
export function makeItem(id: string, options: Parameters<typeof makeView>[1] = {}): MonitorListItem {
  return listItemOf(makeView(id, options));
}

/** listMonitors' answer for these views, as the service builds it. */
export function listOf(views: readonly MonitorView[], version = 0): MonitorList {
  return toMonitorList(views.map(listItemOf), version);
}

let eventsSent = 0;

/** A 'monitors' event: these views added or changed, those ids removed; each one newer than any list so far unless told. */
export function changesOf(views: readonly MonitorView[], removed: string[] = [], version = 1_000_000 + ++eventsSent): MonitorListChanges {
  return { ...listOf(views, version), removed };
}

export const SETTINGS: AppSettings = {
  rawRetentionDays: 2,
  rollupRetentionDays: 365,
  referenceTarget: '127.0.0.1:9',
  maxConcurrentChecks: 64,
  resumeSettleSeconds: 5,
  defaultExpiryWarningDays: [30, 14, 7, 3, 1],
  notificationsEnabled: true,
  notificationSound: true,
  startAtLogin: false,
  theme: 'system',
  alertsPausedUntil: null,
  mutedMonitors: [],
};

type Handlers = { [Name in RequestName]?: (params: RequestParams<Name>) => Promise<RequestResult<Name>> | RequestResult<Name> };

export class FakeClient implements PicketClient {
  readonly requests: Array<{ name: RequestName; params: unknown }> = [];
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  constructor(public handlers: Handlers = {}) {}

  async request<Name extends RequestName>(name: Name, params: RequestParams<Name>): Promise<RequestResult<Name>> {
    // The channel pickers read the channels on their own: without a handler that read is answered with none
    // and not recorded, so a test about other requests need not mention it.
    if (name === 'listChannels' && !this.handlers.listChannels) return { channels: [], groupChannels: {} } as RequestResult<Name>;
    this.requests.push({ name, params });
    const handler = this.handlers[name];
    if (!handler) throw new Error(`FakeClient: no handler for ${name}`);
    return handler(params);
  }

  on<Name extends EventName>(name: Name, listener: (payload: EventMap[Name]) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    this.listeners.set(name, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<Name extends EventName>(name: Name, payload: EventMap[Name]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as (p: EventMap[Name]) => void)(payload);
  }

  listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

/** A client with a monitor list and settings, and empty history for every uptime bar (with the view's uptime, as the service answers). */
export function clientWith(views: MonitorView[], settings: AppSettings = SETTINGS): FakeClient {
  const NO_UPTIME = { h24: null, d7: null, d30: null, d365: null };
  return new FakeClient({
    listMonitors: () => listOf(views),
    getMonitor: ({ monitorId }) => {
      const view = views.find((candidate) => candidate.monitor.id === monitorId);
      if (!view) throw new PicketClientError('not-found', `no monitor "${monitorId}"`);
      return view;
    },
    getSettings: () => settings,
    getHistory: ({ monitorId, range }) => ({
      monitorId,
      range,
      resolution: 'hour',
      buckets: [],
      uptime: views.find((view) => view.monitor.id === monitorId)?.uptime ?? NO_UPTIME,
      incidents: [],
      recent: [],
    }),
  });
}
