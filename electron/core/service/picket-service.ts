// The contract (shared/contract.ts) implemented over the engine, the store and the history: the one place they
// are composed for a UI. Electron IPC and the web transport both call handle() and on(); neither reimplements it.
// Plain Node: never imports 'electron'; the Electron shell passes its safeStorage codec in.
import path from 'node:path';
import type { AppSettings, EventMap, EventName, HomeserverGroup, MonitorView, RequestName, RequestParams, RequestResult } from '../../shared/contract.ts';
import { validateRequest } from '../../shared/contract-validation.ts';
import { ConfigError, parseMonitor, validateSettings, type MonitorConfig } from '../../shared/config-validation.ts';
import type { Monitor, Settings } from '../../shared/types.ts';
import type { ProbeOptions } from '../checks/probe-options.ts';
import { runCheck as defaultRunCheck, type RunCheck } from '../checks/run-check.ts';
import { Engine } from '../engine/engine.ts';
import { HistoryStore } from '../history/history-store.ts';
import { checkMatrixOptions, HomeserverService, type MatrixServiceOptions } from '../matrix/homeserver-service/index.ts';
import { referenceProbeFor } from '../rules/reference-probe.ts';
import { openStore, type MonitorStore, type StoreOpenReport } from '../storage/index.ts';
import { readAppSettings, splitSettingsPatch } from './app-settings.ts';
import { ResultBatcher } from './event-batcher.ts';
import { queryHistory } from './history-query.ts';
import { exportConfig, planImport } from './import-export.ts';
import { openSecrets, redactSecrets, restoreRedacted, sealSecrets, type SecretCodec } from './secrets.ts';
import { conflict, invalidParams, notFound, ServiceError } from './service-error.ts';
import { ServiceEvents } from './service-events.ts';
import { ViewCache } from './view-cache.ts';

export { ServiceError } from './service-error.ts';
export type { SecretCodec } from './secrets.ts';

export interface PicketServiceOptions {
  /** Holds picket.json (monitors, settings, preferences) and history/. */
  dataDir: string;
  /** Electron: built on safeStorage. Plain Node: none, and secrets are stored as given (see secrets.ts). */
  secretCodec?: SecretCodec;
  now?: () => number;
  runCheck?: RunCheck;
  /** Default: a TCP connect to settings.referenceTarget. Tests pass one that answers without the internet. */
  referenceProbe?: () => Promise<boolean>;
  probeOptions?: Omit<ProbeOptions, 'signal' | 'now'>;
  /** How long check results are collected into one 'results' event. Default 250 ms. */
  eventBatchMs?: number;
  /** How often, while results arrive, the monitor views (with uptime) are sent again. Default 60 s. */
  viewsRefreshMs?: number;
  /** Matrix homeserver discovery (overrides, DNS server, CA) and its re-discovery period. */
  matrix?: MatrixServiceOptions;
}

const REFERENCE_PROBE_TIMEOUT_MS = 5_000;
const DEFAULT_EVENT_BATCH_MS = 250;
const DEFAULT_VIEWS_REFRESH_MS = 60_000;
/** A view's uptime figures are at most this old when nothing else about its monitor changed. */
const VIEW_MAX_AGE_MS = 30_000;

type Handlers = { [Name in RequestName]: (params: RequestParams<Name>) => Promise<RequestResult<Name>> };

export class PicketService {
  readonly openReport: StoreOpenReport;
  /** Monitors whose stored secret is sealed but no codec was given to open it: their checks fail until re-entered. */
  readonly sealedSecretMonitors: string[];
  private readonly events = new ServiceEvents();
  private readonly batcher: ResultBatcher;
  /** Matrix homeservers: discovery, their groups, re-discovery and diagnosis. */
  private readonly matrix: HomeserverService;
  private readonly unsubscribeEngine: () => void;
  private closing: Promise<void> | undefined;
  private resultsSinceViews = false;
  private readonly viewsRefresh: NodeJS.Timeout;
  private readonly viewCache = new ViewCache(
    ({ monitor, state, lastResult }, muted, now) => ({
      monitor: redactSecrets(monitor),
      state,
      lastResult: lastResult ?? null,
      uptime: this.history.uptimeSummary(monitor.id, now),
      muted,
    }),
    VIEW_MAX_AGE_MS,
  );

