// The contract (shared/contract.ts) implemented over the engine, the store and the history: the one place they
// are composed for a UI. Electron IPC and the web transport both call handle() and on(); neither reimplements it.
// Plain Node: never imports 'electron'; the Electron shell passes its safeStorage codec in.
import fs from 'node:fs';
import path from 'node:path';
import type { AppSettings, ChannelsOverview, EventMap, EventName, HomeserverGroup, MonitorView, RequestName, RequestParams, RequestResult } from '../../shared/contract.ts';
import { validateRequest } from '../../shared/contract-validation.ts';
import { ConfigError, parseMonitor, validateSettings, type MonitorConfig, type MonitorDefaults } from '../../shared/config-validation.ts';
import { targetOf as monitorTargetOf } from '../../shared/monitor-types/registry.ts';
import type { Monitor, Settings } from '../../shared/types.ts';
import { unknownChannelIssues } from '../../shared/channel-validation.ts';
import { AlertingService, type AlertingOptions } from '../alerting/alerting-service.ts';
import type { ProbeOptions } from '../checks/probe-options.ts';
import { runCheck as defaultRunCheck, type RunCheck } from '../checks/run-check.ts';
import { Engine } from '../engine/engine.ts';
import { HistoryStore } from '../history/history-store.ts';
import { checkMatrixOptions, HomeserverService, type MatrixServiceOptions } from '../matrix/homeserver-service/index.ts';
import { referenceProbeFor } from '../rules/reference-probe.ts';
import { openStore, type MonitorStore, type StoreOpenReport } from '../storage/index.ts';
import { readAppSettings, splitSettingsPatch } from './app-settings.ts';
import { ChannelBook } from './channel-book.ts';
import { ResultBatcher } from './event-batcher.ts';
import { queryHistory } from './history-query.ts';
import { exportConfig, planImport } from './import-export.ts';
import { ImportFileError } from '../import/foreign-import.ts';
import { previewImport } from '../import/preview-import.ts';
import { openSecrets, redactSecrets, restoreRedacted, sealSecrets, type SecretCodec } from './secrets.ts';
import { conflict, invalidParams, notFound, ServiceError } from './service-error.ts';
import { ServiceEvents } from './service-events.ts';
import { ProblemBoard } from '../health/problem-board.ts';
import { describeOwnFailure, isOwnResourceError } from '../health/own-failures.ts';
import { applyConfigBeforeStart, type StartupConfig } from './startup-config.ts';
import type { ImportOutcome } from '../../shared/contract.ts';
import { MonitorListFeed } from './monitor-list-feed.ts';
import { ViewCache } from './view-cache.ts';
import { DAY_MS, MINUTE_MS } from '../../shared/time.ts';

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
  /** A config file (`--config`) applied to the store before the engine starts, so its settings govern the first check. */
  config?: StartupConfig;
  /** The alert policy's window and the outbox's pacing; tests shorten them. */
  alerting?: Pick<AlertingOptions, 'windowMs' | 'outbox'>;
}

const REFERENCE_PROBE_TIMEOUT_MS = 5_000;
const DEFAULT_EVENT_BATCH_MS = 250;
const DEFAULT_VIEWS_REFRESH_MS = MINUTE_MS;
const MAX_ALERT_PAUSE_MS = 366 * DAY_MS;
/** A view's uptime figures are at most this old when nothing else about its monitor changed. */
const VIEW_MAX_AGE_MS = 30_000;

