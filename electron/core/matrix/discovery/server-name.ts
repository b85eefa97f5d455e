// Server names as the Matrix spec's appendix defines them:
//   server_name = hostname [ ":" port ]; port = 1*5DIGIT
//   hostname = IPv4address / "[" IPv6address "]" / dns-name; dns-name = 1*255 (DIGIT / ALPHA / "-" / ".")
// Delegated names (m.server) use the same grammar, so one parser serves both.
import { isIP } from 'node:net';
import { serverNameFromInput } from '../../../shared/matrix-server-input.ts';

export interface ServerName {
  /** Without brackets for IPv6, lower-cased for DNS names. */
  host: string;
  port?: number;
  isIp: boolean;
}

export class InvalidServerNameError extends Error {
  override readonly name = 'InvalidServerNameError';
}

const DNS_NAME = /^[A-Za-z0-9.-]{1,255}$/;
const IPV4_SHAPE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]{2,45}$/;

function parsePort(text: string, name: string, field: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65_535) {
    throw new InvalidServerNameError(`${field}: port must be a number from 1 to 65535 in "${name}"`);
  }
  return Number(text);
}

/** Parses and validates a server name; `field` names it in errors ("server name", "m.server"). */
export function parseServerName(name: string, field = 'server name'): ServerName {
  if (typeof name !== 'string' || name.trim() === '') throw new InvalidServerNameError(`${field} must be a non-empty string`);
  if (name !== name.trim()) throw new InvalidServerNameError(`${field} must not have surrounding spaces: "${name}"`);
  if (name.startsWith('[')) {
    const close = name.indexOf(']');
    const inside = close > 0 ? name.slice(1, close) : '';
    if (close < 0 || !IPV6_CHARS.test(inside) || isIP(inside) !== 6) {
      throw new InvalidServerNameError(`${field}: "${name}" is not a valid [IPv6] literal`);
    }
    const rest = name.slice(close + 1);
    if (rest === '') return { host: inside.toLowerCase(), isIp: true };
    if (!rest.startsWith(':')) throw new InvalidServerNameError(`${field}: unexpected "${rest}" after the IPv6 literal in "${name}"`);
    return { host: inside.toLowerCase(), port: parsePort(rest.slice(1), name, field), isIp: true };
  }
  const colon = name.lastIndexOf(':');
  if (colon >= 0 && name.indexOf(':') !== colon) {
    throw new InvalidServerNameError(`${field}: an IPv6 address must be in brackets ("[::1]:8448"), got "${name}"`);
  }
  const host = colon >= 0 ? name.slice(0, colon) : name;
  const port = colon >= 0 ? parsePort(name.slice(colon + 1), name, field) : undefined;
  if (IPV4_SHAPE.test(host)) {
    if (isIP(host) !== 4) throw new InvalidServerNameError(`${field}: "${host}" is not a valid IPv4 address`);
    return { host, ...(port !== undefined ? { port } : {}), isIp: true };
  }
  if (!DNS_NAME.test(host)) {
    throw new InvalidServerNameError(`${field}: "${host}" is not a valid host name (letters, digits, "-" and "." only)`);
  }
  return { host: host.toLowerCase(), ...(port !== undefined ? { port } : {}), isIp: false };
}

/** host as it appears in a URL or Host header: IPv6 in brackets. */
export function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** "host:port", or "host" without a port; IPv6 bracketed. */
export function joinHostPort(host: string, port?: number): string {
  return port === undefined ? hostForUrl(host) : `${hostForUrl(host)}:${port}`;
}

/**
 * A server name as a person typed or pasted it (a URL, a user id, spaces, a trailing slash) in its canonical
 * form, "host[:port]"; what the service and the CLI discover. Throws InvalidServerNameError naming the problem.
 */
export function serverNameFromUserInput(text: string): string {
  const input = serverNameFromInput(text);
  if (!input.ok) throw new InvalidServerNameError(input.message);
  const { host, port } = parseServerName(input.serverName);
  return joinHostPort(host, port);
}