  private constructor(
    private readonly options: PicketServiceOptions,
    private readonly store: MonitorStore,
    private readonly history: HistoryStore,
    private readonly engine: Engine,
    report: StoreOpenReport,
    sealedSecretMonitors: string[],
  ) {
    this.openReport = report;
    this.sealedSecretMonitors = sealedSecretMonitors;
    this.batcher = new ResultBatcher(options.eventBatchMs ?? DEFAULT_EVENT_BATCH_MS, (batch) => {
      this.resultsSinceViews = true;
      this.events.emit('results', batch);
    });
    // Results carry the last check, not the uptime figures: refresh the views now and then, while checks run.
    this.viewsRefresh = setInterval(() => {
      if (!this.resultsSinceViews || !this.events.listened('monitors')) return;
      this.resultsSinceViews = false;
      this.events.emit('monitors', this.views());
    }, options.viewsRefreshMs ?? DEFAULT_VIEWS_REFRESH_MS);
    this.viewsRefresh.unref();
    this.matrix = new HomeserverService(
      {
        store,
        snapshot: () => engine.snapshot(),
        saveMonitors: (drafts) => this.saveGroupMonitors(drafts),
        checkSoon: (monitorIds) => {
          for (const id of monitorIds) void engine.checkNow(id).catch(() => undefined);
        },
        emitHomeservers: (groups) => this.events.emit('homeservers', groups),
        emitAlert: (alert) => this.events.emit('alert', alert),
        now: this.now,
      },
      options.matrix,
    );
    this.unsubscribeEngine = engine.subscribe((event) => {
      if (event.type === 'result') {
        this.batcher.add(event.result);
        this.matrix.onResult(event.result);
      } else if (event.type === 'state') {
        const { type: _type, ...change } = event;
        this.events.emit('state', change);
        this.matrix.onStateChange(change.monitorId);
      } else {
        const { type: _type, ...alert } = event;
        this.events.emit('alert', alert);
      }
    });
  }

  static async open(options: PicketServiceOptions): Promise<PicketService> {
    if (typeof options.dataDir !== 'string' || options.dataDir === '') throw new Error('dataDir: must be a non-empty path');
    // Before anything is opened: a bad --resolve or --dns-server must not leave the store and history half open.
    checkMatrixOptions(options.matrix ?? {});
    const now = options.now ?? Date.now;
    const { store, report } = openStore(options.dataDir, { now });
    // Engine settings are read once: a change made while running (maxConcurrentChecks, referenceTarget, ...) applies at next start.
    const settings = store.settings();
    const history = await HistoryStore.open(path.join(options.dataDir, 'history'), {
      now,
      rawRetentionDays: settings.rawRetentionDays,
      rollupRetentionDays: settings.rollupRetentionDays,
    });
    const probeOptions = options.probeOptions ?? {};
    const engine = new Engine({
      runCheck: options.runCheck ?? defaultRunCheck,
      settings,
      history,
      now,
      probeOptions,
      referenceProbe:
        options.referenceProbe ??
        referenceProbeFor(settings.referenceTarget, REFERENCE_PROBE_TIMEOUT_MS, probeOptions.lookup ? { lookup: probeOptions.lookup } : {}),
      runtimeState: { load: () => store.runtimeState(), save: (state) => store.saveRuntimeState(state) },
    });
    const sealed: string[] = [];
    const monitors = store.monitors().map((stored) => {
      const opened = openSecrets(stored, options.secretCodec);
      if (opened.sealed) sealed.push(stored.id);
      return opened.monitor;
    });
    const service = new PicketService(options, store, history, engine, report, sealed);
    engine.start(monitors);
    service.matrix.start();
    return service;
  }

