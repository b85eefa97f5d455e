// Every monitor type, one line each. The types below are derived from this table, so a type added here is
// known to the schema, the validation, the CLI, the alert wording and the dashboard; the engine's own table
// (electron/core/monitor-types/registry.ts) is typed from MonitorType, so forgetting it there does not compile.
import { dnsSpec } from './dns.ts';
import { httpSpec } from './http.ts';
import { matrixFederationSpec } from './matrix-federation.ts';
import { matrixKeysSpec } from './matrix-keys.ts';
import type { MonitorTypeSpec } from './monitor-type-spec.ts';
import { tcpSpec } from './tcp.ts';
import { tlsSpec } from './tls.ts';

/** A table whose every entry is the spec of the type it is filed under. */
function specTable<const R extends { [K in keyof R]: MonitorTypeSpec<{ type: K & string }, { type: K & string }> }>(table: R): R {
  return table;
}

export const MONITOR_TYPE_SPECS = specTable({
  http: httpSpec,
  tcp: tcpSpec,
  tls: tlsSpec,
  'matrix-federation': matrixFederationSpec,
  'matrix-keys': matrixKeysSpec,
  dns: dnsSpec,
});

type Specs = typeof MONITOR_TYPE_SPECS;
export type MonitorType = keyof Specs;
/** The monitor of one type as the user writes it (its schema's static type). */
export type MonitorConfigOf<K extends MonitorType> = Specs[K] extends MonitorTypeSpec<infer C, infer _M> ? C : never;
/** The monitor of one type with every default filled in: what the engine runs. */
export type MonitorOf<K extends MonitorType> = Specs[K] extends MonitorTypeSpec<infer _C, infer M> ? M : never;
export type MonitorConfig = { [K in MonitorType]: MonitorConfigOf<K> }[MonitorType];
export type Monitor = { [K in MonitorType]: MonitorOf<K> }[MonitorType];

/** Any type's spec, callable with any monitor of that type. */
export type AnyMonitorTypeSpec = MonitorTypeSpec<MonitorConfig, Monitor>;

export const MONITOR_TYPES = Object.keys(MONITOR_TYPE_SPECS) as MonitorType[];

export function isMonitorType(value: unknown): value is MonitorType {
  return typeof value === 'string' && Object.hasOwn(MONITOR_TYPE_SPECS, value);
}

export function monitorTypeSpec(type: MonitorType): AnyMonitorTypeSpec {
  return MONITOR_TYPE_SPECS[type];
}

/** What a monitor points at, in one line (CLI tables, webhook bodies, the dashboard). */
export function targetOf(monitor: Monitor): string {
  return monitorTypeSpec(monitor.type).target(monitor);
}
