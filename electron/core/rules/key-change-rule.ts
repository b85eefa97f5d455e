// The signing-key rule of a matrix-keys monitor: the rule state keeps the last good answer's key ids and
// fingerprint, so a key that changes (even while every check stays up, even across a restart) is one alert.
import type { Alert, CheckResult, MatrixKeysMonitor } from '../../shared/types.ts';
import { keyChangeAlert } from '../matrix/checks/key-change.ts';

export interface KeyChangeOutcome {
  /** What the rule state keeps next: the new answer's detail when it was good, else the old one. */
  lastUpDetail: Record<string, string> | undefined;
  alert?: Alert;
}

export function keyChangeRule(monitor: MatrixKeysMonitor, prevDetail: unknown, result: CheckResult): KeyChangeOutcome {
  // Runtime state is read back from disk: a damaged entry is treated as "no previous key", never a change.
  const previous = stringRecord(prevDetail);
  // A failing answer (bad signature, expired key) is the check's own alert and must not become the baseline,
  // or the good key coming back would look like a change.
  const good = result.status !== 'down' && result.detail?.keyFingerprint !== undefined;
  const lastUpDetail = good ? keyDetail(result.detail ?? {}) : previous;
  const change = keyChangeAlert(previous, result);
  if (!change) return { lastUpDetail };
  const ids = change.previousKeyIds === change.keyIds ? `${change.keyIds}, new public key` : `${change.previousKeyIds} -> ${change.keyIds}`;
  return {
    lastUpDetail,
    alert: { monitorId: monitor.id, kind: 'key-change', at: change.at, message: `${monitor.name}: signing key changed (${ids})` },
  };
}

/** Only the key fields: other detail would make the persisted state change (and be rewritten) for nothing. */
function keyDetail(detail: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  if (detail.keyIds !== undefined) kept.keyIds = detail.keyIds;
  if (detail.keyFingerprint !== undefined) kept.keyFingerprint = detail.keyFingerprint;
  return kept;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  return entries.every(([, v]) => typeof v === 'string') ? Object.fromEntries(entries) : undefined;
}