// handle() awaits each handler inside its try, so one that needs no I/O may answer synchronously: a throw still
// becomes the contract's error.
type Handlers = { [Name in RequestName]: (params: RequestParams<Name>) => Promise<RequestResult<Name>> | RequestResult<Name> };

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
  /** Picket's own current problems (full disk, damaged files): shown by every front. */
  private readonly problemBoard: ProblemBoard;
  /** What the startup config did, when one was given. */
  readonly configOutcome: ImportOutcome | undefined;
  private readonly channelBook: ChannelBook;
  private trustedImport = false;
  /** The alert policy, outbox and channels: the fronts listen to it for desktop notices and delivery reports. */
  readonly alerting: AlertingService;
  private readonly listFeed = new MonitorListFeed();
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
    problemBoard: ProblemBoard,
    configOutcome: ImportOutcome | undefined,
  ) {
    this.problemBoard = problemBoard;
    this.configOutcome = configOutcome;
    problemBoard.onChange((problems) => this.events.emit('problems', problems));
    this.openReport = report;
    this.sealedSecretMonitors = sealedSecretMonitors;
    this.batcher = new ResultBatcher(options.eventBatchMs ?? DEFAULT_EVENT_BATCH_MS, (batch) => {
      this.resultsSinceViews = true;
      this.events.emit('results', batch);
    });
    // Results carry the last check, not the uptime figures: tell the changed figures now and then, while checks run.
    this.viewsRefresh = setInterval(() => {
      if (!this.resultsSinceViews) return;
      this.resultsSinceViews = false;
      this.emitListChanges();
    }, options.viewsRefreshMs ?? DEFAULT_VIEWS_REFRESH_MS);
    this.viewsRefresh.unref();
    this.channelBook = new ChannelBook(store, options.secretCodec);
    this.alerting = new AlertingService({
      ...options.alerting,
      dir: path.join(options.dataDir, 'alerts'),
      now: this.now,
      context: {
        monitors: () => engine.monitors(),
        state: (monitorId) => engine.snapshotOf(monitorId)?.state,
        homeservers: () => this.matrix.list(),
        silence: () => this.store.preferences(),
        channels: () => this.channelBook.channels(),
        groupChannels: () => this.channelBook.groupChannels(),
        isOffline: () => engine.isOffline(),
      },
    });
    this.alerting.onDelivery(() => this.events.emit('channels', this.channelsOverview()));
    this.matrix = new HomeserverService(
      {
        store,
        snapshot: () => engine.snapshot(),
        saveMonitors: (drafts) => this.saveGroupMonitors(drafts),
        removeMonitors: (monitorIds) => this.dropMonitors(monitorIds.filter((id) => this.findMonitor(id) !== undefined)),
        checkSoon: (monitorIds) => {
          for (const id of monitorIds) void engine.checkNow(id).catch(() => undefined);
        },
        emitHomeservers: (groups) => this.events.emit('homeservers', groups),
        emitAlert: (alert) => {
          this.events.emit('alert', alert);
          this.alerting.onAlert(alert);
        },
        now: this.now,
      },
      options.matrix,
    );
    this.unsubscribeEngine = engine.subscribe((event) => {
      if (event.type === 'result') {
        // No batch (and no timer) for a results event nobody listens to: `run` has none, a closed dashboard neither.
        if (this.events.listened('results')) this.batcher.add(event.result);
        else this.resultsSinceViews = true;
        this.matrix.onResult(event.result);
      } else if (event.type === 'state') {
        const { type: _type, ...change } = event;
        this.alerting.onStateChange(change);
        this.events.emit('state', change);
        this.matrix.onStateChange(change.monitorId);
      } else {
        const { type: _type, ...alert } = event;
        this.events.emit('alert', alert);
        this.alerting.onAlert(alert);
      }
    });
  }

  static async open(options: PicketServiceOptions): Promise<PicketService> {
    if (typeof options.dataDir !== 'string' || options.dataDir === '') throw new Error('dataDir: must be a non-empty path');
    // Before anything is opened: a bad --resolve or --dns-server must not leave the store and history half open.
    checkMatrixOptions(options.matrix ?? {});
    const now = options.now ?? Date.now;
    // Owner-only when Picket creates it: the folder holds the monitors' secrets and their history.
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const problems = new ProblemBoard();
    // The store writes off the request's path: a failed write keeps the change in memory, retries, and says so here.
    const { store, report } = openStore(options.dataDir, {
      now,
      onWriteError: (file, error) => problems.set(`store:${path.basename(file)}`, describeOwnFailure(`cannot write ${path.basename(file)} (changes are kept and written once it works)`, error)),
      onWritten: (file) => problems.set(`store:${path.basename(file)}`, undefined),
    });
    // Settings first, then the engine: a --config file's referenceTarget must govern the very first check.
    const configOutcome = options.config ? applyConfigBeforeStart(store, options.config, options.secretCodec) : undefined;
    const settings = store.settings();
    const history = await HistoryStore.open(path.join(options.dataDir, 'history'), {
      now,
      rawRetentionDays: settings.rawRetentionDays,
      rollupRetentionDays: settings.rollupRetentionDays,
    });
    if (report.recovered) problems.set('store-open', `${report.problem ?? 'picket.json was damaged'}; the original was moved to ${report.movedAsideTo ?? 'a copy beside it'}`);
    history.openProblems.forEach((problem, index) => problems.set(`history-open-${index}`, problem));
    history.onProblemChange((problem) => problems.set('history', problem));
    const probeOptions = options.probeOptions ?? {};
    const engine = new Engine({
      runCheck: options.runCheck ?? defaultRunCheck,
      settings,
      history,
      now,
      probeOptions,
      referenceProbe: options.referenceProbe ?? PicketService.referenceProbe(settings, probeOptions),
      runtimeState: { load: () => store.runtimeState(), save: (state) => store.saveRuntimeState(state) },
      onProblem: (source, problem) => problems.set(source, problem),
    });
    const sealed: string[] = [];
    const monitors = store.monitors().map((stored) => {
      const opened = openSecrets(stored, options.secretCodec);
      if (opened.sealed) sealed.push(stored.id);
      return opened.monitor;
    });
    const service = new PicketService(options, store, history, engine, report, sealed, problems, configOutcome);
    engine.start(monitors);
    service.matrix.start();
    return service;
  }

  /** Validates first (transports validate too: defence in depth); a rejected request changes nothing. */
  async handle<Name extends RequestName>(name: Name, params: unknown): Promise<RequestResult<Name>> {
    if (this.closing) throw new ServiceError({ code: 'internal', message: 'the service is closed' });
    const validated = validateRequest<Name>(name, params);
    if (!validated.ok) throw new ServiceError(validated.error);
    const handler = this.handlers[validated.name] as (params: RequestParams<Name>) => Promise<RequestResult<Name>> | RequestResult<Name>;
    try {
      return await handler(validated.params);
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      // A disk or engine failure: the transport still gets a ContractError, with the cause for the log. Our own
      // trouble (a full disk) is worded for a person: the request did not fail because of what they typed.
      if (isOwnResourceError(error)) throw new ServiceError({ code: 'internal', message: describeOwnFailure(`${name} failed: nothing was saved`, error) });
      throw new ServiceError({ code: 'internal', message: `${name} failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  on<Name extends EventName>(name: Name, listener: (payload: EventMap[Name]) => void): () => void {
    return this.events.on(name, listener);
  }

  /**
   * importConfig for the config file named on the command line (`run --config`, `serve --config`): the one
   * place a `command` channel may be added or changed, since whoever writes that file can run programs anyway.
   */
  async importTrustedConfig(json: string, mode: 'merge' | 'replace'): Promise<RequestResult<'importConfig'>> {
    this.trustedImport = true;
    try {
      return await this.handle('importConfig', { json, mode });
    } finally {
      this.trustedImport = false;
    }
  }

  suspend(): void {
    this.engine.suspend();
  }

  resume(): void {
    this.engine.resume();
  }

  setSystemOnline(online: boolean): void {
    this.engine.setSystemOnline(online);
    if (online) this.alerting.wake();
  }

  /** Picket's own current problems, one sentence each (empty when all is well): the banner, tray and CLI show them. */
  problems(): string[] {
    return this.problemBoard.list();
  }

  /** The default reference probe: a TCP connect to settings.referenceTarget. */
  private static referenceProbe(settings: Settings, probeOptions: Omit<ProbeOptions, 'signal' | 'now'>): () => Promise<boolean> {
    return referenceProbeFor(settings.referenceTarget, REFERENCE_PROBE_TIMEOUT_MS, probeOptions.lookup ? { lookup: probeOptions.lookup } : {});
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
      // After the engine: its last alerts still reach the outbox, to go out at the next start if not now.
      await this.alerting.close();
      this.batcher.flush();
      this.unsubscribeEngine();
      await this.store.flush();
      await this.history.close();
    })();
    return this.closing;
  }

  // ---- requests ----

  private readonly handlers: Handlers = {
    listMonitors: () => this.listFeed.list(this.views()),

    getMonitor: ({ monitorId }) => this.viewOf(this.requireMonitor(monitorId).id),

    getHistory: async ({ monitorId, range }) => {
      this.requireMonitor(monitorId);
      // One source for uptime: the view's figures, the same the list shows (issue 13, item 4).
      return queryHistory(this.history, monitorId, range, this.now(), this.viewOf(monitorId).uptime);
    },

    addMonitor: ({ monitor: draft }) => this.afterMonitorChange(this.putMonitor(draft, 'add').id),

    editMonitor: ({ monitor: draft }) => this.afterMonitorChange(this.putMonitor(draft, 'edit').id),

    removeMonitor: ({ monitorId }) => {
      this.requireMonitor(monitorId);
      this.dropMonitors([monitorId]);
      return { removed: true };
    },

    setPaused: ({ monitorId, paused }) => {
      this.requireMonitor(monitorId);
      const stored = this.storedMonitor(monitorId);
      // Persisted in the monitor itself, so a paused monitor stays paused across restarts.
      this.store.saveMonitor({ ...stored, paused });
      this.engine.setPaused(monitorId, paused);
      return this.afterMonitorChange(monitorId);
    },

    setMuted: ({ monitorId, muted }) => {
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
      const parsed = parseMonitor(draft, 'monitor', this.monitorDefaults());
      const monitor = this.withStoredSecrets(parsed, this.findMonitor(parsed.id));
      const run = this.options.runCheck ?? defaultRunCheck;
      return run(monitor, { ...this.options.probeOptions, now: this.now });
    },

    importConfig: ({ json, mode }) => {
      const planned = planImport(json, mode, this.engine.monitors(), this.channelBook.channels(), this.monitorDefaults());
      if (!planned.ok) throw invalidParams(`the config was not imported: ${planned.issues.map(formatPath).join('; ')}`, planned.issues);
      const { plan } = planned;
      if (!this.trustedImport) this.channelBook.refuseNewCommands(plan.channels ?? [], 'channels', 'the config was not imported');
      let settingsChanged = false;
      if (Object.keys(plan.settings).length > 0) {
        this.updateEngineSettings(plan.settings, 'settings');
        settingsChanged = true;
      }
      // Channels before monitors: the monitors name them.
      if (plan.channels !== undefined) this.channelBook.replace(plan.channels);
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
      if (plan.channels !== undefined) this.afterChannelsChange();
      this.emitListChanges([...plan.outcome.added, ...plan.outcome.updated, ...plan.outcome.removed]);
      return plan.outcome;
    },

    exportConfig: () => ({ json: exportConfig(this.engine.monitors(), this.store.settings(), this.channelBook.channels()) }),

    getSettings: () => this.settings(),

    updateSettings: ({ patch }) => {
      const { engine, preferences } = splitSettingsPatch(patch);
      // Engine settings first: they have checks the request schema cannot express (a reference port in range).
      if (Object.keys(engine).length > 0) this.updateEngineSettings(engine, 'patch');
      if (Object.keys(preferences).length > 0) this.store.updatePreferences(preferences);
      return this.afterSettingsChange();
    },

    pauseAlerts: ({ until }) => {
      // A pause is for a meeting or a holiday, not forever: a typo like 1e300 must not silence alerts for good.
      if (until !== null && until > this.now() + MAX_ALERT_PAUSE_MS) {
        throw invalidParams('until: must be at most a year from now (epoch milliseconds), or null to resume alerts', [
          { path: 'until', message: 'must be at most a year from now' },
        ]);
      }
      this.store.updatePreferences({ alertsPausedUntil: until });
      return this.afterSettingsChange();
    },

    discoverHomeserver: async ({ serverName }) => this.matrix.discover(serverName),

    addHomeserver: async ({ serverName }) => this.matrix.add(serverName),

    listHomeservers: () => this.matrix.list(),

    previewImport: async ({ source, file }) => {
      try {
        return await previewImport(source, Buffer.from(file, 'base64'), this.engine.monitors());
      } catch (error) {
        if (error instanceof ImportFileError) throw invalidParams(error.message);
        throw error;
      }
    },
    getProblems: () => this.problems(),

    listChannels: () => this.channelsOverview(),

    saveChannel: ({ channel }) => {
      this.channelBook.refuseNewCommands([channel], 'channel', 'invalid channel');
      this.channelBook.save(channel);
      return this.afterChannelsChange();
    },

    removeChannel: ({ channelId }) => {
      this.channelBook.remove(channelId);
      // Nothing else the user saved changes: only the removed id leaves the monitors' lists.
      const users = this.store.monitors().filter((monitor) => monitor.channels?.includes(channelId));
      for (const stored of users) {
        const updated = { ...stored, channels: (stored.channels ?? []).filter((id) => id !== channelId) };
        this.store.saveMonitor(updated);
        const plain = this.findMonitor(stored.id);
        if (plain) this.engine.updateMonitor({ ...plain, channels: updated.channels });
      }
      this.alerting.forgetChannel(channelId);
      // Their rows look the same, but the dashboard refetches an open monitor's config when it is named.
      this.emitListChanges(users.map((monitor) => monitor.id));
      return this.afterChannelsChange();
    },

    testChannel: async ({ channel }) => {
      this.channelBook.refuseNewCommands([channel], 'channel', 'invalid channel');
      return this.alerting.testChannel(this.channelBook.withStoredSecrets(channel));
    },

    setGroupChannels: ({ group, channelIds }) => {
      this.channelBook.setGroup(group, channelIds);
      return this.afterChannelsChange();
    },
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
    const existing = mode === 'upsert' ? this.findMonitor(idOf(draft)) : undefined;
    const parsed = parseMonitor(draft, 'monitor', this.monitorDefaults(existing));
    const previous = this.findMonitor(parsed.id);
    if (mode === 'add' && previous) throw conflict(parsed.id);
    if (mode === 'edit' && !previous) throw notFound(parsed.id);
    const monitor = this.withStoredSecrets(parsed, previous);
    const unknownChannels = unknownChannelIssues(monitor.channels, new Set(this.channelBook.channels().map((channel) => channel.id)), 'monitor.channels');
    if (unknownChannels.length > 0) throw invalidParams(`invalid monitor: ${unknownChannels.map(formatPath).join('; ')}`, unknownChannels);
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
        parseMonitor(draft, `monitors[${index}]`, this.monitorDefaults());
      } catch (error) {
        if (error instanceof ConfigError) throw invalidParams(`the homeserver's monitors are invalid: ${error.issues.map(formatPath).join('; ')}`, error.issues);
        throw error;
      }
    });
    const ids = drafts.map((draft) => this.putMonitor(draft, 'upsert').id);
    this.emitListChanges(ids);
    const views = this.views();
    return views.filter((view) => ids.includes(view.monitor.id));
  }

  /**
   * Settings' default reminder days for a new TLS monitor. A homeserver group rebuilt over an existing
   * certificate monitor keeps the days it has, so re-adding never resets what the user chose.
   */
  private monitorDefaults(existing?: Monitor): MonitorDefaults {
    if (existing?.type === 'tls') return { expiryWarningDays: existing.expiryWarningDays };
    return { expiryWarningDays: this.store.settings().defaultExpiryWarningDays };
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
    const before = this.store.settings();
    this.store.updateSettings(patch);
    this.applyLiveSettings(before, this.store.settings());
  }

  /** Engine settings act at once: concurrency, the offline guard's target, retention. */
  private applyLiveSettings(before: Settings, after: Settings): void {
    const probeOptions = this.options.probeOptions ?? {};
    // A probe the embedder passed (tests, a custom shell) is theirs to keep; the default one follows the setting.
    const probe = !this.options.referenceProbe && before.referenceTarget !== after.referenceTarget ? PicketService.referenceProbe(after, probeOptions) : undefined;
    this.engine.updateSettings(after, probe);
    if (before.rawRetentionDays !== after.rawRetentionDays || before.rollupRetentionDays !== after.rollupRetentionDays) {
      this.history.setRetention({ rawRetentionDays: after.rawRetentionDays, rollupRetentionDays: after.rollupRetentionDays });
    }
  }

  /** Removes these (existing) monitors from the store and the engine, and from the muted list. */
  private dropMonitors(monitorIds: readonly string[]): void {
    for (const monitorId of monitorIds) {
      this.store.removeMonitor(monitorId);
      this.engine.removeMonitor(monitorId);
    }
    const muted = this.store.preferences().mutedMonitors;
    if (muted.some((id) => monitorIds.includes(id))) {
      this.store.updatePreferences({ mutedMonitors: muted.filter((id) => !monitorIds.includes(id)) });
      this.events.emit('settings', this.settings());
    }
    this.emitListChanges(monitorIds);
  }

  /**
   * Tells the UIs which monitors changed: those a request touched and those whose row changed otherwise (the
   * uptime figures). No view is built for an event nobody hears (`picket run` has no UI).
   */
  private emitListChanges(touched: readonly string[] = []): void {
    if (!this.events.listened('monitors')) return;
    const changes = this.listFeed.changes(this.views(), new Set(touched));
    if (changes !== null) this.events.emit('monitors', changes);
  }

  /** The full view of a monitor known to exist: built alone, not by building everyone's and picking one. */
  private viewOf(monitorId: string): MonitorView {
    const snapshot = this.engine.snapshotOf(monitorId);
    if (snapshot === undefined) throw new Error(`monitor "${monitorId}" is not in the engine`);
    return this.viewCache.view(snapshot, this.store.preferences().mutedMonitors.includes(monitorId), this.now());
  }

  /** Tells the UIs (every view is built only when one listens) and answers with the monitor's own view. */
  private afterMonitorChange(monitorId: string): MonitorView {
    this.emitListChanges([monitorId]);
    return this.viewOf(monitorId);
  }

  private channelsOverview(): ChannelsOverview {
    return this.channelBook.overview((channelId) => this.alerting.status(channelId));
  }

  private afterChannelsChange(): ChannelsOverview {
    this.alerting.channelsChanged();
    const overview = this.channelsOverview();
    this.events.emit('channels', overview);
    return overview;
  }

  private afterSettingsChange(): AppSettings {
    const settings = this.settings();
    this.events.emit('settings', settings);
    return settings;
  }
}

/** What a check is aimed at: when it changes, old answers say nothing about the new target. */
function targetOf(monitor: Monitor): string {
  return `${monitor.type} ${monitorTargetOf(monitor)}`;
}

function formatPath(issue: { path: string; message: string }): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

function idOf(draft: unknown): string {
  const id = typeof draft === 'object' && draft !== null ? (draft as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : '';
}
