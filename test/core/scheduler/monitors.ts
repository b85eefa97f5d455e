// Minimal monitors for scheduler tests: the scheduler only reads id, intervalSeconds and paused.
import type { TcpMonitor } from '../../../electron/shared/types.ts';

export function tcpMonitor(id: string, intervalSeconds: number, extra: Partial<TcpMonitor> = {}): TcpMonitor {
  return {
    id,
    name: id,
    type: 'tcp',
    host: '127.0.0.1',
    port: 1,
    intervalSeconds,
    timeoutSeconds: 1,
    failureThreshold: 1,
    reminderIntervalMinutes: 0,
    paused: false,
    ...extra,
  };
}
