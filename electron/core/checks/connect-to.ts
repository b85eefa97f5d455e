// curl's --connect-to HOST1:PORT1:HOST2:PORT2: a connection meant for HOST1:PORT1 goes to HOST2:PORT2
// instead, while the Host header, SNI and certificate check keep the original name. It lets a test server on
// any loopback port stand in for example.org:443, and lets a user try a new server before moving DNS.
import { isIP } from 'node:net';

export interface ConnectToRule {
  /** Lower-case name or address; '' matches any host (curl's empty HOST1). */
  fromHost: string;
  /** 0 matches any port (curl's empty PORT1). */
  fromPort: number;
  /** '' keeps the original host. */
  toHost: string;
  /** 0 keeps the original port. */
  toPort: number;
}

export interface ConnectTarget {
  host: string;
  port: number;
}

const PART = String.raw`(\[[^\]]*\]|[^:[\]]*)`;
const RULE = new RegExp(`^${PART}:(\\d*):${PART}:(\\d*)$`);

function parsePort(text: string, rule: string): number {
  if (text === '') return 0;
  const port = Number(text);
  if (port < 1 || port > 65_535) throw new Error(`--connect-to: port must be from 1 to 65535, in "${rule}"`);
  return port;
}

function parseHost(text: string, rule: string): string {
  const host = text.startsWith('[') ? text.slice(1, -1) : text;
  if (text.startsWith('[') && isIP(host) !== 6) throw new Error(`--connect-to: "${text}" is not an IPv6 address, in "${rule}"`);
  return host.toLowerCase().replace(/\.$/, '');
}

/** Parses "HOST1:PORT1:HOST2:PORT2" (IPv6 in brackets; empty parts as curl allows); throws naming the flag. */
export function parseConnectTo(text: string): ConnectToRule {
  const rule = text.trim();
  const match = RULE.exec(rule);
  if (!match) throw new Error(`--connect-to must be HOST1:PORT1:HOST2:PORT2 (e.g. "example.org:443:127.0.0.1:8443"), got "${text}"`);
  const [, fromHost = '', fromPort = '', toHost = '', toPort = ''] = match;
  return { fromHost: parseHost(fromHost, rule), fromPort: parsePort(fromPort, rule), toHost: parseHost(toHost, rule), toPort: parsePort(toPort, rule) };
}

/** Where a connection to host:port really goes: the first matching rule's target, else host:port itself. */
export function connectTarget(rules: readonly ConnectToRule[] | undefined, host: string, port: number): ConnectTarget & { rule?: ConnectToRule } {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const rule = rules?.find((r) => (r.fromHost === '' || r.fromHost === name) && (r.fromPort === 0 || r.fromPort === port));
  if (rule === undefined) return { host, port };
  return { host: rule.toHost === '' ? host : rule.toHost, port: rule.toPort === 0 ? port : rule.toPort, rule };
}

/** "127.0.0.1:8443" for a step or message; IPv6 in brackets. */
export function formatTarget(target: ConnectTarget): string {
  return isIP(target.host) === 6 ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}
