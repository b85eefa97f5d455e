import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { AddressInfo, LookupFunction, Server, Socket } from 'node:net';
import type { TcpMonitor } from '../../../electron/shared/types.ts';
import { checkTcp } from '../../../electron/core/checks/tcp.ts';
import { createLookup } from '../../../electron/core/checks/resolver.ts';
import { startDnsServer } from '../../fixtures/dns-server.ts';
import type { DnsServer } from '../../fixtures/dns-server.ts';

function tcpMonitor(overrides: Partial<TcpMonitor>): TcpMonitor {
  return {
    id: 'tcp-1',
    name: 'TCP',
    type: 'tcp',
    host: '127.0.0.1',
    port: 1,
    intervalSeconds: 60,
    timeoutSeconds: 2,
    failureThreshold: 1,
    reminderIntervalMinutes: 0,
    paused: false,
    ...overrides,
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

// Resolves every name after the end of time: only the check's own deadline can end the check.
const lookupThatNeverAnswers: LookupFunction = () => undefined;

describe('checkTcp', () => {
  let server: Server;
  let port: number;
  let dns: DnsServer;

  beforeAll(async () => {
    server = createServer((socket: Socket) => socket.on('error', () => undefined));
    port = await listen(server);
    dns = await startDnsServer({ 'svc.test': { A: ['127.0.0.1'] } });
  });
  afterAll(async () => {
    await closeServer(server);
    await dns.close();
  });

  it('is up when the port accepts, and closes the connection it opened', async () => {
    const serverSideClosed = new Promise<string>((resolve) => {
      server.once('connection', (socket: Socket) => socket.once('close', () => resolve('closed')));
    });
    const result = await checkTcp(tcpMonitor({ port }), { now: () => 1_700_000_000_000 });
    expect(result).toMatchObject({ monitorId: 'tcp-1', status: 'up', at: 1_700_000_000_000 });
    expect(result.failureKind).toBeUndefined();
    expect(result.message).toMatch(/^connected in \d+ ms$/);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.timings?.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.timings?.dnsMs).toBeUndefined(); // an IP literal needs no lookup
    expect(result.timings?.totalMs).toBe(result.latencyMs);
    // The server sees the connection end only if the check destroyed its socket.
    const stillOpen = new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 2000));
    expect(await Promise.race([serverSideClosed, stillOpen])).toBe('closed');
  });

  it('times the lookup when the host is a name', async () => {
    const result = await checkTcp(tcpMonitor({ host: 'localhost', port }));
    expect(result.status).toBe('up');
    expect(result.timings?.dnsMs).toBeGreaterThanOrEqual(0);
  });

  it('says "connection refused" for a closed port', async () => {
    const closed = createServer();
    const closedPort = await listen(closed);
    await closeServer(closed);
    const result = await checkTcp(tcpMonitor({ port: closedPort }));
    expect(result).toMatchObject({ status: 'down', failureKind: 'refused', message: 'connection refused', latencyMs: null });
  });

  it('ends at the deadline when nothing answers', async () => {
    const started = Date.now();
    const result = await checkTcp(tcpMonitor({ host: 'stuck.test', port, timeoutSeconds: 0.3 }), { lookup: lookupThatNeverAnswers });
    expect(result).toMatchObject({ status: 'down', failureKind: 'timeout', message: 'timed out after 0.3 s' });
    expect(Date.now() - started).toBeLessThan(1300);
  });

  it('resolves names through the chosen DNS server', async () => {
    const lookup = createLookup(dns.address, { queryTimeoutMs: 500, tries: 1 });
    const result = await checkTcp(tcpMonitor({ host: 'svc.test', port }), { lookup });
    expect(result.status).toBe('up');
    expect(result.timings?.dnsMs).toBeGreaterThanOrEqual(0);
    expect(dns.queries).toContain('svc.test A');
  });

  it('reports an unknown name as a DNS failure naming the host', async () => {
    const lookup = createLookup(dns.address, { queryTimeoutMs: 500, tries: 1 });
    const result = await checkTcp(tcpMonitor({ host: 'nowhere.test', port }), { lookup });
    expect(result).toMatchObject({ status: 'down', failureKind: 'dns', message: 'cannot resolve nowhere.test' });
  });

  it('ignores a DNS failure that arrives after the deadline', async () => {
    const silent = await startDnsServer({}, { silent: true });
    try {
      const lookup = createLookup(silent.address, { queryTimeoutMs: 400, tries: 1 });
      const result = await checkTcp(tcpMonitor({ host: 'slow.test', port, timeoutSeconds: 0.2 }), { lookup });
      expect(result).toMatchObject({ status: 'down', failureKind: 'timeout' });
      // The resolver gives up later still; its error must land on the destroyed socket harmlessly.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(silent.queries).toContain('slow.test A');
    } finally {
      await silent.close();
    }
  });

  it('stops when its signal aborts, before or during the check', async () => {
    const already = await checkTcp(tcpMonitor({ port }), { signal: AbortSignal.abort() });
    expect(already).toMatchObject({ status: 'down', failureKind: 'other', message: 'check cancelled' });

    const controller = new AbortController();
    const pending = checkTcp(tcpMonitor({ host: 'stuck.test', port, timeoutSeconds: 5 }), {
      lookup: lookupThatNeverAnswers,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ status: 'down', message: 'check cancelled' });
  });

  it('rejects a malformed monitor, naming the field', async () => {
    await expect(checkTcp(tcpMonitor({ port: 0 }))).rejects.toThrow(/tcp monitor "tcp-1": port must be/);
    await expect(checkTcp(tcpMonitor({ host: '' }))).rejects.toThrow(/host/);
    await expect(checkTcp(tcpMonitor({ port, timeoutSeconds: 0 }))).rejects.toThrow(/timeoutSeconds/);
  });
});
