// The alerts still firing per channel whose receiver forgets alerts that are not repeated (Alertmanager): an
// outage is added when its down alert is queued and removed by its recovery. Kept in <data>/alerts/firing.json,
// so resending goes on after a restart.
import fs from 'node:fs';
import { writeFileAtomicSync } from '../../storage/atomic-file.ts';
import type { AlertItem } from '../alert-message.ts';

const FIRING_KINDS = new Set(['down', 'reminder']);

export class FiringBook {
  private readonly firing: Map<string, Map<string, AlertItem>>;

  constructor(private readonly file: string) {
    this.firing = new Map();
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, AlertItem>>;
      for (const [channelId, items] of Object.entries(parsed)) this.firing.set(channelId, new Map(Object.entries(items)));
    } catch {
      // No file yet, or an unreadable one: nothing is firing as far as we know.
    }
  }

  update(channelId: string, items: readonly AlertItem[]): void {
    const current = this.firing.get(channelId) ?? new Map<string, AlertItem>();
    for (const item of items) {
      if (FIRING_KINDS.has(item.kind)) current.set(item.monitorId, item);
      else if (item.kind === 'recovered') current.delete(item.monitorId);
    }
    this.firing.set(channelId, current);
    this.save();
  }

  items(channelId: string): AlertItem[] {
    return [...(this.firing.get(channelId)?.values() ?? [])];
  }

  channelIds(): string[] {
    return [...this.firing.keys()].filter((id) => (this.firing.get(id)?.size ?? 0) > 0);
  }

  /** A removed channel, or monitors that no longer exist. */
  prune(channelIds: ReadonlySet<string>, monitorIds: ReadonlySet<string>): void {
    let changed = false;
    for (const [channelId, items] of this.firing) {
      if (!channelIds.has(channelId)) {
        this.firing.delete(channelId);
        changed = true;
        continue;
      }
      for (const monitorId of items.keys()) {
        if (!monitorIds.has(monitorId)) {
          items.delete(monitorId);
          changed = true;
        }
      }
    }
    if (changed) this.save();
  }

  private save(): void {
    const plain = Object.fromEntries([...this.firing].map(([id, items]) => [id, Object.fromEntries(items)]));
    try {
      writeFileAtomicSync(this.file, JSON.stringify(plain));
    } catch {
      // Resending is a courtesy on top of endsAt: a failed write must not stop the alert itself.
    }
  }
}
