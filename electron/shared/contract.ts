// The one contract between the engine and any UI: every request with its parameters and result, every
// event with its payload. Electron IPC (preload + main) and the web transport (HTTP + WebSocket) are two
// transports of this same API, never two APIs. Plain TypeScript: no Node, no Electron.
import type { ChannelConfig, ChannelTestOutcome, ChannelView } from './channel-types.ts';
import type { MonitorConfig } from './config-validation.ts';
import type { RollupBucket, RollupResolution, UptimeSummary } from './history-types.ts';
import type { ImportPreview, ImportSource } from './import-types.ts';
import type { MatrixDiscovery } from './matrix-types.ts';
import type { Alert, CheckResult, Incident, Monitor, MonitorState, Settings, StateChange } from './types.ts';

/** What a UI sees of a secret: whether one is set, never its value. */
export const REDACTED = '••••••••';

/** Marks a stored secret as sealed (with the Electron app's safeStorage), and by which scheme. */
export const SEALED_PREFIX = 'enc:v1:';

/** A monitor as sent to a UI: passwords and tokens replaced by REDACTED. Sending REDACTED back keeps the stored secret. */
export type MonitorPublic = Monitor;

export interface MonitorView {
  monitor: MonitorPublic;
  state: MonitorState;
  lastResult: CheckResult | null;
  uptime: UptimeSummary;
  /** Alerts for this monitor are muted by the user (still checked and recorded). */
  muted: boolean;
}

export type HistoryRange = '1h' | '24h' | '7d' | '30d' | '1y';

export interface MonitorHistory {
  monitorId: string;
  range: HistoryRange;
  resolution: RollupResolution;
  /** Buckets over the range; a period with no bucket is a gap (no data), not downtime. */
  buckets: RollupBucket[];
  uptime: UptimeSummary;
  incidents: Incident[];
  /** The last results, newest last (at most 100). */
  recent: CheckResult[];
}

/** Settings of the app around the engine's own Settings. */
export interface AppSettings extends Settings {
  notificationsEnabled: boolean;
  notificationSound: boolean;
  startAtLogin: boolean;
  theme: 'system' | 'light' | 'dark';
  /** Epoch ms until which alerts are paused (no notifications); null when not paused. */
  alertsPausedUntil: number | null;
  /** Monitor ids whose alerts are muted. */
  mutedMonitors: string[];
}

export interface ImportOutcome {
  added: string[];
  updated: string[];
  /** With mode "replace": monitors that were not in the file and were removed. */
  removed: string[];
}

/** What the group's states together most likely mean (electron/core/matrix/diagnosis). */
export interface GroupDiagnosis {
  case: string;
  /** One line: the likely cause. */
  cause: string;
  /** One line: what to do. */
  advice: string;
  severity: 'ok' | 'warning' | 'down';
}

/** A Matrix homeserver watched as one group of monitors, made from its discovery. */
export interface HomeserverGroup {
  /** The monitors' group name: the server name. */
  group: string;
  serverName: string;
  /** null until every monitor has reported once, or when nothing can be said. */
  diagnosis: GroupDiagnosis | null;
  /** The last discovery (re-run daily); null when it has not run since Picket started. */
  discovery: MatrixDiscovery | null;
  /** Epoch ms of that discovery. */
  discoveredAt: number | null;
}

/** The alert channels (secrets REDACTED) with their delivery status, and each homeserver group's channels. */
export interface ChannelsOverview {
  channels: ChannelView[];
  groupChannels: Record<string, string[]>;
}

