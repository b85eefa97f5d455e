// The one error shape every transport rejects with, so views read .code and .issues the same way
// whether the request went over IPC or HTTP.
import type { ContractError } from '../../../electron/shared/contract.ts';

/** A contract error, 'network' when the engine could not be reached at all, 'unauthorized' when serve wants its token. */
export type ClientErrorCode = ContractError['code'] | 'network' | 'unauthorized';

export interface ClientIssue {
  path: string;
  message: string;
}

export class PicketClientError extends Error {
  readonly code: ClientErrorCode;
  readonly issues: ClientIssue[];

  constructor(code: ClientErrorCode, message: string, issues: ClientIssue[] = []) {
    super(message);
    this.name = 'PicketClientError';
    this.code = code;
    this.issues = issues;
  }
}

const CODES: readonly ClientErrorCode[] = ['invalid-params', 'not-found', 'conflict', 'internal', 'network', 'unauthorized'];

function isIssue(value: unknown): value is ClientIssue {
  if (typeof value !== 'object' || value === null) return false;
  const { path, message } = value as Record<string, unknown>;
  return typeof path === 'string' && typeof message === 'string';
}

/** Keeps whatever structure survived the trip (contextBridge keeps only an Error's message). */
export function toClientError(error: unknown): PicketClientError {
  if (error instanceof PicketClientError) return error;
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const message = typeof record.message === 'string' ? record.message : String(error);
  const code = CODES.find((c) => c === record.code) ?? 'internal';
  const issues = Array.isArray(record.issues) ? record.issues.filter(isIssue) : [];
  return new PicketClientError(code, message, issues);
}
