// The guard that keeps the suite on this machine must itself work: these reach for addresses beyond
// loopback on purpose and expect to be refused before any packet leaves. The addresses are TEST-NET-1
// (RFC 5737), for documentation only: even a broken guard would reach nothing real.
import { spawn } from 'node:child_process';
import dnsPromises from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeNetworkGuardViolations } from './vitest-setup.ts';

function tcpTo(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

describe('the network guard', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('lets loopback through', async () => {
    await expect(tcpTo(port, '127.0.0.1')).resolves.toBeUndefined();
    const response = await request(`http://localhost:${port}/`);
    expect(await response.body.text()).toBe('here');
    expect(takeNetworkGuardViolations()).toEqual([]);
  });

  it('refuses TCP, HTTP, system lookups and DNS queries beyond loopback, and records them', async () => {
    await expect(tcpTo(443, '192.0.2.1')).rejects.toThrow(/network guard: refused a TCP connection to 192\.0\.2\.1:443/);
    await expect(request('http://picket-guard.example/')).rejects.toThrow(/network guard: refused a system name lookup/);
    const resolver = new dnsPromises.Resolver();
    resolver.setServers(['192.0.2.53']);
    await expect(resolver.resolve4('picket-guard.example')).rejects.toThrow(/network guard: refused a DNS query/);
    expect(takeNetworkGuardViolations()).toHaveLength(3);
  });

  it('reaches the processes a test starts, through NODE_OPTIONS', async () => {
    const child = spawn(process.execPath, ['-e', "require('net').connect(443, '192.0.2.1').on('error', (e) => { console.log(e.message); })"], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
    await new Promise((resolve) => child.once('close', resolve));
    expect(out).toMatch(/network guard: refused/);
    expect(takeNetworkGuardViolations().join('\n')).toMatch(/192\.0\.2\.1/);
  });
});
