// Collects check results and hands them on as one array per period, so a UI does one store update per batch
// instead of one per check (hundreds of monitors can finish within the same second).
import type { CheckResult } from '../../shared/types.ts';

export class ResultBatcher {
  private pending: CheckResult[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly periodMs: number,
    private readonly emit: (batch: CheckResult[]) => void,
  ) {
    if (!Number.isFinite(periodMs) || periodMs < 0) throw new Error(`eventBatchMs: must be a number of milliseconds >= 0, got ${String(periodMs)}`);
  }

  add(result: CheckResult): void {
    this.pending.push(result);
    // The first result of a batch starts the clock: a batch is never older than periodMs.
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.periodMs);
    this.timer.unref?.();
  }

  /** Emits what is pending now (on close, so nothing collected is lost). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.emit(batch);
  }
}
