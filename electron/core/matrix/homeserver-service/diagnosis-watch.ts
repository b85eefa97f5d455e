// Emits the homeserver list when a group's diagnosis changes. State changes come in bursts (a host going down
// fails six monitors within a second): they are collected for a moment and compared once, so a UI and the
// notifier see one change, not six.
import type { HomeserverGroup } from '../../../shared/contract.ts';

export const DIAGNOSIS_DEBOUNCE_MS = 100;

export class DiagnosisWatch {
  private readonly last = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly compute: () => HomeserverGroup[],
    private readonly emit: (groups: HomeserverGroup[]) => void,
    private readonly delayMs = DIAGNOSIS_DEBOUNCE_MS,
  ) {}

  /** Takes these groups as already seen (they were just emitted another way). */
  remember(groups: readonly HomeserverGroup[]): void {
    this.last.clear();
    for (const group of groups) this.last.set(group.group, JSON.stringify(group.diagnosis));
  }

  /** Something a diagnosis reads changed: compare soon. */
  poke(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.compare();
    }, this.delayMs);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private compare(): void {
    const groups = this.compute();
    const changed = groups.some((group) => this.last.get(group.group) !== JSON.stringify(group.diagnosis));
    this.remember(groups);
    if (changed) this.emit(groups);
  }
}
