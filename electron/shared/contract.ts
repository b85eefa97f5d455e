// The one contract between the engine and any UI: every request with its parameters and result, every
// event with its payload. Electron IPC (preload + main) and the web transport (HTTP + WebSocket) are two
// transports of this same API, never two APIs. Plain TypeScript: no Node, no Electron.
// Adding a request touches this table, the service's handler and the view that calls it: the preload bridge,
// both clients and both transports are generic over CONTRACT.
import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';
import { CHANNEL_ID_PATTERN } from './channel-schema.ts';
import type { ChannelConfig, ChannelTestOutcome, ChannelView } from './channel-types.ts';
import { settingsSchema } from './config-schema.ts';
import { MONITOR_ID_PATTERN } from './monitor-types/schema-kit.ts';
import type { MonitorConfig } from './config-validation.ts';
import type { RollupBucket, RollupResolution, UptimeSummary } from './history-types.ts';
import { IMPORT_SOURCES, MAX_IMPORT_FILE_BASE64, type ImportPreview } from './import-types.ts';
import type { MonitorList, MonitorListChanges } from './monitor-list.ts';
import type { MatrixDiscovery } from './matrix-types.ts';
import type { Alert, CheckResult, Incident, Monitor, MonitorState, Settings, StateChange } from './types.ts';

export { REDACTED, SEALED_PREFIX } from './redaction.ts';

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

// ---- The table: each request's params schema and result type, each event's payload. ----
// Params are JSON Schema (TypeBox), validated by every transport before the service sees them
// (contract-validation.ts); their types come from the schemas. Results and most event payloads are
// typed, not validated: the engine made them, and their shapes are the domain types above.

const MonitorId = Type.String({ pattern: MONITOR_ID_PATTERN });
const ChannelId = Type.String({ pattern: CHANNEL_ID_PATTERN });
/** Params objects refuse unknown fields: a typo is an error, not a silently ignored option. */
const Params = <Props extends TProperties>(properties: Props) => Type.Object(properties, { additionalProperties: false });
const NoParams = Params({});
/** An enum of strings as JSON Schema's enum, whose error ("must be equal to one of the allowed values") reads better than anyOf's. */
const StringEnum = <const Values extends readonly string[]>(values: Values) => Type.Unsafe<Values[number]>({ type: 'string', enum: [...values] });
const OrNull = <Schema extends TSchema>(schema: Schema) => Type.Union([schema, Type.Null()]);
/** A type without a schema: what the engine sends back is not validated. */
const typed = <T>() => Type.Unsafe<T>({});

/**
 * A draft monitor or channel: only "an object" here, then checked field by field by its own validator
 * (contract-validation.ts runs it for any param whose schema is one of these), with the config format's words.
 */
export const MonitorDraft = Type.Unsafe<MonitorConfig>({ type: 'object' });
export const ChannelDraft = Type.Unsafe<ChannelConfig>({ type: 'object' });

export const HISTORY_RANGES = ['1h', '24h', '7d', '30d', '1y'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];

/** What updateSettings accepts: the engine's settings (as the config format has them) and the app's preferences. */
export const appSettingsPatchSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...settingsSchema.properties,
    notificationsEnabled: { type: 'boolean' },
    notificationSound: { type: 'boolean' },
    startAtLogin: { type: 'boolean' },
    theme: { enum: ['system', 'light', 'dark'] },
    alertsPausedUntil: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] },
    mutedMonitors: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: MONITOR_ID_PATTERN } },
  },
} as const;

// A Matrix server name as people paste it (a URL, a user id, spaces): the service finds the name in it.
const ServerNameParams = Params({ serverName: Type.String({ minLength: 1, maxLength: 2048 }) });
const PausedUntil = OrNull(Type.Integer({ minimum: 0 }));

