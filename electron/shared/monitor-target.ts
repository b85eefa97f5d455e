// Where a monitor connects, in one line: the list's second line, its search, and the host names the
// channels panel compares alert channels with. Shared, so the engine (which sends the line in the list)
// and the dashboard (which shows a monitor it just saved) say the same thing.
import type { Monitor, MonitorType } from './types.ts';

/**
 * A Matrix endpoint adds its Host header: with delegation the address and the name it answers for
 * differ, and that difference is exactly what a user debugging federation needs.
 */
export function targetOf(monitor: Monitor): string {
  switch (monitor.type) {
    case 'http':
      return monitor.url;
    case 'tcp':
    case 'tls':
      return `${monitor.host}:${monitor.port}`;
    case 'matrix-federation':
    case 'matrix-keys':
      return `${monitor.host}:${monitor.port} (Host: ${monitor.hostHeader})`;
  }
}

/** The host name in a line targetOf wrote, lower case; undefined when there is none to read. */
export function hostOfTarget(type: MonitorType, target: string): string | undefined {
  if (type === 'http') {
    try {
      return new URL(target).hostname.toLowerCase();
    } catch {
      return undefined;
    }
  }
  // "host:port" or "host:port (Host: name)"; an IPv6 host is bracketed or holds colons of its own.
  const address = target.split(' ')[0] ?? '';
  const port = address.lastIndexOf(':');
  const host = port > 0 ? address.slice(0, port) : address;
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase() || undefined;
}
