// The Matrix homeservers Picket watches, kept in picket.json under "homeservers": for each server name the last
// discovery its group of monitors was built from, so a restart compares the next re-discovery with it. The field
// is optional (absent means none), like preferences: no schemaVersion bump and no migration.
import type { ValidateFunction } from 'ajv';
import { ajv } from '../../shared/ajv.ts';
import { ajvIssues, formatIssue } from '../../shared/config-validation.ts';
import type { MatrixDiscovery } from '../../shared/matrix-types.ts';
import { isPlainObject, type FieldProblem } from './store-document.ts';

export interface HomeserverRecord {
  discovery: MatrixDiscovery;
  /** Epoch ms of that discovery. */
  discoveredAt: number;
}

/** Keyed by the server name as discovery was run for it (lower-cased host, optional port). */
export type HomeserverRecords = Record<string, HomeserverRecord>;

const nonEmpty = { type: 'string', minLength: 1 } as const;

// `via` stays a plain string: a rule added later must not make older Picket versions drop the record.
const discoverySchema = {
  type: 'object',
  required: ['serverName', 'federation', 'client', 'steps'],
  properties: {
    serverName: nonEmpty,
    federation: {
      type: 'object',
      required: ['host', 'port', 'hostHeader', 'tlsServerName', 'via', 'verified'],
      properties: {
        host: nonEmpty,
        port: { type: 'integer', minimum: 1, maximum: 65_535 },
        hostHeader: nonEmpty,
        tlsServerName: nonEmpty,
        via: nonEmpty,
        verified: { type: 'boolean' },
        srv: {
          type: 'object',
          required: ['query', 'priority', 'weight', 'port', 'target'],
          properties: {
            query: nonEmpty,
            priority: { type: 'integer', minimum: 0, maximum: 65_535 },
            weight: { type: 'integer', minimum: 0, maximum: 65_535 },
            port: { type: 'integer', minimum: 0, maximum: 65_535 },
            target: nonEmpty,
          },
        },
      },
    },
    client: {
      type: 'object',
      required: ['baseUrl', 'verified'],
      properties: { baseUrl: nonEmpty, verified: { type: 'boolean' } },
    },
    wellKnownCacheMs: { type: 'number', minimum: 0 },
    steps: {
      type: 'array',
      items: {
        type: 'object',
        required: ['step', 'tried'],
        properties: { step: { type: 'string' }, tried: { type: 'string' }, found: { type: 'string' }, error: { type: 'string' } },
      },
    },
  },
} as const;

export const homeserverRecordSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['discovery', 'discoveredAt'],
  properties: { discovery: discoverySchema, discoveredAt: { type: 'number', minimum: 0 } },
} as const;

/** The store file's "homeservers" field, as conf checks it. */
export const homeserversSchema = { type: 'object', additionalProperties: homeserverRecordSchema } as const;

const validateRecord: ValidateFunction = ajv.compile(homeserverRecordSchema);

/** The problem with one record, naming the field; undefined when it is valid. */
export function homeserverRecordProblem(serverName: string, record: unknown): string | undefined {
  const base = `homeservers["${serverName}"]`;
  if (typeof serverName !== 'string' || serverName === '') return 'homeservers: the server name must be a non-empty string';
  if (validateRecord(record)) return undefined;
  return ajvIssues(validateRecord.errors, base).map(formatIssue).join('; ') || `${base}: is invalid`;
}

/** Records read from a store file: keeps each valid one, drops (and reports) each invalid one. */
export function recoverHomeservers(raw: unknown): { homeservers: HomeserverRecords; reset: FieldProblem[] } {
  if (raw === undefined) return { homeservers: {}, reset: [] };
  if (!isPlainObject(raw)) return { homeservers: {}, reset: [{ field: 'homeservers', reason: 'must be an object' }] };
  const homeservers: HomeserverRecords = {};
  const reset: FieldProblem[] = [];
  for (const [serverName, record] of Object.entries(raw)) {
    const problem = homeserverRecordProblem(serverName, record);
    if (problem === undefined) homeservers[serverName] = structuredClone(record) as HomeserverRecord;
    else reset.push({ field: `homeservers.${serverName}`, reason: problem });
  }
  return { homeservers, reset };
}
