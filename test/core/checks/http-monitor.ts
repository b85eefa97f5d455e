// A complete HttpMonitor for tests: every default filled in, small timeout, overrides on top.
import type { HttpMonitor } from '../../../electron/shared/types.ts';

export function httpMonitor(overrides: Partial<HttpMonitor> & { url: string }): HttpMonitor {
  return {
    id: 'm1',
    name: 'test monitor',
    type: 'http',
    intervalSeconds: 60,
    timeoutSeconds: 2,
    failureThreshold: 2,
    reminderIntervalMinutes: 0,
    paused: false,
    method: 'GET',
    headers: {},
    expectedStatus: ['200-299'],
    keywordCaseInsensitive: false,
    keywordInvert: false,
    maxRedirects: 5,
    cacheBust: false,
    maxBodyBytes: 1024 * 1024,
    tls: {},
    ...overrides,
  };
}