/** Every request: its params schema and what it resolves to. Adding one: a line here, its service handler, its caller. */
export const CONTRACT = {
  requests: {
    /** The list as the dashboard's rows show it, as a table; getMonitor has the rest. */
    listMonitors: { params: NoParams, result: typed<MonitorList>() },
    /** One monitor in full: its config (secrets REDACTED), state, last result, uptime and mute. */
    getMonitor: { params: Params({ monitorId: MonitorId }), result: typed<MonitorView>() },
    getHistory: { params: Params({ monitorId: MonitorId, range: StringEnum(HISTORY_RANGES) }), result: typed<MonitorHistory>() },
    addMonitor: { params: Params({ monitor: MonitorDraft }), result: typed<MonitorView>() },
    editMonitor: { params: Params({ monitor: MonitorDraft }), result: typed<MonitorView>() },
    removeMonitor: { params: Params({ monitorId: MonitorId }), result: typed<{ removed: true }>() },
    setPaused: { params: Params({ monitorId: MonitorId, paused: Type.Boolean() }), result: typed<MonitorView>() },
    setMuted: { params: Params({ monitorId: MonitorId, muted: Type.Boolean() }), result: typed<MonitorView>() },
    /** Without monitorId, every monitor. Resolves when the checks are done. */
    checkNow: { params: Params({ monitorId: Type.Optional(MonitorId) }), result: typed<{ checked: number }>() },
    /** Runs a draft monitor once without saving it. */
    testMonitor: { params: Params({ monitor: MonitorDraft }), result: typed<CheckResult>() },
    importConfig: {
      // 10 MiB: far beyond any real config, small enough that a hostile payload cannot exhaust memory.
      params: Params({ json: Type.String({ maxLength: 10 * 1024 * 1024 }), mode: StringEnum(['merge', 'replace']) }),
      result: typed<ImportOutcome>(),
    },
    exportConfig: { params: NoParams, result: typed<{ json: string }>() },
    getSettings: { params: NoParams, result: typed<AppSettings>() },
    updateSettings: { params: Params({ patch: Type.Unsafe<Partial<AppSettings>>(appSettingsPatchSchema) }), result: typed<AppSettings>() },
    /** Pause notifications until a time (epoch ms), or resume them with null. */
    pauseAlerts: { params: Params({ until: PausedUntil }), result: typed<AppSettings>() },
    /** Runs Matrix server discovery for a server name and reports every step; changes nothing. */
    discoverHomeserver: { params: ServerNameParams, result: typed<MatrixDiscovery>() },
    /** Discovers the server and creates (or updates) its group of monitors from what was found. */
    addHomeserver: { params: ServerNameParams, result: typed<{ group: HomeserverGroup; monitors: MonitorView[] }>() },
    listHomeservers: { params: NoParams, result: typed<HomeserverGroup[]>() },
    /** Converts another tool's file (base64) to monitors and says what cannot come along; changes nothing. */
    previewImport: {
      params: Params({
        source: StringEnum(IMPORT_SOURCES),
        file: Type.String({ maxLength: MAX_IMPORT_FILE_BASE64, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
      }),
      result: typed<ImportPreview>(),
    },
    /** Picket's own current problems (a full disk, a damaged file moved aside), one sentence each; empty when all is well. */
    getProblems: { params: NoParams, result: typed<string[]>() },
    listChannels: { params: NoParams, result: typed<ChannelsOverview>() },
    /** Adds a channel, or replaces the one with the same id. REDACTED secrets keep the stored ones. */
    saveChannel: { params: Params({ channel: ChannelDraft }), result: typed<ChannelsOverview>() },
    /** Also takes the channel out of every monitor's and group's list. */
    removeChannel: { params: Params({ channelId: ChannelId }), result: typed<ChannelsOverview>() },
    /** Sends a test alert through a (draft) channel now, without queueing it; REDACTED secrets are the stored ones. */
    testChannel: { params: Params({ channel: ChannelDraft }), result: typed<ChannelTestOutcome>() },
    /** The channels of every monitor of a homeserver group that names none of its own; [] is "none", null the defaults. */
    setGroupChannels: {
      params: Params({ group: Type.String({ minLength: 1, maxLength: 200 }), channelIds: OrNull(Type.Array(ChannelId, { uniqueItems: true })) }),
      result: typed<ChannelsOverview>(),
    },
  },
  /** Every event a UI can subscribe to. Results come in batches so a UI does one store update per batch. */
  events: {
    results: typed<CheckResult[]>(),
    state: typed<StateChange>(),
    alert: typed<Alert>(),
    /** Monitors were added, changed (config, mute, uptime figures) or removed: only those, as listMonitors' rows. */
    monitors: typed<MonitorListChanges>(),
    settings: typed<AppSettings>(),
    /** The shell asks the UI to show one monitor (a tray menu item or a notification was clicked). */
    openMonitor: Params({ monitorId: MonitorId }),
    /** A homeserver group's diagnosis or discovery changed. */
    homeservers: typed<HomeserverGroup[]>(),
    /** Picket's own problems changed: the whole current list. */
    problems: Type.Array(Type.String()),
    /** A channel was changed, or a delivery changed a channel's status. */
    channels: typed<ChannelsOverview>(),
  },
} as const;

type Requests = (typeof CONTRACT)['requests'];
type Events = (typeof CONTRACT)['events'];

export type RequestName = keyof Requests;
export type RequestParams<Name extends RequestName> = Static<Requests[Name]['params']>;
export type RequestResult<Name extends RequestName> = Static<Requests[Name]['result']>;
export type EventName = keyof Events;
export type EventMap = { [Name in EventName]: Static<Events[Name]> };

export const REQUEST_NAMES = Object.keys(CONTRACT.requests) as readonly RequestName[];
export const EVENT_NAMES = Object.keys(CONTRACT.events) as readonly EventName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(CONTRACT.requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(CONTRACT.events, name);
}

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
