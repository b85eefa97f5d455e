// Keeps the suite runnable as any user on any OS: a test server may not listen on a privileged port (root only
// on Linux) or on a 127.0.0.N alias other than 127.0.0.1 (macOS has none). Such a bind throws at once, naming
// the way out: a free port on 127.0.0.1 reached through --connect-to rules (test/fixtures/fake-homeserver.ts).
import dgram from 'node:dgram';
import { isIP } from 'node:net';
import net from 'node:net';

/** Why binding host:port would tie the suite to root or to Linux; undefined when it is portable. */
export function unportableBind(host, port) {
  const number = Number(port);
  if (Number.isInteger(number) && number > 0 && number < 1024) return `port ${number} is privileged (root only on Linux)`;
  const plain = typeof host === 'string' ? host.replace(/^::ffff:/i, '') : '';
  if (isIP(plain) === 4 && plain.startsWith('127.') && plain !== '127.0.0.1') return `${plain} is a loopback alias that macOS does not have`;
  return undefined;
}

/** The host and port of listen()/bind() arguments: (port, host, ...) or ({ port, host/address }, ...). */
function target(args, hostKey) {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) return { host: first[hostKey], port: first.port };
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return { host: typeof second === 'string' ? second : undefined, port: first };
  }
  return { host: undefined, port: undefined };
}

function refuse(host, port, reason) {
  return new Error(
    `portable binds: refused to listen on ${host ?? '*'}:${port}: ${reason}. Tests must pass as any user on any OS: ` +
      'listen on port 0 of 127.0.0.1 and reach it with --connect-to (see test/fixtures/fake-homeserver.ts)',
  );
}

function install() {
  if (globalThis.__picketPortableBindsInstalled) return;
  globalThis.__picketPortableBindsInstalled = true;

  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    const { host, port } = target(args, 'host');
    const reason = unportableBind(host, port);
    if (reason !== undefined) throw refuse(host, port, reason);
    return listen.apply(this, args);
  };

  const bind = dgram.Socket.prototype.bind;
  dgram.Socket.prototype.bind = function (...args) {
    const { host, port } = target(args, 'address');
    const reason = unportableBind(host, port);
    if (reason !== undefined) throw refuse(host, port, reason);
    return bind.apply(this, args);
  };
}

install();