  /** Validates first (transports validate too: defence in depth); a rejected request changes nothing. */
  async handle<Name extends RequestName>(name: Name, params: unknown): Promise<RequestResult<Name>> {
    if (this.closing) throw new ServiceError({ code: 'internal', message: 'the service is closed' });
    const validated = validateRequest<Name>(name, params);
    if (!validated.ok) throw new ServiceError(validated.error);
    const handler = this.handlers[validated.name] as (params: RequestParams<Name>) => Promise<RequestResult<Name>>;
    try {
      return await handler(validated.params);
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      // A disk or engine failure: the transport still gets a ContractError, with the cause for the log.
      throw new ServiceError({ code: 'internal', message: `${name} failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  on<Name extends EventName>(name: Name, listener: (payload: EventMap[Name]) => void): () => void {
    return this.events.on(name, listener);
  }

  suspend(): void {
    this.engine.suspend();
  }

  resume(): void {
    this.engine.resume();
  }

  setSystemOnline(online: boolean): void {
    this.engine.setSystemOnline(online);
  }

  /** What the tray and the notifier need, synchronously. */
  views(): MonitorView[] {
    return this.viewCache.views(this.engine.snapshot(), new Set(this.store.preferences().mutedMonitors), this.now());
  }

  settings(): AppSettings {
    return readAppSettings(this.store);
  }

  /** The homeserver groups with their diagnosis, synchronously (the notifier groups a homeserver's alerts by them). */
  homeservers(): HomeserverGroup[] {
    return this.matrix.list();
  }

  /** Resolves once every change to monitors, settings and bookkeeping made so far is on disk. */
  async flushStore(): Promise<void> {
    await this.store.flush();
  }

  /** Stops the checks, emits the results still being collected, then writes and closes history. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.viewsRefresh);
      this.matrix.close();
      await this.engine.stop();
      this.batcher.flush();
      this.unsubscribeEngine();
      await this.store.flush();
      await this.history.close();
    })();
    return this.closing;
  }

  // ---- requests ----

  private readonly handlers: Handlers = {
    listMonitors: async () => this.views(),

    getHistory: async ({ monitorId, range }) => {
      this.requireMonitor(monitorId);
      // One source for uptime: the view's figures, the same the list shows (issue 13, item 4).
      const view = this.views().find((candidate) => candidate.monitor.id === monitorId) as MonitorView;
      return queryHistory(this.history, monitorId, range, this.now(), view.uptime);
    },

    addMonitor: async ({ monitor: draft }) => this.afterMonitorChange(this.putMonitor(draft, 'add').id),

    editMonitor: async ({ monitor: draft }) => this.afterMonitorChange(this.putMonitor(draft, 'edit').id),

    removeMonitor: async ({ monitorId }) => {
      this.requireMonitor(monitorId);
      this.store.removeMonitor(monitorId);
      this.engine.removeMonitor(monitorId);
      const muted = this.store.preferences().mutedMonitors;
      if (muted.includes(monitorId)) {
        this.store.updatePreferences({ mutedMonitors: muted.filter((id) => id !== monitorId) });
        this.events.emit('settings', this.settings());
      }
      this.emitViews();
      return { removed: true };
    },

    setPaused: async ({ monitorId, paused }) => {
      this.requireMonitor(monitorId);
      const stored = this.storedMonitor(monitorId);
      // Persisted in the monitor itself, so a paused monitor stays paused across restarts.
      this.store.saveMonitor({ ...stored, paused });
      this.engine.setPaused(monitorId, paused);
      return this.afterMonitorChange(monitorId);
    },

    setMuted: async ({ monitorId, muted }) => {
      this.requireMonitor(monitorId);
      const current = this.store.preferences().mutedMonitors.filter((id) => id !== monitorId);
      this.store.updatePreferences({ mutedMonitors: muted ? [...current, monitorId] : current });
      this.events.emit('settings', this.settings());
      return this.afterMonitorChange(monitorId);
    },

    checkNow: async ({ monitorId }) => {
      // Paused monitors are not checked, not even on request.
      const targets = monitorId === undefined ? this.engine.monitors() : [this.requireMonitor(monitorId)];
      const checked = targets.filter((monitor) => !monitor.paused).length;
      await this.engine.checkNow(monitorId);
      return { checked };
    },

    testMonitor: async ({ monitor: draft }) => {
      const parsed = parseMonitor(draft, 'monitor');
      const monitor = this.withStoredSecrets(parsed, this.findMonitor(parsed.id));
      const run = this.options.runCheck ?? defaultRunCheck;
      return run(monitor, { ...this.options.probeOptions, now: this.now });
    },

    importConfig: async ({ json, mode }) => {
      const planned = planImport(json, mode, this.engine.monitors());
      if (!planned.ok) throw invalidParams(`the config was not imported: ${planned.issues.map(formatPath).join('; ')}`, planned.issues);
      const { plan } = planned;
      let settingsChanged = false;
      if (Object.keys(plan.settings).length > 0) {
        this.updateEngineSettings(plan.settings, 'settings');
        settingsChanged = true;
      }
      // One write for the whole list; the settings above were validated and written first, so nothing below can fail on input.
      this.store.replaceMonitors(plan.monitors.map((monitor) => sealSecrets(monitor, this.options.secretCodec)));
      for (const id of plan.outcome.removed) this.engine.removeMonitor(id);
      const incoming = new Map(plan.monitors.map((monitor) => [monitor.id, monitor]));
      for (const id of plan.outcome.updated) this.engine.updateMonitor(incoming.get(id) as Monitor);
      for (const id of plan.outcome.added) this.engine.addMonitor(incoming.get(id) as Monitor);
      const muted = this.store.preferences().mutedMonitors;
      if (muted.some((id) => plan.outcome.removed.includes(id))) {
        this.store.updatePreferences({ mutedMonitors: muted.filter((id) => !plan.outcome.removed.includes(id)) });
        settingsChanged = true;
      }
      if (settingsChanged) this.events.emit('settings', this.settings());
      this.emitViews();
      return plan.outcome;
    },

    exportConfig: async () => ({ json: exportConfig(this.engine.monitors(), this.store.settings()) }),

    getSettings: async () => this.settings(),

    updateSettings: async ({ patch }) => {
      const { engine, preferences } = splitSettingsPatch(patch);
      // Engine settings first: they have checks the request schema cannot express (a reference port in range).
      if (Object.keys(engine).length > 0) this.updateEngineSettings(engine, 'patch');
      if (Object.keys(preferences).length > 0) this.store.updatePreferences(preferences);
      return this.afterSettingsChange();
    },

    pauseAlerts: async ({ until }) => {
      this.store.updatePreferences({ alertsPausedUntil: until });
      return this.afterSettingsChange();
    },

    discoverHomeserver: async ({ serverName }) => this.matrix.discover(serverName),

    addHomeserver: async ({ serverName }) => this.matrix.add(serverName),

    listHomeservers: async () => this.matrix.list(),
  };

  // ---- helpers ----

  /** An arrow, so it can be handed to a check as its clock. */
  private readonly now = (): number => (this.options.now ?? Date.now)();

  /** The engine's copy: secrets plain. */
  private findMonitor(monitorId: string): Monitor | undefined {
    return this.engine.monitors().find((monitor) => monitor.id === monitorId);
  }

  private requireMonitor(monitorId: string): Monitor {
    const monitor = this.findMonitor(monitorId);
    if (!monitor) throw notFound(monitorId);
    return monitor;
  }

  /** The store's copy: secrets sealed, so re-saving it never needs them opened. */
  private storedMonitor(monitorId: string): Monitor {
    const stored = this.store.monitors().find((monitor) => monitor.id === monitorId);
    if (!stored) throw notFound(monitorId);
    return stored;
  }

  /**
   * The one way a monitor is created or changed from a draft (addMonitor, editMonitor, a homeserver group):
   * validation, secrets, store, engine. 'upsert' adds or edits, whichever applies.
   */
  private putMonitor(draft: unknown, mode: 'add' | 'edit' | 'upsert'): Monitor {
    const parsed = parseMonitor(draft, 'monitor');
    const previous = this.findMonitor(parsed.id);
    if (mode === 'add' && previous) throw conflict(parsed.id);
    if (mode === 'edit' && !previous) throw notFound(parsed.id);
    const monitor = this.withStoredSecrets(parsed, previous);
    this.store.saveMonitor(sealSecrets(monitor, this.options.secretCodec));
    if (!previous) {
      this.engine.addMonitor(monitor);
      return monitor;
    }
    this.engine.updateMonitor(monitor);
    // A new target deserves a fresh answer now, not at the next interval.
    if (targetOf(previous) !== targetOf(monitor)) void this.engine.checkNow(monitor.id).catch(() => undefined);
    return monitor;
  }

  /** A homeserver group's monitors: every draft validated before any is saved, then one 'monitors' event. */
  private saveGroupMonitors(drafts: MonitorConfig[]): MonitorView[] {
    drafts.forEach((draft, index) => {
      try {
        parseMonitor(draft, `monitors[${index}]`);
      } catch (error) {
        if (error instanceof ConfigError) throw invalidParams(`the homeserver's monitors are invalid: ${error.issues.map(formatPath).join('; ')}`, error.issues);
        throw error;
      }
    });
    const ids = new Set(drafts.map((draft) => this.putMonitor(draft, 'upsert').id));
    const views = this.views();
    this.events.emit('monitors', views);
    return views.filter((view) => ids.has(view.monitor.id));
  }

