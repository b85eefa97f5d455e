// The Matrix part of the service: discoverHomeserver, addHomeserver and listHomeservers, the daily re-discovery
// and the group diagnosis. It changes monitors only through the ports PicketService gives it, the same path as
// addMonitor/editMonitor, so a group's monitors are validated, stored and scheduled like any other.
import type { MonitorConfig } from '../../../shared/config-validation.ts';
import type { HomeserverGroup, MonitorView } from '../../../shared/contract.ts';
import type { MatrixDiscovery } from '../../../shared/matrix-types.ts';
import type { Alert, CheckResult } from '../../../shared/types.ts';
import type { MonitorSnapshot } from '../../engine/engine.ts';
import { invalidParams } from '../../service/service-error.ts';
import type { MonitorStore } from '../../storage/monitor-store.ts';
import type { HomeserverRecord } from '../../storage/store-homeservers.ts';
import type { RoleStatus } from '../diagnosis/types.ts';
import { discoverHomeserver } from '../discovery/discover.ts';
import { InvalidServerNameError, serverNameFromUserInput } from '../discovery/server-name.ts';
import { homeserverMonitorIds, homeserverMonitors, roleOfMonitor } from '../group/index.ts';
import { DiagnosisWatch } from './diagnosis-watch.ts';
import { nothingFound } from './discovery-verdict.ts';
import { homeserverGroup } from './group-view.ts';
import { KeyDetails } from './key-details.ts';
import { checkMatrixOptions, DEFAULT_REDISCOVER_EVERY_MS, type MatrixServiceOptions } from './options.ts';
import { discoveryRoleStatus, judgeRediscovery, type RediscoveryOutcome } from './rediscovery.ts';
import { realTimers, RediscoveryTimers } from './rediscovery-timers.ts';
import { HOUR_MS } from '../../../shared/time.ts';

/** What the service gives the Matrix part: the store, the engine's view, and its one path for saving monitors. */
export interface HomeserverServicePorts {
  store: Pick<MonitorStore, 'homeservers' | 'saveHomeserver'>;
  /** The engine's monitors with their current states and last results. */
  snapshot(): MonitorSnapshot[];
  /**
   * Creates or updates these monitors through addMonitor/editMonitor's path, emits 'monitors' once and returns
   * their views. Validates every draft first: on a bad one it throws a ServiceError and changes nothing.
   */
  saveMonitors(drafts: MonitorConfig[]): MonitorView[];
  /** Removes these monitors (those that exist) through removeMonitor's path. */
  removeMonitors(monitorIds: string[]): void;
  /** Checks these monitors once, now; fire and forget. */
  checkSoon(monitorIds: string[]): void;
  emitHomeservers(groups: HomeserverGroup[]): void;
  emitAlert(alert: Alert): void;
  now: () => number;
}

/** A failed re-discovery is tried again sooner than the period: a fixed well-known should not stay "broken" a day. */
const RETRY_AFTER_FAILURE_MS = HOUR_MS;

export class HomeserverService {
  private readonly everyMs: number;
  private readonly timers: RediscoveryTimers;
  private readonly watch: DiagnosisWatch;
  private readonly keyDetails = new KeyDetails();
  /** The last re-discovery of each homeserver since start, as the diagnosis's 'discovery' role. */
  private readonly discoveryStatus = new Map<string, RoleStatus>();
  private readonly running = new Set<string>();
  /** The store's records, read once: groupOf runs on every check result and conf reads the file on every get. */
  private readonly records = new Map<string, HomeserverRecord>();
  private closed = false;

  constructor(
    private readonly ports: HomeserverServicePorts,
    private readonly options: MatrixServiceOptions = {},
  ) {
    checkMatrixOptions(options);
    this.everyMs = options.rediscoverEveryMs ?? DEFAULT_REDISCOVER_EVERY_MS;
    this.timers = new RediscoveryTimers(options.timers ?? realTimers, ports.now, (serverName) => {
      this.rediscover(serverName).catch((error: unknown) => console.error(`picket: re-discovery of ${serverName} failed:`, error));
    });
    this.watch = new DiagnosisWatch(
      () => this.list(),
      (groups) => ports.emitHomeservers(groups),
    );
  }

  /** Arms every recorded homeserver's re-discovery; call once the engine holds the monitors. */
  start(): void {
    for (const [serverName, record] of Object.entries(this.ports.store.homeservers())) {
      this.records.set(serverName, record);
      this.timers.schedule(serverName, record.discoveredAt + this.everyMs, this.everyMs);
    }
    this.watch.remember(this.list());
  }

