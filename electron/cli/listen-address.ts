// Parses --metrics-listen: "PORT", "HOST:PORT" or "[IPv6]:PORT". Without a host it is loopback only.
import { isIP } from 'node:net';
import { UsageError } from './usage-error.ts';

export interface ListenAddress {
  host: string;
  port: number;
}

export const DEFAULT_LISTEN_HOST = '127.0.0.1';

export function parseListenAddress(value: string, flag: string): ListenAddress {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]:|([^:[\]\s]+):)?(\d{1,5})$/.exec(value);
  const port = Number(match?.[3]);
  if (!match || port > 65_535) throw new UsageError(`${flag}: expected ADDRESS:PORT or PORT (port 0 to 65535), got "${value}"`);
  const v6 = match[1];
  if (v6 !== undefined && isIP(v6) !== 6) throw new UsageError(`${flag}: "${v6}" is not an IPv6 address`);
  return { host: v6 ?? match[2] ?? DEFAULT_LISTEN_HOST, port };
}
