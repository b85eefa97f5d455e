// Building blocks of the monitor-type schemas (TypeBox, so each type's TypeScript type is derived from its
// JSON Schema). Everything here is plain JSON Schema at runtime: ajv, the build-time precompile and the
// published docs/config.schema.json read it unchanged.
import { Type, type Static, type TObject, type TProperties, type TUnsafe } from '@sinclair/typebox';
import { CHANNEL_ID_PATTERN } from '../channel-schema.ts';
import { DEFAULT_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS } from '../defaults.ts';
import { DAY_SECONDS } from '../time.ts';

/** A monitor id: the one definition (history, URLs and the contract all key on it). */
export const MONITOR_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';

/** "host:port" or "[v6]:port". */
export const HOST_PORT_PATTERN = '^(\\[[0-9A-Fa-f:.]+\\]|[^\\s:\\[\\]]+):[0-9]{1,5}$';

/** `{ enum: [...] }` typed as the union of its values (TypeBox's own Union would publish an anyOf of consts). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { default?: T[number]; description?: string } = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ enum: [...values], ...options });
}

/** An object of string values (HTTP headers), written as additionalProperties like the rest of the schema. */
export function StringMap(options: { description?: string } = {}): TUnsafe<Record<string, string>> {
  return Type.Unsafe<Record<string, string>>({ type: 'object', additionalProperties: { type: 'string' }, ...options });
}

export const positiveSeconds = (options: { description?: string } = {}) => Type.Number({ exclusiveMinimum: 0, maximum: DAY_SECONDS, ...options });

export const port = () => Type.Integer({ minimum: 1, maximum: 65_535 });

export const tlsOptionsSchema = Type.Object(
  {
    caFile: Type.Optional(Type.String({ minLength: 1, description: 'PEM file with extra trusted CA certificates.' })),
    ignoreErrors: Type.Optional(
      Type.Boolean({ description: 'HTTP: skip certificate verification. TLS: an untrusted chain is not "down" (private CAs).' }),
    ),
    serverName: Type.Optional(Type.String({ minLength: 1, description: 'SNI and the name the certificate must carry.' })),
  },
  { additionalProperties: false },
);
export type TlsOptions = Static<typeof tlsOptionsSchema>;

/** Fields every monitor type takes, in the order the published schema lists them. */
function commonProperties<T extends string>(type: T) {
  return {
    id: Type.String({
      pattern: MONITOR_ID_PATTERN,
      description: 'Stable identifier: letters, digits, dot, dash, underscore; history is kept under it.',
    }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Defaults to the id.' })),
    type: Type.Literal(type),
    group: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Monitors with the same group are shown together.' })),
    paused: Type.Optional(Type.Boolean({ default: false })),
    intervalSeconds: Type.Optional(Type.Number({ minimum: MIN_INTERVAL_SECONDS, maximum: DAY_SECONDS, default: DEFAULT_INTERVAL_SECONDS })),
    timeoutSeconds: Type.Optional(positiveSeconds({ description: 'Defaults to 10 s, or the interval when that is shorter.' })),
    failureThreshold: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'Consecutive failures before the monitor is down (the default depends on the type).' }),
    ),
    reminderIntervalMinutes: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 10_080, default: 0, description: 'Re-alert every N minutes while down; 0 never.' }),
    ),
    channels: Type.Optional(
      Type.Array(Type.String({ pattern: CHANNEL_ID_PATTERN }), {
        uniqueItems: true,
        description: "Ids of the channels this monitor alerts; absent means its homeserver group's, else the default channels.",
      }),
    ),
  };
}

type CommonProperties<T extends string> = ReturnType<typeof commonProperties<T>>;

/** The fields every monitor type takes, as written: what an importer fills in before it knows the type. */
export type CommonMonitorConfig = Omit<Static<TObject<CommonProperties<string>>>, 'type'>;

/**
 * The schema of one monitor type as the user writes it: the common fields, `type` fixed to this type, then the
 * type's own fields. It is one branch of the config's oneOf; unknown fields are refused.
 */
export function monitorSchemaOf<T extends string, P extends TProperties>(type: T, properties: P): TObject<CommonProperties<T> & P> {
  return Type.Object({ ...commonProperties(type), ...properties }, { additionalProperties: false, title: `${type} monitor` });
}

/** The common fields every monitor has once its defaults are filled in. */
export type CommonDefaulted = 'name' | 'intervalSeconds' | 'timeoutSeconds' | 'failureThreshold' | 'reminderIntervalMinutes' | 'paused';

/** A config type with the fields in K made required: the monitor the engine runs, derived from what the user writes. */
export type Resolved<C, K extends keyof C> = Flat<{ [P in keyof C as P extends K ? never : P]: C[P] } & { [P in K]-?: Exclude<C[P], undefined> }>;

type Flat<T> = { [K in keyof T]: T[K] };

/** "[v6]:port" for IPv6 literals, "host:port" otherwise: how an address is written in one line. */
export function hostPort(host: string, portNumber: number): string {
  return host.includes(':') ? `[${host}]:${portNumber}` : `${host}:${portNumber}`;
}
