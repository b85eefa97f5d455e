// The signing-key check: GET /_matrix/key/v2/server at the resolved federation endpoint and judge it
// (server-keys.ts). result.detail carries the key ids and a fingerprint, so a key change is detectable.
import type { CheckResult, MatrixKeysMonitor } from '../../../shared/types.ts';
import type { ProbeOptions } from '../../checks/probe-options.ts';
import { contentFailure, getMatrixJson } from './matrix-request.ts';
import { judgeServerKeys } from './server-keys.ts';

export const SERVER_KEYS_PATH = '/_matrix/key/v2/server';

export async function checkMatrixKeys(monitor: MatrixKeysMonitor, options: ProbeOptions = {}): Promise<CheckResult> {
  const answer = await getMatrixJson(monitor, SERVER_KEYS_PATH, options);
  if (answer.result.status === 'down') return answer.result;
  if (answer.jsonError !== undefined) return contentFailure(answer.result, `signing keys: ${answer.jsonError}`, { keyProblem: 'malformed' });
  const now = (options.now ?? Date.now)();
  const verdict = judgeServerKeys(answer.json, monitor.serverName, now);
  const detail: Record<string, string> = {};
  if (verdict.keyIds !== undefined) detail.keyIds = verdict.keyIds;
  if (verdict.keyFingerprint !== undefined) detail.keyFingerprint = verdict.keyFingerprint;
  if (!verdict.ok) return contentFailure(answer.result, `signing keys: ${verdict.message}`, { ...detail, keyProblem: verdict.problem ?? 'malformed' });
  const latency = answer.result.latencyMs !== null ? ` in ${answer.result.latencyMs} ms` : '';
  return { ...answer.result, message: `${verdict.message}${latency}`, detail };
}
