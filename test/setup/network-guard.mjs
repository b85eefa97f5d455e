// Keeps every test, and every process a test starts, on this machine: a TCP connection, a UDP datagram, a
// system name lookup or a DNS query to anything but loopback is refused and recorded. Plain JavaScript so
// that child processes can load it too, through NODE_OPTIONS=--import (see vitest-setup.ts).
import dgram from 'node:dgram';
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import { isIP } from 'node:net';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
import process from 'node:process';

const LOG = process.env.PICKET_NETWORK_GUARD_LOG;

/** True for 127.0.0.0/8, ::1 and the IPv4-mapped loopback; also for the unspecified address used by binds. */
export function isLoopbackAddress(address) {
  const plain = String(address).replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  if (plain === '::1' || plain === '0:0:0:0:0:0:0:1') return true;
  // The unspecified addresses: listen() looks them up before binding (serve --listen 0.0.0.0); a connection to them stays on this machine.
  if (plain === '0.0.0.0' || plain === '::' || plain === '0:0:0:0:0:0:0:0') return true;
  const v4 = plain.startsWith('::ffff:') ? plain.slice(7) : plain;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** Names the system resolver may answer without a packet leaving the machine. */
function isLocalName(host) {
  const name = String(host).toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

function refuse(what) {
  const message = `network guard: refused ${what} (tests may only reach loopback)`;
  if (LOG) {
    try {
      appendFileSync(LOG, `${message} [pid ${process.pid}]\n`);
    } catch {
      // The log only tells the test; the refusal below still stops the packet.
    }
  }
  const error = new Error(message);
  error.code = 'ECONNREFUSED';
  return error;
}

function checkServers(servers, what) {
  for (const server of servers) {
    const host = server.replace(/^\[([^\]]+)\](:\d+)?$/, '$1').replace(/^([^:]+):\d+$/, '$1');
    if (!isLoopbackAddress(host)) throw refuse(`${what} through DNS server ${server}`);
  }
}

/** Wraps a lookup so that whatever it answers must be loopback, and the system resolver sees only local names. */
function guardedLookup(lookup, usesSystem) {
  return function (hostname, options, callback) {
    const cb = typeof options === 'function' ? options : callback;
    const opts = typeof options === 'function' ? {} : options;
    if (usesSystem && isIP(hostname) === 0 && !isLocalName(hostname)) {
      process.nextTick(() => cb(refuse(`a system name lookup of ${hostname}`)));
      return;
    }
    lookup.call(this, hostname, opts, (error, address, family) => {
      if (error) return cb(error, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      const outside = addresses.find((entry) => !isLoopbackAddress(entry));
      if (outside !== undefined) return cb(refuse(`a connection to ${hostname} (${outside})`));
      cb(null, address, family);
    });
  };
}

function install() {
  if (globalThis.__picketNetworkGuardInstalled) return;
  globalThis.__picketNetworkGuardInstalled = true;

  const systemLookup = dns.lookup;
  dns.lookup = guardedLookup(systemLookup, true);
  const promiseLookup = dns.promises.lookup;
  dns.promises.lookup = async (hostname, options) => {
    if (isIP(hostname) === 0 && !isLocalName(hostname)) throw refuse(`a system name lookup of ${hostname}`);
    const answer = await promiseLookup(hostname, options);
    const addresses = Array.isArray(answer) ? answer.map((entry) => entry.address) : [answer.address];
    const outside = addresses.find((entry) => !isLoopbackAddress(entry));
    if (outside !== undefined) throw refuse(`a connection to ${hostname} (${outside})`);
    return answer;
  };

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    const first = args[0];
    const options = Array.isArray(first) ? first[0] : typeof first === 'object' && first !== null ? first : undefined;
    if (options !== undefined && options.path === undefined) {
      const host = options.host ?? 'localhost';
      if (isIP(host) !== 0) {
        if (!isLoopbackAddress(host)) {
          const error = refuse(`a TCP connection to ${host}:${options.port}`);
          process.nextTick(() => this.destroy(error));
          return this;
        }
      } else {
        options.lookup = guardedLookup(options.lookup ?? systemLookup, options.lookup === undefined);
      }
    } else if (options === undefined && (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first)))) {
      const host = typeof args[1] === 'string' ? args[1] : 'localhost';
      if (isIP(host) !== 0 && !isLoopbackAddress(host)) {
        const error = refuse(`a TCP connection to ${host}:${first}`);
        process.nextTick(() => this.destroy(error));
        return this;
      }
      if (isIP(host) === 0 && !isLocalName(host)) {
        const error = refuse(`a system name lookup of ${host}`);
        process.nextTick(() => this.destroy(error));
        return this;
      }
    }
    return connect.apply(this, args);
  };

  const send = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function (...args) {
    const address = args.find((arg, index) => index > 0 && typeof arg === 'string');
    if (address !== undefined && isIP(address) !== 0 && !isLoopbackAddress(address)) throw refuse(`a UDP datagram to ${address}`);
    return send.apply(this, args);
  };
  const udpConnect = dgram.Socket.prototype.connect;
  dgram.Socket.prototype.connect = function (port, address, callback) {
    if (typeof address === 'string' && isIP(address) !== 0 && !isLoopbackAddress(address)) throw refuse(`a UDP connection to ${address}:${port}`);
    return udpConnect.call(this, port, address, callback);
  };

  // DNS queries (c-ares) go to whatever servers the resolver is set to: only loopback ones may be asked.
  const RESOLVE_METHODS = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];
  const guardResolver = (target, getServers, asPromise) => {
    for (const method of RESOLVE_METHODS) {
      const original = target[method];
      if (typeof original !== 'function') continue;
      target[method] = function (...args) {
        try {
          checkServers(getServers(this), `a DNS query for ${String(args[0])}`);
        } catch (error) {
          if (asPromise) return Promise.reject(error);
          const cb = args.find((arg) => typeof arg === 'function');
          if (cb) {
            process.nextTick(() => cb(error));
            return undefined;
          }
          throw error;
        }
        return original.apply(this, args);
      };
    }
  };
  guardResolver(dns.Resolver.prototype, (resolver) => resolver.getServers(), false);
  guardResolver(dns.promises.Resolver.prototype, (resolver) => resolver.getServers(), true);
  guardResolver(dns, () => dns.getServers(), false);
  guardResolver(dns.promises, () => dns.getServers(), true);

  syncBuiltinESMExports();
}

install();
