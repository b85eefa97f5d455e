// The store's interface, and its implementation on conf. electron-store extends conf, so the Electron
// shell can pass an electron-store opened with storeOptions() to ConfMonitorStore unchanged.
import type Conf from 'conf';
import type { Options as ConfOptions } from 'conf';
import type { Monitor, Settings } from '../../shared/types.ts';
import { parseMonitor } from '../../shared/config-validation.ts';
import { writeFileAtomic } from './atomic-file.ts';
import type { ChannelConfig } from '../../shared/channel-types.ts';
import { checkedChannels, type GroupChannels } from './store-channels.ts';
import { homeserverRecordProblem, type HomeserverRecord, type HomeserverRecords } from './store-homeservers.ts';
import { applyPreferencesPatch, DEFAULT_PREFERENCES, type Preferences } from './store-preferences.ts';
import { applySettingsPatch } from './store-settings.ts';
import { isPlainObject, serializeStoreDocument, type StoreDocument } from './store-document.ts';

export interface MonitorStore {
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
}

/** What the store needs of conf: electron-store (a Conf subclass) has it too. */
export type StoreBackend = Pick<Conf<StoreDocument>, 'get' | 'set' | 'store'>;

/** What openConfStore hands a custom backend factory: conf's options, as storeOptions() builds them. */
export type StoreBackendOptions = Partial<ConfOptions<StoreDocument>>;

export class ConfMonitorStore implements MonitorStore {
  constructor(
    private readonly backend: StoreBackend,
    /** Rewritten after every successful save: what recovery restores when picket.json is unreadable. */
    private readonly backupPath: string,
  ) {}

  // conf reads the file on every get, so callers always receive fresh copies they may mutate freely.
  monitors(): Monitor[] {
    return this.backend.get('monitors');
  }

  saveMonitor(monitor: Monitor): void {
    const valid = parseMonitor(monitor, 'monitor');
    const monitors = this.monitors();
    const index = monitors.findIndex((m) => m.id === valid.id);
    if (index === -1) monitors.push(valid);
    else monitors[index] = valid;
    this.write('monitors', monitors);
  }

  removeMonitor(id: string): void {
    const monitors = this.monitors();
    const remaining = monitors.filter((m) => m.id !== id);
    if (remaining.length !== monitors.length) this.write('monitors', remaining);
  }

  replaceMonitors(monitors: Monitor[]): void {
    if (!Array.isArray(monitors)) throw new Error('monitors: must be an array');
    const seen = new Set<string>();
    const valid = monitors.map((monitor, index) => {
      const parsed = parseMonitor(monitor, `monitors[${index}]`);
      if (seen.has(parsed.id)) throw new Error(`monitors[${index}].id: duplicate id "${parsed.id}"`);
      seen.add(parsed.id);
      return parsed;
    });
    this.write('monitors', valid);
  }

  settings(): Settings {
    return this.backend.get('settings');
  }

  updateSettings(patch: Partial<Settings>): Settings {
    const next = applySettingsPatch(this.settings(), patch);
    this.write('settings', next);
    return structuredClone(next);
  }

  preferences(): Preferences {
    // Absent in files from before preferences existed: every field is its default.
    return { ...structuredClone(DEFAULT_PREFERENCES), ...(this.backend.get('preferences') ?? {}) };
  }

  updatePreferences(patch: Partial<Preferences>): Preferences {
    const next = applyPreferencesPatch(this.preferences(), patch);
    this.write('preferences', next);
    return structuredClone(next);
  }

  homeservers(): HomeserverRecords {
    // Absent in files from before homeservers existed.
    return this.backend.get('homeservers') ?? {};
  }

  saveHomeserver(serverName: string, record: HomeserverRecord): void {
    const problem = homeserverRecordProblem(serverName, record);
    if (problem !== undefined) throw new Error(`invalid homeserver record: ${problem}`);
    this.write('homeservers', { ...this.homeservers(), [serverName]: structuredClone(record) });
  }

  channels(): ChannelConfig[] {
    return this.backend.get('channels') ?? [];
  }

  replaceChannels(channels: ChannelConfig[]): void {
    this.write('channels', checkedChannels(channels));
  }

  groupChannels(): GroupChannels {
    return this.backend.get('groupChannels') ?? {};
  }

  setGroupChannels(groupChannels: GroupChannels): void {
    this.write('groupChannels', structuredClone(groupChannels));
  }

  runtimeState(): Record<string, unknown> {
    return this.backend.get('runtime');
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
    this.write('runtime', copy as Record<string, unknown>);
  }

  private write<Key extends keyof StoreDocument>(key: Key, value: NonNullable<StoreDocument[Key]>): void {
    // conf validates against the store schema and writes atomically (temp file + rename) before we back up.
    this.backend.set({ [key]: value } as Partial<StoreDocument>);
    writeFileAtomic(this.backupPath, serializeStoreDocument(this.backend.store));
  }
}
