// A homeserver's signing key changing is worth an alert even while every check is up: if nobody rotated it,
// the server was reinstalled or lost its key file, and other servers may refuse its events until they refetch.
// Pure, so the rules can call it with the previous result's detail.
import type { CheckResult } from '../../../shared/types.ts';

export interface KeyChangeAlert {
  monitorId: string;
  kind: 'key-change';
  /** Epoch milliseconds: the result's time. */
  at: number;
  message: string;
  previousKeyIds: string;
  keyIds: string;
}

/**
 * An alert when an up result's key fingerprint differs from the previous one; null otherwise (no previous
 * fingerprint, a failing check: an unreadable answer is the check's own alert, not a key change).
 */
export function keyChangeAlert(prevDetail: Record<string, string> | undefined, result: CheckResult): KeyChangeAlert | null {
  const before = prevDetail?.keyFingerprint;
  const after = result.detail?.keyFingerprint;
  if (result.status === 'down' || before === undefined || after === undefined || before === after) return null;
  const previousKeyIds = prevDetail?.keyIds ?? '?';
  const keyIds = result.detail?.keyIds ?? '?';
  const change = previousKeyIds === keyIds ? `${keyIds} now has a different public key` : `${previousKeyIds} replaced by ${keyIds}`;
  return { monitorId: result.monitorId, kind: 'key-change', at: result.at, message: `signing key changed: ${change}`, previousKeyIds, keyIds };
}
