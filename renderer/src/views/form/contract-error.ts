// Reads what a failed request rejected with. Transports may reject with the ContractError itself, an Error
// carrying it (as .error or .contractError), or an Error with .issues: accept each, so no message is lost.
import type { ContractError } from '../../../../electron/shared/contract.ts';

export interface FieldIssue {
  path: string;
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function issuesOf(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (issue): issue is FieldIssue => isRecord(issue) && typeof issue.path === 'string' && typeof issue.message === 'string',
  );
}

export function readContractError(reason: unknown): { message: string; code?: ContractError['code']; issues: FieldIssue[] } {
  if (!isRecord(reason)) return { message: String(reason), issues: [] };
  const inner = isRecord(reason.error) ? reason.error : isRecord(reason.contractError) ? reason.contractError : reason;
  const message = typeof inner.message === 'string' ? inner.message : typeof reason.message === 'string' ? reason.message : 'the request failed';
  const issues = issuesOf(inner.issues).length > 0 ? issuesOf(inner.issues) : issuesOf(reason.issues);
  const code = typeof inner.code === 'string' ? (inner.code as ContractError['code']) : undefined;
  return code ? { message, code, issues } : { message, issues };
}
