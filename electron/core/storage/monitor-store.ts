// The store's interface, and its implementation: everything is held in memory, so reads never touch the disk,
// and every change is written later, coalesced and off the caller's path (coalesced-writer.ts). The user's
// picket.json and the engine's runtime bookkeeping (picket.state.json) are two files, so bookkeeping never
// rewrites the user's config.
import type { Monitor, Settings } from '../../shared/types.ts';
import { parseMonitor } from '../../shared/config-validation.ts';
import type { ChannelConfig } from '../../shared/channel-types.ts';
import { CoalescedWriter } from './coalesced-writer.ts';
import { checkedChannels, type GroupChannels } from './store-channels.ts';
import { homeserverRecordProblem, type HomeserverRecord, type HomeserverRecords } from './store-homeservers.ts';
import { applyPreferencesPatch, DEFAULT_PREFERENCES, type Preferences } from './store-preferences.ts';
import { applySettingsPatch } from './store-settings.ts';
import { isPlainObject, serializeStoreDocument, type StoreDocument } from './store-document.ts';
import { serializeRuntimeState } from './runtime-state-file.ts';

export interface MonitorStore {
  /** A new array each time; the monitors in it are frozen (copy one to change it). */
  monitors(): Monitor[];
  /** Adds, or replaces the monitor with the same id. Validates; on bad input throws an Error naming the field and changes nothing. */
  saveMonitor(monitor: Monitor): void;
  /** Removing an id that is not there is not an error: a retried request must not fail. */
  removeMonitor(id: string): void;
  /** Replaces the whole list in one write (an import): validates every monitor first; on bad input nothing changes. */
  replaceMonitors(monitors: Monitor[]): void;
  settings(): Settings;
  /** Validated; an Error names each bad field and nothing changes. Returns the settings now in force. */
  updateSettings(patch: Partial<Settings>): Settings;
  /** The app's preferences around the engine, every field filled in (defaults until first changed). */
  preferences(): Preferences;
  /** Validated; an Error names each bad field and nothing changes. Returns the preferences now in force. */
  updatePreferences(patch: Partial<Preferences>): Preferences;
  /** The Matrix homeservers watched, by server name ({} until the first is added). */
  homeservers(): HomeserverRecords;
  /** Adds or replaces one homeserver's record. Validated; an Error names the bad field and nothing changes. */
  saveHomeserver(serverName: string, record: HomeserverRecord): void;
  /** Alert channels as stored (secrets sealed in the app), [] until the first is added. */
  channels(): ChannelConfig[];
  /** Replaces the whole list in one write. Validated; an Error names each bad field and nothing changes. */
  replaceChannels(channels: ChannelConfig[]): void;
  /** Channel ids per homeserver group. */
  groupChannels(): GroupChannels;
  setGroupChannels(groupChannels: GroupChannels): void;
  /** Opaque per-monitor runtime state the engine persists (alert bookkeeping such as certificate reminders already sent). */
  runtimeState(): Record<string, unknown>;
  saveRuntimeState(state: Record<string, unknown>): void;
  /** Resolves once every change made so far is on disk; rejects when a write failed (the change stays pending). */
  flush(): Promise<void>;
}

export interface StoreFiles {
  /** picket.json: what the user owns. */
  file: string;
  /** The previous generation of picket.json. */
  backup: string;
  /** picket.state.json: the engine's runtime bookkeeping. */
  state: string;
}

export interface MemoryStoreOptions {
  /** How long a change waits for others to join its write. Default 200 ms. */
  writeDelayMs?: number;
  /** After a failed write: when to try again. Default 5 s. */
  retryMs?: number;
  /** A write failed (the change stays in memory and is retried). Default: console.error. */
  onWriteError?: (file: string, error: unknown) => void;
  /** A write of that file succeeded: a problem reported for it is over. */
  onWritten?: (file: string) => void;
}

const DEFAULT_WRITE_DELAY_MS = 200;
const DEFAULT_RETRY_MS = 5_000;

export class MemoryMonitorStore implements MonitorStore {
  readonly #document: Omit<StoreDocument, 'runtime'>;
  #runtime: Record<string, unknown>;
  readonly #config: CoalescedWriter;
  readonly #state: CoalescedWriter;

