import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { createLookup, parseDnsServer, resolveSrv } from '../../../electron/core/checks/resolver.ts';
import { startDnsServer } from '../../fixtures/dns-server.ts';
import type { DnsServer } from '../../fixtures/dns-server.ts';

interface LookupOutcome {
  error: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family?: number;
}

function runLookup(lookup: LookupFunction, hostname: string, options: { all?: boolean; family?: number } = {}): Promise<LookupOutcome> {
  return new Promise((resolve) => {
    lookup(hostname, options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe('createLookup', () => {
  let dns: DnsServer;
  let lookup: LookupFunction;

  beforeAll(async () => {
    dns = await startDnsServer({
      'a.test': { A: ['127.0.0.1', '127.0.0.2'] },
      'six.test': { AAAA: ['::1'] },
      'both.test': { A: ['127.0.0.3'], AAAA: ['fd00::1:2'] },
      '_matrix-fed._tcp.m.test': { SRV: [{ priority: 10, weight: 5, port: 8448, target: 'matrix.m.test' }] },
    });
    lookup = createLookup(dns.address, { queryTimeoutMs: 500, tries: 1 }) as LookupFunction;
  });
  afterAll(() => dns.close());

  it('returns undefined without a DNS server, so the system resolver stays in charge', () => {
    expect(createLookup()).toBeUndefined();
    expect(createLookup('  ')).toBeUndefined();
  });

  it('resolves an A record through the chosen server (single-address form)', async () => {
    const outcome = await runLookup(lookup, 'a.test');
    expect(outcome).toEqual({ error: null, address: '127.0.0.1', family: 4 });
    expect(dns.queries).toContain('a.test A');
  });

  it('returns every address with options.all', async () => {
    const outcome = await runLookup(lookup, 'both.test', { all: true });
    expect(outcome.error).toBeNull();
    expect(outcome.address).toEqual([
      { address: '127.0.0.3', family: 4 },
      { address: 'fd00::1:2', family: 6 },
    ]);
  });

  it('falls back to AAAA when a name has no A record', async () => {
    expect(await runLookup(lookup, 'six.test')).toEqual({ error: null, address: '::1', family: 6 });
    expect(await runLookup(lookup, 'a.test', { family: 6 })).toMatchObject({ error: { code: 'ENODATA' } });
  });

  it('answers IP literals and localhost without asking the server', async () => {
    const before = dns.queries.length;
    expect(await runLookup(lookup, '10.1.2.3')).toEqual({ error: null, address: '10.1.2.3', family: 4 });
    expect(await runLookup(lookup, '::1', { all: true })).toEqual({ error: null, address: [{ address: '::1', family: 6 }], family: undefined });
    expect(await runLookup(lookup, 'localhost')).toEqual({ error: null, address: '127.0.0.1', family: 4 });
    expect(dns.queries.length).toBe(before);
  });

  it('reports an unknown name as ENOTFOUND from a DNS query', async () => {
    const outcome = await runLookup(lookup, 'missing.test');
    expect(outcome.error?.code).toBe('ENOTFOUND');
    expect(outcome.error?.syscall).toMatch(/^query/);
  });

  it('also accepts the two-argument call form', async () => {
    const outcome = await new Promise<LookupOutcome>((resolve) => {
      const twoArgs = lookup as unknown as (host: string, cb: (e: NodeJS.ErrnoException | null, a: string, f: number) => void) => void;
      twoArgs('a.test', (error, address, family) => resolve({ error, address, family }));
    });
    expect(outcome).toEqual({ error: null, address: '127.0.0.1', family: 4 });
  });

  it('resolves SRV records', async () => {
    expect(await resolveSrv('_matrix-fed._tcp.m.test', dns.address)).toEqual([
      { priority: 10, weight: 5, port: 8448, name: 'matrix.m.test' },
    ]);
    await expect(resolveSrv('_nothing._tcp.m.test', dns.address)).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('gives up with a timeout code when the server never answers', async () => {
    const silent = await startDnsServer({ 'a.test': { A: ['127.0.0.1'] } }, { silent: true });
    try {
      const quiet = createLookup(silent.address, { queryTimeoutMs: 200, tries: 1 }) as LookupFunction;
      const outcome = await runLookup(quiet, 'a.test');
      expect(outcome.error?.code).toBe('ETIMEOUT');
      expect(silent.queries).toContain('a.test A');
    } finally {
      await silent.close();
    }
  });
});

describe('parseDnsServer', () => {
  it('accepts addresses with and without ports', () => {
    expect(parseDnsServer('127.0.0.1:5353')).toBe('127.0.0.1:5353');
    expect(parseDnsServer('1.1.1.1')).toBe('1.1.1.1');
    expect(parseDnsServer('[::1]:53')).toBe('[::1]:53');
    expect(parseDnsServer('::1')).toBe('[::1]');
  });

  it('rejects names and bad ports, naming the field', () => {
    expect(() => parseDnsServer('dns.example:53')).toThrow(/dnsServer/);
    expect(() => parseDnsServer('127.0.0.1:70000')).toThrow(/dnsServer port/);
    expect(() => createLookup('not an address')).toThrow(/dnsServer/);
  });
});