  close(): void {
    this.closed = true;
    this.timers.stop();
    this.watch.stop();
  }

  /** discoverHomeserver: the report, and nothing changed. */
  async discover(serverName: string): Promise<MatrixDiscovery> {
    return this.runDiscovery(canonicalServerName(serverName));
  }

  /** addHomeserver: discover, then create or update the group's monitors (same ids: re-adding is idempotent). */
  async add(serverName: string): Promise<{ group: HomeserverGroup; monitors: MonitorView[] }> {
    const name = canonicalServerName(serverName);
    const discovery = await this.runDiscovery(name);
    const nothing = nothingFound(discovery);
    if (nothing !== undefined) throw invalidParams(nothing, [{ path: 'serverName', message: nothing }]);
    const at = this.ports.now();
    const drafts = this.keepPaused(homeserverMonitors(discovery, this.groupOptions()));
    const monitors = this.ports.saveMonitors(drafts);
    const before = this.records.get(name)?.discovery;
    if (before !== undefined) this.removeGone(before, drafts);
    this.saveRecord(name, { discovery, discoveredAt: at });
    this.discoveryStatus.set(name, discoveryRoleStatus({ kind: 'unchanged', discovery }, name, at));
    this.timers.schedule(name, at + this.everyMs, this.everyMs);
    const groups = this.emitList();
    this.ports.checkSoon(drafts.map((draft) => draft.id));
    return { group: groups.find((group) => group.serverName === name) as HomeserverGroup, monitors };
  }

