// How each channel's deliveries are going, kept in <data>/alerts/channel-status.json so Settings still shows a
// failing channel after a restart. A channel that starts failing is announced once, not on every retry.
import fs from 'node:fs';
import type { ChannelStatus } from '../../../shared/channel-types.ts';
import { writeFileAtomicSync } from '../../storage/atomic-file.ts';
import type { DeliveryReport } from './outbox.ts';

export type StoredStatus = Omit<ChannelStatus, 'queued'>;

const EMPTY: StoredStatus = { lastSuccessAt: null, lastAttemptAt: null, lastError: null, failing: false };

export class ChannelStatusBook {
  private readonly statuses: Map<string, StoredStatus>;

  constructor(private readonly file: string) {
    this.statuses = new Map(Object.entries(readStatuses(file)));
  }

  get(channelId: string): StoredStatus {
    return { ...(this.statuses.get(channelId) ?? EMPTY) };
  }

  /** Records an attempt; true when this report is the one that turns the channel to failing. */
  record(report: DeliveryReport): boolean {
    const before = this.get(report.channelId);
    const after: StoredStatus = report.ok
      ? { lastSuccessAt: report.at, lastAttemptAt: report.at, lastError: null, failing: false }
      : { ...before, lastAttemptAt: report.at, lastError: report.detail, failing: true };
    this.statuses.set(report.channelId, after);
    this.save();
    return !report.ok && !before.failing;
  }

  forget(channelId: string): void {
    if (this.statuses.delete(channelId)) this.save();
  }

  private save(): void {
    try {
      writeFileAtomicSync(this.file, JSON.stringify(Object.fromEntries(this.statuses)));
    } catch {
      // Bookkeeping only: a full disk must not stop alerts from going out.
    }
  }
}

function readStatuses(file: string): Record<string, StoredStatus> {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, StoredStatus>) : {};
  } catch {
    return {};
  }
}
