// The one path every transport (Electron IPC, HTTP) takes from a raw payload to the service and back:
// validate, call, wrap the outcome in an envelope. A rejected payload never reaches the service.
import type { ContractError, EventMap, EventName, RequestName } from './contract.ts';
import { validateRequest } from './contract-validation.ts';

/** What a transport sends back: structured errors survive the trip (an IPC rejection would flatten them). */
export type Envelope<Result = unknown> = { ok: true; result: Result } | { ok: false; error: ContractError };

/** What a transport needs of the service: requests in, events out. PicketService satisfies it. */
export interface ContractHandler {
  handle(name: RequestName, params: unknown): Promise<unknown>;
  on<Name extends EventName>(name: Name, listener: (payload: EventMap[Name]) => void): () => void;
}

const CODES: ReadonlySet<string> = new Set(['invalid-params', 'not-found', 'conflict', 'internal']);

function isContractError(value: unknown): value is ContractError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['code'] === 'string' && CODES.has(candidate['code']) && typeof candidate['message'] === 'string';
}

/** The service throws ServiceError with `.error: ContractError`; anything else is an internal failure. */
export function toContractError(thrown: unknown): ContractError {
  const carried = typeof thrown === 'object' && thrown !== null ? (thrown as { error?: unknown }).error : undefined;
  if (isContractError(carried)) {
    const { code, message, issues } = carried;
    return { code, message, ...(issues ? { issues } : {}) };
  }
  if (isContractError(thrown)) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: 'internal', message: message || 'internal error' };
}

export async function dispatchRequest(handler: Pick<ContractHandler, 'handle'>, name: unknown, params: unknown): Promise<Envelope> {
  const checked = validateRequest(name, params);
  if (!checked.ok) return { ok: false, error: checked.error };
  try {
    return { ok: true, result: await handler.handle(checked.name, checked.params) };
  } catch (error) {
    return { ok: false, error: toContractError(error) };
  }
}