  /** listHomeservers: one group per recorded homeserver, by server name. */
  list(): HomeserverGroup[] {
    const snapshots = this.ports.snapshot();
    const previousDetail = (monitorId: string): Record<string, string> | undefined => this.keyDetails.previousDetail(monitorId);
    return [...this.records]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([serverName, record]) => {
        const discovery = this.discoveryStatus.get(serverName);
        return homeserverGroup(serverName, record, snapshots, { previousDetail, ...(discovery ? { discovery } : {}) });
      });
  }

  /** A monitor's state changed: if it belongs to a group, that group's diagnosis may have. */
  onStateChange(monitorId: string): void {
    if (this.groupOf(monitorId) !== undefined) this.watch.poke();
  }

  /** A result: a signing-key change shows in the diagnosis although the keys monitor stays up. */
  onResult(result: CheckResult): void {
    const serverName = this.groupOf(result.monitorId);
    if (serverName === undefined || roleOfMonitor(serverName, result.monitorId) !== 'keys') return;
    if (this.keyDetails.record(result)) this.watch.poke();
  }

  /** One re-discovery of serverName; the timer runs it, and it arms the next one. */
  async rediscover(serverName: string): Promise<void> {
    const record = this.records.get(serverName);
    if (this.closed || record === undefined || this.running.has(serverName)) return;
    this.running.add(serverName);
    let nextAt = this.ports.now() + Math.min(RETRY_AFTER_FAILURE_MS, this.everyMs);
    try {
      let outcome: RediscoveryOutcome;
      try {
        outcome = judgeRediscovery(record.discovery, await this.runDiscovery(serverName));
      } catch (error) {
        // Only a bad option throws here (the name was valid when it was added); report it, keep the monitors.
        outcome = { kind: 'failed', reason: `discovery of ${serverName} failed: ${error instanceof Error ? error.message : String(error)}`, failureKind: 'other' };
      }
      if (this.closed) return;
      const at = this.ports.now();
      if (outcome.kind !== 'failed') {
        if (outcome.kind === 'moved') this.follow(serverName, record.discovery, outcome);
        else this.addNew(record.discovery, outcome.discovery);
        this.saveRecord(serverName, { discovery: outcome.discovery, discoveredAt: at });
        nextAt = at + this.everyMs;
      }
      this.discoveryStatus.set(serverName, discoveryRoleStatus(outcome, serverName, at));
      this.emitList();
    } finally {
      this.running.delete(serverName);
      if (!this.closed) this.timers.schedule(serverName, nextAt, this.everyMs);
    }
  }

  // ---- helpers ----

  /**
   * The group's monitors move with the delegation: same ids (history stays), new targets, checked at once. A role
   * the new delegation brings (an SRV record to watch) is created; one it no longer has is removed.
   */
  private follow(serverName: string, before: MatrixDiscovery, outcome: Extract<RediscoveryOutcome, { kind: 'moved' }>): void {
    const affected = new Set(outcome.changes.flatMap((change) => change.monitorIds));
    // A monitor the user removed stays removed: the group follows, it does not come back.
    const existing = new Set(this.ports.snapshot().map((snapshot) => snapshot.monitor.id));
    const wasBuilt = new Set(homeserverMonitors(before, this.groupOptions()).map((draft) => draft.id));
    const built = this.keepPaused(homeserverMonitors(outcome.discovery, this.groupOptions()));
    const drafts = built.filter((d) => (affected.has(d.id) && existing.has(d.id)) || !wasBuilt.has(d.id));
    if (drafts.length > 0) this.ports.saveMonitors(drafts);
    this.removeGone(before, built);
    this.ports.emitAlert({
      monitorId: homeserverMonitorIds(serverName).federation,
      kind: 'delegation-changed',
      at: this.ports.now(),
      message: outcome.message,
    });
    if (drafts.length > 0) this.ports.checkSoon(drafts.map((draft) => draft.id));
  }

  /**
   * Roles the unchanged delegation has but the group was not built with: a discovery saved before Picket
   * recorded the SRV record it followed gets its delegation record monitor now, without a change to report.
   */
  private addNew(before: MatrixDiscovery, after: MatrixDiscovery): void {
    const wasBuilt = new Set(homeserverMonitors(before, this.groupOptions()).map((draft) => draft.id));
    const drafts = this.keepPaused(homeserverMonitors(after, this.groupOptions())).filter((draft) => !wasBuilt.has(draft.id));
    if (drafts.length === 0) return;
    this.ports.saveMonitors(drafts);
    this.ports.checkSoon(drafts.map((draft) => draft.id));
  }

  /** The monitors of before's group that the new one does not have (no SRV record any more): they watch what nothing uses. */
  private removeGone(before: MatrixDiscovery, built: readonly MonitorConfig[]): void {
    const now = new Set(built.map((draft) => draft.id));
    const gone = homeserverMonitors(before, this.groupOptions())
      .map((draft) => draft.id)
      .filter((id) => !now.has(id));
    if (gone.length > 0) this.ports.removeMonitors(gone);
  }

  /** A monitor the user paused stays paused when its group is rebuilt. */
  private keepPaused(drafts: MonitorConfig[]): MonitorConfig[] {
    const paused = new Set(this.ports.snapshot().filter((s) => s.monitor.paused).map((s) => s.monitor.id));
    return drafts.map((draft) => (paused.has(draft.id) ? { ...draft, paused: true } : draft));
  }

  private groupOptions(): { caFile?: string } {
    return this.options.caFile !== undefined ? { caFile: this.options.caFile } : {};
  }

  private runDiscovery(serverName: string): Promise<MatrixDiscovery> {
    const { resolve, connectTo, dnsServer, caFile, discoveryTimeoutMs } = this.options;
    return discoverHomeserver(serverName, {
      now: this.ports.now,
      ...(resolve !== undefined ? { resolve } : {}),
      ...(connectTo !== undefined ? { connectTo } : {}),
      ...(dnsServer !== undefined ? { dnsServer } : {}),
      ...(caFile !== undefined ? { caFile } : {}),
      ...(discoveryTimeoutMs !== undefined ? { timeoutMs: discoveryTimeoutMs } : {}),
    });
  }

  private groupOf(monitorId: string): string | undefined {
    return [...this.records.keys()].find((serverName) => roleOfMonitor(serverName, monitorId) !== undefined);
  }

  private saveRecord(serverName: string, record: HomeserverRecord): void {
    this.ports.store.saveHomeserver(serverName, record);
    this.records.set(serverName, record);
  }

  private emitList(): HomeserverGroup[] {
    const groups = this.list();
    this.watch.remember(groups);
    this.ports.emitHomeservers(groups);
    return groups;
  }
}

/** "Example.ORG" and "example.org" are one homeserver: one record, one group, the same monitor ids. */
function canonicalServerName(serverName: string): string {
  try {
    return serverNameFromUserInput(serverName);
  } catch (error) {
    if (error instanceof InvalidServerNameError) throw invalidParams(`serverName: ${error.message}`, [{ path: 'serverName', message: error.message }]);
    throw error;
  }
}
