// Where `serve` listens and which names it answers to. Loopback is the default; --listen opts out of it,
// and --public-url names the address a TLS reverse proxy exposes, so its Host and Origin are accepted.
import { isIP } from 'node:net';

export const LOOPBACK_LISTEN = '127.0.0.1';

export interface ListenOptions {
  /** An IP address to bind; 127.0.0.1 unless --listen says otherwise. */
  listen: string;
  port: number;
  /** The origin browsers use through a reverse proxy (--public-url). */
  publicUrl?: URL | undefined;
}

/** Host and Origin checks: the guard against DNS rebinding (Host) and cross-site requests (Origin). */
export interface HostPolicy {
  hostAllowed(host: string | undefined): boolean;
  originAllowed(origin: string | undefined): boolean;
}

const unbracket = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, '$1');

export function isLoopbackAddress(address: string): boolean {
  const bare = unbracket(address);
  return bare === '::1' || bare === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

const isWildcard = (address: string): boolean => address === '0.0.0.0' || address === '::';

/** --listen takes an IP address only: a name could resolve elsewhere tomorrow. */
export function parseListenAddress(value: string | undefined): string {
  if (value === undefined) return LOOPBACK_LISTEN;
  const bare = unbracket(value.trim());
  if (isIP(bare) === 0) throw new Error(`--listen: must be an IP address such as 0.0.0.0, :: or 192.168.1.10, got "${value}"`);
  return bare;
}

/** --public-url: http(s), a host, and nothing under it (the dashboard's files are served from /). */
export function parsePublicUrl(value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--public-url: must be an address such as https://picket.example.org, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`--public-url: must start with https:// (or http://), got "${value}"`);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new Error(`--public-url: Picket must be served at the root of its host, e.g. ${url.origin}, got "${value}"`);
  }
  return url;
}

const hostWithPort = (address: string, port: number): string => `${isIP(address) === 6 ? `[${address}]` : address}:${port}`;

/**
 * The address serve prints: the public URL when there is one, else the bound address (loopback for a
 * wildcard bind, since this machine's other addresses are not known by name).
 */
export function dashboardOrigin({ listen, port, publicUrl }: ListenOptions): string {
  if (publicUrl) return publicUrl.origin;
  return `http://${hostWithPort(isWildcard(listen) ? LOOPBACK_LISTEN : listen, port)}`;
}

/**
 * A Host is accepted when it is an IP address or localhost at serve's own port (a DNS-rebinding page
 * always sends its own name, never an IP literal), or the public URL's host.
 */
export function createHostPolicy({ port, publicUrl }: ListenOptions): HostPolicy {
  const direct = (host: string): boolean => {
    let url: URL;
    try {
      url = new URL(`http://${host}`);
    } catch {
      return false;
    }
    const name = unbracket(url.hostname);
    return (name === 'localhost' || isIP(name) !== 0) && url.port === String(port);
  };
  return {
    hostAllowed: (host) => host !== undefined && host !== '' && ((publicUrl !== undefined && host.toLowerCase() === publicUrl.host) || direct(host)),
    // The public origin exactly (scheme included), or plain HTTP straight to serve.
    originAllowed: (origin) => origin !== undefined && (origin === publicUrl?.origin || (origin.startsWith('http://') && direct(origin.slice('http://'.length)))),
  };
}

/** serve's warning when --listen leaves loopback. */
export function listenWarning(listen: string): string | undefined {
  if (isLoopbackAddress(listen)) return undefined;
  const where = isWildcard(listen) ? 'every address of this machine' : listen;
  return (
    `warning: listening on ${where}, not only this machine. The dashboard and its access token travel unencrypted over HTTP; ` +
    'put a TLS reverse proxy (Caddy, nginx) in front and give its address with --public-url (docs/running-as-a-service.md)'
  );
}

/** One line for the errors of binding the port, or undefined for anything else. */
export function describeListenError(error: unknown, { listen, port }: { listen: string; port: number }): string | undefined {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return `port ${port} is in use; pick another with --port`;
    case 'EACCES':
      return `port ${port} needs more privileges than this user has (ports below 1024 usually need root); pick another with --port`;
    case 'EADDRNOTAVAIL':
      return `address ${listen} does not belong to this machine; check --listen`;
    default:
      return undefined;
  }
}
