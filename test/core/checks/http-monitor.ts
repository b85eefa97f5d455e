// A complete HttpMonitor for tests: the config format's own defaults, a small timeout, overrides on top.
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import type { HttpMonitor } from '../../../electron/shared/types.ts';

export function httpMonitor(overrides: Partial<HttpMonitor> & { url: string }): HttpMonitor {
  // Parsed with a placeholder URL: some tests hand the check a URL the config format would refuse.
  const defaults = parseMonitor({ id: 'm1', name: 'test monitor', type: 'http', url: 'http://127.0.0.1/', timeoutSeconds: 2 }) as HttpMonitor;
  return { ...defaults, ...overrides };
}
