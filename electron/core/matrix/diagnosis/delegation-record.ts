// The group's delegation record monitor (a dns monitor on the SRV record discovery followed) read as what it
// means for the homeserver: a changed delegation, said as "now X, was Y", or DNS trouble that says nothing yet.
import { formatSrvValue, parseSrvValue, type SrvValue } from '../../../shared/monitor-types/dns.ts';
import type { SrvDelegation } from '../../../shared/matrix-types.ts';
import type { CheckResult } from '../../../shared/types.ts';
import { pickSrvRecord } from '../discovery/srv.ts';

/** Answers that say the record is different or gone; a timeout or SERVFAIL says only that DNS did not answer. */
const GONE_RCODES = new Set(['NXDOMAIN', 'NOERROR']);

/** The check's verdict is about the record itself (a different answer, or none), not about reaching DNS. */
export function recordChanged(result: CheckResult | undefined): boolean {
  if (result === undefined) return false;
  if (result.status === 'warning') return true;
  if (result.status !== 'down') return false;
  return result.failureKind === 'keyword' || (result.failureKind === 'status' && GONE_RCODES.has(result.detail?.rcode ?? ''));
}

function hostPort(record: SrvValue): string {
  return `${record.target}:${record.port}`;
}

/**
 * "now matrix2.example.org:8448, was matrix.example.org:8448": where the record sends federation now (the record
 * a server tries first) against where discovery found it. When that place is the same, the records say what changed.
 */
export function delegationRecordChange(result: CheckResult, followed: SrvDelegation | undefined): string {
  const was = followed === undefined ? 'unknown' : hostPort(followed);
  const answer = result.detail?.answer;
  if (answer === undefined || answer === '') {
    const rcode = result.detail?.rcode;
    return `now no SRV record${rcode === 'NXDOMAIN' ? ' (NXDOMAIN)' : ''}, was ${was}`;
  }
  const values = answer.split(', ');
  const records = values.map((value) => parseSrvValue(value)).filter((record) => record !== undefined);
  const first = pickSrvRecord(records);
  if (first === undefined) return `now ${answer}, was ${was}`;
  if (followed === undefined || hostPort(first) !== was) return `now ${hostPort(first)}${records.length > 1 ? ` (of ${records.length} records)` : ''}, was ${was}`;
  return `now ${answer}, was ${formatSrvValue(followed)}`;
}