  private withStoredSecrets(draft: Monitor, stored: Monitor | undefined): Monitor {
    const restored = restoreRedacted(draft, stored, 'monitor');
    if ('issue' in restored) throw invalidParams(`invalid monitor: ${formatPath(restored.issue)}`, [restored.issue]);
    return restored.monitor;
  }

  /** Checked here too, for what the request schema cannot express (a reference port out of range). */
  private updateEngineSettings(patch: Partial<Settings>, base: string): void {
    const checked = validateSettings({ ...this.store.settings(), ...patch }, base);
    if (!checked.ok) throw invalidParams(`invalid settings: ${checked.issues.map(formatPath).join('; ')}`, checked.issues);
    this.store.updateSettings(patch);
  }

  /** No view is built for an event nobody hears (`picket run` has no UI). */
  private emitViews(): void {
    if (this.events.listened('monitors')) this.events.emit('monitors', this.views());
  }

  private afterMonitorChange(monitorId: string): MonitorView {
    const views = this.views();
    this.events.emit('monitors', views);
    return views.find((view) => view.monitor.id === monitorId) as MonitorView;
  }

  private afterSettingsChange(): AppSettings {
    const settings = this.settings();
    this.events.emit('settings', settings);
    return settings;
  }
}

/** What a check is aimed at: when it changes, old answers say nothing about the new target. */
function targetOf(monitor: Monitor): string {
  return monitor.type === 'http' ? `http ${monitor.url}` : `${monitor.type} ${monitor.host}:${monitor.port}`;
}

function formatPath(issue: { path: string; message: string }): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
