// The signing-key monitor's last two answers that passed, so the diagnosis can say "the key changed" (its
// previousDetail) without a state change: a new key still verifies, so the monitor stays up.
import type { CheckResult } from '../../../shared/types.ts';

export class KeyDetails {
  private readonly latest = new Map<string, Record<string, string>>();
  private readonly previous = new Map<string, Record<string, string>>();

  /** Records a keys monitor's result; true when its key fingerprint differs from the one before. */
  record(result: CheckResult): boolean {
    if ((result.status !== 'up' && result.status !== 'warning') || result.detail === undefined) return false;
    const before = this.latest.get(result.monitorId);
    if (before !== undefined) this.previous.set(result.monitorId, before);
    this.latest.set(result.monitorId, result.detail);
    return before?.keyFingerprint !== undefined && before.keyFingerprint !== result.detail.keyFingerprint;
  }

  previousDetail(monitorId: string): Record<string, string> | undefined {
    return this.previous.get(monitorId);
  }
}