  constructor(document: StoreDocument, runtime: Record<string, unknown>, files: StoreFiles, options: MemoryStoreOptions = {}) {
    const { runtime: _legacy, ...rest } = document;
    this.#document = { ...rest, monitors: rest.monitors.map(deepFreeze) };
    this.#runtime = runtime;
    const onError = options.onWriteError ?? ((file: string, error: unknown) => console.error(`picket: could not write ${file}; will retry:`, error));
    const common = { delayMs: options.writeDelayMs ?? DEFAULT_WRITE_DELAY_MS, retryMs: options.retryMs ?? DEFAULT_RETRY_MS };
    this.#config = new CoalescedWriter(files.file, {
      ...common,
      backupPath: files.backup,
      render: () => serializeStoreDocument(this.#document),
      onError: (error) => onError(files.file, error),
      onWritten: () => options.onWritten?.(files.file),
    });
    this.#state = new CoalescedWriter(files.state, {
      ...common,
      render: () => serializeRuntimeState(this.#runtime),
      onError: (error) => onError(files.state, error),
      onWritten: () => options.onWritten?.(files.state),
    });
  }

  monitors(): Monitor[] {
    return [...this.#document.monitors];
  }

  saveMonitor(monitor: Monitor): void {
    const valid = deepFreeze(parseMonitor(monitor, 'monitor'));
    const monitors = this.#document.monitors;
    const index = monitors.findIndex((m) => m.id === valid.id);
    if (index === -1) monitors.push(valid);
    else monitors[index] = valid;
    this.#config.markDirty();
  }

  removeMonitor(id: string): void {
    const index = this.#document.monitors.findIndex((m) => m.id === id);
    if (index === -1) return;
    this.#document.monitors.splice(index, 1);
    this.#config.markDirty();
  }

  replaceMonitors(monitors: Monitor[]): void {
    if (!Array.isArray(monitors)) throw new Error('monitors: must be an array');
    const seen = new Set<string>();
    const valid = monitors.map((monitor, index) => {
      const parsed = parseMonitor(monitor, `monitors[${index}]`);
      if (seen.has(parsed.id)) throw new Error(`monitors[${index}].id: duplicate id "${parsed.id}"`);
      seen.add(parsed.id);
      return deepFreeze(parsed);
    });
    this.#document.monitors = valid;
    this.#config.markDirty();
  }

  settings(): Settings {
    return structuredClone(this.#document.settings);
  }

  updateSettings(patch: Partial<Settings>): Settings {
    this.#document.settings = applySettingsPatch(this.#document.settings, patch);
    this.#config.markDirty();
    return this.settings();
  }

  preferences(): Preferences {
    // Absent in files from before preferences existed: every field is its default.
    return { ...structuredClone(DEFAULT_PREFERENCES), ...structuredClone(this.#document.preferences ?? {}) };
  }

  updatePreferences(patch: Partial<Preferences>): Preferences {
    this.#document.preferences = applyPreferencesPatch(this.preferences(), patch);
    this.#config.markDirty();
    return this.preferences();
  }

  homeservers(): HomeserverRecords {
    // Absent in files from before homeservers existed.
    return structuredClone(this.#document.homeservers ?? {});
  }

  saveHomeserver(serverName: string, record: HomeserverRecord): void {
    const problem = homeserverRecordProblem(serverName, record);
    if (problem !== undefined) throw new Error(`invalid homeserver record: ${problem}`);
    this.#document.homeservers = { ...this.#document.homeservers, [serverName]: structuredClone(record) };
    this.#config.markDirty();
  }

  channels(): ChannelConfig[] {
    // Absent in files from before alert channels existed.
    return structuredClone(this.#document.channels ?? []);
  }

  replaceChannels(channels: ChannelConfig[]): void {
    this.#document.channels = checkedChannels(channels);
    this.#config.markDirty();
  }

  groupChannels(): GroupChannels {
    return structuredClone(this.#document.groupChannels ?? {});
  }

  setGroupChannels(groupChannels: GroupChannels): void {
    this.#document.groupChannels = structuredClone(groupChannels);
    this.#config.markDirty();
  }

  runtimeState(): Record<string, unknown> {
    return structuredClone(this.#runtime);
  }

  saveRuntimeState(state: Record<string, unknown>): void {
    if (!isPlainObject(state)) throw new Error('runtime: must be an object');
    let copy: unknown;
    try {
      // Store exactly what JSON keeps, and fail now (not at the next open) on cycles or BigInts.
      copy = JSON.parse(JSON.stringify(state));
    } catch (error) {
      throw new Error(`runtime: cannot be stored as JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    this.#runtime = copy as Record<string, unknown>;
    this.#state.markDirty();
  }

  async flush(): Promise<void> {
    const results = await Promise.allSettled([this.#config.flush(), this.#state.flush()]);
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  }
}

/** Monitors are handed out without copying, so nobody may change them in place. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
