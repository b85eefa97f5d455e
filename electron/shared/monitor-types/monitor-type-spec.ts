// What every monitor type must say about itself in shared code (the engine, the CLI and the dashboard read it):
// its schema, its defaults, the checks its schema cannot express, how its target and alerts are worded, and
// what the form shows. The engine adds the check itself in electron/core/monitor-types/.
import type { TObject } from '@sinclair/typebox';
import type { ConfigIssue, FieldPath } from '../config-issue.ts';

/** Defaults the user chose in Settings, for fields a new monitor leaves out. */
export interface MonitorDefaults {
  /** Settings' defaultExpiryWarningDays; the built-in days when not given. */
  expiryWarningDays?: readonly number[];
}

/** The common fields with their defaults filled in, handed to each type's normalise. */
export interface ResolvedCommon {
  id: string;
  name: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  reminderIntervalMinutes: number;
  paused: boolean;
  group?: string;
  channels?: string[];
}

/** One input of a form built from field descriptions (types without an editor of their own). */
export interface MonitorFormField {
  /** The config field, also the issue path its messages arrive under. */
  name: string;
  label: string;
  /** text and select: a string; number: a number; list: strings separated by commas or new lines; checkbox: true or absent. */
  kind: 'text' | 'number' | 'list' | 'select' | 'checkbox';
  required?: boolean;
  options?: readonly string[];
  placeholder?: string;
  hint?: string;
}

/** How the type is offered in the "What to watch" picker. */
export interface MonitorTypeOffer {
  label: string;
  hint: string;
}

/**
 * What the dashboard's form shows for a type's own fields. The first three have editors of their own in
 * renderer/src/views/form/; 'managed' is shown read-only (a homeserver group owns it); 'fields' is built from
 * the list, so a new type needs no renderer code.
 */
export type MonitorTypeForm =
  | { editor: 'http' | 'port' | 'certificate'; offer: MonitorTypeOffer; shownFields: readonly string[] }
  | { editor: 'managed' }
  | { editor: 'fields'; offer: MonitorTypeOffer; fields: readonly MonitorFormField[] };

/**
 * A monitor type, in shared code. C is the monitor as written (the schema's static type), M the monitor the
 * engine runs (every default filled in). Methods, not function properties: a spec of one type then fits where
 * any spec is expected, so consumers call it without casts.
 */
export interface MonitorTypeSpec<C extends { type: string }, M extends { type: string }> {
  readonly type: C['type'] & M['type'];
  /** The JSON Schema of the monitor as written: one branch of the config's oneOf, defaults annotated. */
  readonly schema: TObject;
  /** A short name for lists and tables ("HTTP", "Signing keys"). */
  readonly label: string;
  /** Consecutive failures before "down" when the monitor does not say. */
  readonly defaultFailureThreshold: number;
  /** A homeserver group makes and re-points these from discovery; the user does not. */
  readonly managedByGroup: boolean;
  /** Checks the schema cannot express (a URL's scheme, a port range, fields that go together). */
  issues(input: C, at: FieldPath): ConfigIssue[];
  /** The monitor with every default filled in; input is already valid. */
  normalise(input: C, common: ResolvedCommon, defaults: MonitorDefaults): M;
  /** What it points at, in one line: "https://example.org/health", "example.org:443", "A example.org". */
  target(monitor: M): string;
  /** Words the dashboard adds after the target, when the target alone would mislead ("Host: example.org"). */
  targetNote(monitor: M): string | undefined;
  /** The host name a notification names (a certificate's, a URL's). */
  alertHost(monitor: M): string;
  readonly form: MonitorTypeForm;
}
