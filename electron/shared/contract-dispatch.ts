// The one path every transport (Electron IPC, HTTP) takes from a raw payload to the service and back:
// validate, call, wrap the outcome in an envelope. A rejected payload never reaches the service.
import type { ContractError, RequestName } from './contract.ts';
import { validateRequest } from './contract-validation.ts';

/** What a transport sends back: structured errors survive the trip (an IPC rejection would flatten them). */
export type Envelope = { ok: true; result: unknown } | { ok: false; error: ContractError };

/** What a transport needs of the service. */
export interface RequestHandler {
  handle(name: RequestName, params: unknown): Promise<unknown>;
}

/** Turns what the service threw into the envelope's error: a ServiceError carries a ContractError. */
export function toContractError(error: unknown): ContractError {
  const carried = (error as { error?: ContractError } | undefined)?.error;
  if (carried && typeof carried.code === 'string' && typeof carried.message === 'string') return carried;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export async function dispatchRequest(handler: RequestHandler, name: unknown, params: unknown): Promise<Envelope> {
  const checked = validateRequest(name, params);
  if (!checked.ok) return { ok: false, error: checked.error };
  try {
    return { ok: true, result: await handler.handle(checked.name, checked.params) };
  } catch (error) {
    return { ok: false, error: toContractError(error) };
  }
}