/** Every request: its parameters and what it resolves to. */
export interface RequestMap {
  listMonitors: { params: Record<string, never>; result: MonitorView[] };
  getHistory: { params: { monitorId: string; range: HistoryRange }; result: MonitorHistory };
  addMonitor: { params: { monitor: MonitorConfig }; result: MonitorView };
  editMonitor: { params: { monitor: MonitorConfig }; result: MonitorView };
  removeMonitor: { params: { monitorId: string }; result: { removed: true } };
  setPaused: { params: { monitorId: string; paused: boolean }; result: MonitorView };
  setMuted: { params: { monitorId: string; muted: boolean }; result: MonitorView };
  /** Without monitorId, every monitor. Resolves when the checks are done. */
  checkNow: { params: { monitorId?: string }; result: { checked: number } };
  /** Runs a draft monitor once without saving it. */
  testMonitor: { params: { monitor: MonitorConfig }; result: CheckResult };
  importConfig: { params: { json: string; mode: 'merge' | 'replace' }; result: ImportOutcome };
  exportConfig: { params: Record<string, never>; result: { json: string } };
  getSettings: { params: Record<string, never>; result: AppSettings };
  updateSettings: { params: { patch: Partial<AppSettings> }; result: AppSettings };
  /** Pause notifications until a time (epoch ms), or resume them with null. */
  pauseAlerts: { params: { until: number | null }; result: AppSettings };
  /** Runs Matrix server discovery for a server name and reports every step; changes nothing. */
  discoverHomeserver: { params: { serverName: string }; result: MatrixDiscovery };
  /** Discovers the server and creates (or updates) its group of monitors from what was found. */
  addHomeserver: { params: { serverName: string }; result: { group: HomeserverGroup; monitors: MonitorView[] } };
  listHomeservers: { params: Record<string, never>; result: HomeserverGroup[] };
  /** Converts another tool's file (base64) to monitors and says what cannot come along; changes nothing. */
  previewImport: { params: { source: ImportSource; file: string }; result: ImportPreview };
  /** Picket's own current problems (a full disk, a damaged file moved aside), one sentence each; empty when all is well. */
  getProblems: { params: Record<string, never>; result: string[] };
  listChannels: { params: Record<string, never>; result: ChannelsOverview };
  /** Adds a channel, or replaces the one with the same id. REDACTED secrets keep the stored ones. */
  saveChannel: { params: { channel: ChannelConfig }; result: ChannelsOverview };
  /** Also takes the channel out of every monitor's and group's list. */
  removeChannel: { params: { channelId: string }; result: ChannelsOverview };
  /** Sends a test alert through a (draft) channel now, without queueing it; REDACTED secrets are the stored ones. */
  testChannel: { params: { channel: ChannelConfig }; result: ChannelTestOutcome };
  /** The channels of every monitor of a homeserver group that names none of its own; [] is "none", null the defaults. */
  setGroupChannels: { params: { group: string; channelIds: string[] | null }; result: ChannelsOverview };
}

export type RequestName = keyof RequestMap;
export type RequestParams<Name extends RequestName> = RequestMap[Name]['params'];
export type RequestResult<Name extends RequestName> = RequestMap[Name]['result'];

/** Every event a UI can subscribe to. Results come in batches so a UI does one store update per batch. */
export interface EventMap {
  results: CheckResult[];
  state: StateChange;
  alert: Alert;
  /** The monitor list changed (added, edited, removed, imported, paused). */
  monitors: MonitorView[];
  settings: AppSettings;
  /** The shell asks the UI to show one monitor (a tray menu item or a notification was clicked). */
  openMonitor: { monitorId: string };
  /** A homeserver group's diagnosis or discovery changed. */
  homeservers: HomeserverGroup[];
  /** Picket's own problems changed: the whole current list. */
  problems: string[];
  /** A channel was changed, or a delivery changed a channel's status. */
  channels: ChannelsOverview;
}

export type EventName = keyof EventMap;

export const REQUEST_NAMES: readonly RequestName[] = [
  'listMonitors',
  'getHistory',
  'addMonitor',
  'editMonitor',
  'removeMonitor',
  'setPaused',
  'setMuted',
  'checkNow',
  'testMonitor',
  'importConfig',
  'exportConfig',
  'getSettings',
  'updateSettings',
  'pauseAlerts',
  'discoverHomeserver',
  'addHomeserver',
  'listHomeservers',
  'previewImport',
  'getProblems',
  'listChannels',
  'saveChannel',
  'removeChannel',
  'testChannel',
  'setGroupChannels',
];

export const EVENT_NAMES: readonly EventName[] = ['results', 'state', 'alert', 'monitors', 'settings', 'openMonitor', 'homeservers', 'problems', 'channels'];

/** An error a transport sends back: the request changed nothing. `issues` name fields, as the config format does. */
export interface ContractError {
  code: 'invalid-params' | 'not-found' | 'conflict' | 'internal';
  message: string;
  issues?: Array<{ path: string; message: string }>;
}

/** The API as a UI calls it, whatever the transport. */
export interface PicketClient {
  request<Name extends RequestName>(name: Name, params: RequestParams<Name>): Promise<RequestResult<Name>>;
  /** Returns an unsubscribe function. Callbacks receive data only. */
  on<Name extends EventName>(name: Name, listener: (payload: EventMap[Name]) => void): () => void;
}
