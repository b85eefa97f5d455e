// Validates a request's name and parameters before any transport hands it to the service, against the
// contract's params schemas (contract.ts). A draft monitor or channel is then checked field by field by its
// own validator, with the config format's words. A malformed payload gets a ContractError naming the field
// and changes nothing. Nothing here knows a request by name: a new request needs no line in this file.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { ajv } from './ajv.ts';
import { jsonPointerToPath } from './json-pointer-path.ts';
import { validateChannel } from './channel-validation.ts';
import { validateMonitor, type ConfigIssue } from './config-validation.ts';
import { ChannelDraft, CONTRACT, isRequestName, MonitorDraft, type ContractError, type RequestName, type RequestParams } from './contract.ts';

export { appSettingsPatchSchema, isRequestName } from './contract.ts';

type DraftCheck = (value: unknown, path: string) => { ok: true } | { ok: false; issues: ConfigIssue[] };

/** The params schemas that stand for a whole config document, and the validator each is checked with. */
const DRAFT_CHECKS = new Map<TSchema, DraftCheck>([
  [MonitorDraft, validateMonitor],
  [ChannelDraft, validateChannel],
]);

// Compiled on first use: `picket run` makes one kind of request, and each compiled validator costs memory.
const validators = new Map<RequestName, ValidateFunction>();

function validatorOf(name: RequestName): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    validate = ajv.compile(CONTRACT.requests[name].params);
    validators.set(name, validate);
  }
  return validate;
}

function invalid(message: string, issues?: ConfigIssue[]): { ok: false; error: ContractError } {
  return { ok: false, error: { code: 'invalid-params', message, ...(issues ? { issues } : {}) } };
}

/** Ajv's error as the config format words one: the field's path and what is wrong with it. */
function issueOf(error: ErrorObject): ConfigIssue {
  const base = jsonPointerToPath(error.instancePath);
  const extra = error.params as Record<string, unknown>;
  const field = typeof extra.additionalProperty === 'string' ? extra.additionalProperty : typeof extra.missingProperty === 'string' ? extra.missingProperty : '';
  const path = field ? (base ? `${base}.${field}` : field) : base;
  const message = extra.additionalProperty ? 'unknown field' : extra.missingProperty ? 'is required' : (error.message ?? error.keyword);
  return { path, message };
}

export function validateRequest<Name extends RequestName>(
  name: unknown,
  params: unknown,
): { ok: true; name: Name; params: RequestParams<Name> } | { ok: false; error: ContractError } {
  if (!isRequestName(name)) return invalid(`unknown request ${JSON.stringify(name)}`);
  const validate = validatorOf(name);
  const given = params ?? {};
  if (!validate(given)) {
    const issues = (validate.errors ?? []).map(issueOf);
    return invalid(`invalid parameters for ${name}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, issues);
  }
  const properties: Record<string, TSchema> = CONTRACT.requests[name].params.properties;
  for (const [field, schema] of Object.entries(properties)) {
    const check = DRAFT_CHECKS.get(schema);
    if (check === undefined) continue;
    const result = check((given as Record<string, unknown>)[field], field);
    if (!result.ok) return invalid(`invalid ${field}: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, result.issues);
  }
  return { ok: true, name: name as Name, params: given };
}
