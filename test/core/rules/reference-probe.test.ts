import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo, type LookupFunction, type Server } from 'node:net';
import { parseTarget, referenceProbeFor } from '../../../electron/core/rules/reference-probe.ts';

const servers: Server[] = [];

async function listen(): Promise<Server> {
  const server = createServer((socket) => socket.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const portOf = (server: Server): number => (server.address() as AddressInfo).port;

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

describe('referenceProbeFor', () => {
  it('true when the target accepts the connection', async () => {
    const server = await listen();
    expect(await referenceProbeFor(`127.0.0.1:${portOf(server)}`, 800)()).toBe(true);
  });

  it('true when the target refuses: a refusal is an answer', async () => {
    const server = await listen();
    const port = portOf(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    servers.splice(servers.indexOf(server), 1);
    expect(await referenceProbeFor(`127.0.0.1:${port}`, 800)()).toBe(true);
  });

  it('false when the name does not resolve', async () => {
    const failing: LookupFunction = (hostname, _options, callback) => {
      const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      err.code = 'ENOTFOUND';
      callback(err, '', 4);
    };
    expect(await referenceProbeFor('reference.invalid:443', 800, { lookup: failing })()).toBe(false);
  });

  it('false on timeout, ending within timeout + 1 s', async () => {
    const silent: LookupFunction = () => undefined; // never answers: the timer must end the probe
    const started = Date.now();
    expect(await referenceProbeFor('reference.invalid:443', 300, { lookup: silent })()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1300);
  });

  it('parses host:port and [v6]:port, and rejects anything else', () => {
    expect(parseTarget('1.1.1.1:443')).toEqual({ host: '1.1.1.1', port: 443 });
    expect(parseTarget('[::1]:53')).toEqual({ host: '::1', port: 53 });
    expect(() => parseTarget('1.1.1.1')).toThrow(/referenceTarget must be "host:port"/);
    expect(() => parseTarget('host:70000')).toThrow(/port 1-65535/);
    expect(() => referenceProbeFor('localhost:80', 0)).toThrow(/timeoutMs must be a number > 0/);
  });
});
