import { describe, expect, it } from 'vitest';
import type { LookupAddress } from 'node:dns';
import { parseServerName, joinHostPort } from '../../../../electron/core/matrix/discovery/server-name.ts';
import { lookupWithOverrides, parseResolveOverride } from '../../../../electron/core/matrix/discovery/resolve-override.ts';
import {
  DEFAULT_CACHE_MS,
  ERROR_CACHE_MS,
  MAX_CACHE_MS,
  headerLifetimeMs,
  wellKnownCacheMs,
} from '../../../../electron/core/matrix/discovery/cache-lifetime.ts';
import { readMServer } from '../../../../electron/core/matrix/discovery/well-known-server.ts';
import { readBaseUrl, readVersions } from '../../../../electron/core/matrix/discovery/client-discovery.ts';
import { pickSrvRecord } from '../../../../electron/core/matrix/discovery/srv.ts';

describe('parseServerName', () => {
  it.each([
    ['example.org', { host: 'example.org', isIp: false }],
    ['Example.ORG:8448', { host: 'example.org', port: 8448, isIp: false }],
    ['1.2.3.4', { host: '1.2.3.4', isIp: true }],
    ['1.2.3.4:443', { host: '1.2.3.4', port: 443, isIp: true }],
    ['[1234:5678::abcd]', { host: '1234:5678::abcd', isIp: true }],
    ['[::1]:8448', { host: '::1', port: 8448, isIp: true }],
    ['localhost', { host: 'localhost', isIp: false }],
  ])('parses %s', (name, expected) => {
    expect(parseServerName(name)).toEqual(expected);
  });

  it.each([
    ['', /non-empty/],
    [' example.org', /spaces/],
    ['exa_mple.org', /not a valid host name/],
    ['example.org:0', /port must be/],
    ['example.org:65536', /port must be/],
    ['example.org:123456', /port must be/],
    ['example.org:', /port must be/],
    ['::1', /must be in brackets/],
    ['[::1', /IPv6/],
    ['[nothex::1]', /IPv6/],
    ['[::1]x', /unexpected/],
    ['300.1.1.1', /IPv4/],
    ['https://example.org', /port must be|brackets|not a valid/],
  ])('rejects %j, naming the problem', (name, message) => {
    expect(() => parseServerName(name)).toThrow(message);
  });

  it('names the field it was asked about', () => {
    expect(() => parseServerName('bad name', 'm.server')).toThrow(/^m\.server/);
  });

  it('writes IPv6 back in brackets', () => {
    expect(joinHostPort('::1', 8448)).toBe('[::1]:8448');
    expect(joinHostPort('example.org')).toBe('example.org');
  });
});

describe('parseResolveOverride', () => {
  it('parses curl-style HOST:PORT:ADDRESS, IPv6 in brackets', () => {
    expect(parseResolveOverride('Example.org:443:127.0.0.20')).toEqual({ host: 'example.org', port: 443, address: '127.0.0.20' });
    expect(parseResolveOverride('example.org:8448:[::1]')).toEqual({ host: 'example.org', port: 8448, address: '::1' });
  });

  it.each([
    ['example.org', /HOST:PORT:ADDRESS/],
    ['example.org:443', /HOST:PORT:ADDRESS/],
    ['example.org:http:127.0.0.1', /HOST:PORT:ADDRESS/],
    ['example.org:0:127.0.0.1', /port must be/],
    ['example.org:443:not-an-ip', /not an IP address/],
  ])('rejects %j', (text, message) => {
    expect(() => parseResolveOverride(text)).toThrow(message);
  });
});

describe('lookupWithOverrides', () => {
  const run = (host: string, port: number | undefined, all: boolean): Promise<{ error: Error | null; address: string | LookupAddress[] }> =>
    new Promise((resolve) => {
      const lookup = lookupWithOverrides([{ host: 'hs.test', port: 443, address: '127.0.0.20' }], '127.0.0.1:9', port);
      lookup(host, { all }, (error, address) => resolve({ error, address }));
    });

  it('answers an overridden name on its port, in both lookup forms', async () => {
    expect((await run('hs.test', 443, false)).address).toBe('127.0.0.20');
    expect((await run('HS.test', 443, true)).address).toEqual([{ address: '127.0.0.20', family: 4 }]);
    expect((await run('hs.test', undefined, false)).address).toBe('127.0.0.20');
  });

  it('leaves IP literals alone and rejects malformed overrides by field', async () => {
    expect((await run('127.0.0.21', 8448, false)).address).toBe('127.0.0.21');
    expect(() => lookupWithOverrides([{ host: 'a', port: 70_000, address: '127.0.0.1' }])).toThrow(/resolve\[0\]\.port/);
    expect(() => lookupWithOverrides([{ host: 'a', port: 1, address: 'x' }])).toThrow(/resolve\[0\]\.address/);
  });
});

describe('well-known cache lifetime', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads max-age, ignores other directives, and caps at 48 h', () => {
    expect(wellKnownCacheMs({ 'cache-control': 'public, max-age=3600' }, now, false)).toBe(3_600_000);
    expect(wellKnownCacheMs({ 'cache-control': 'max-age=999999' }, now, false)).toBe(MAX_CACHE_MS);
    expect(wellKnownCacheMs({ 'cache-control': 'no-store' }, now, false)).toBe(0);
  });

  it('defaults to 24 h without headers, reads Expires, and caps errors at 1 h', () => {
    expect(wellKnownCacheMs({}, now, false)).toBe(DEFAULT_CACHE_MS);
    expect(wellKnownCacheMs({ expires: 'Wed, 01 Jan 2025 02:00:00 GMT' }, now, false)).toBe(7_200_000);
    expect(wellKnownCacheMs({ expires: '0' }, now, false)).toBe(0);
    expect(wellKnownCacheMs({}, now, true)).toBe(ERROR_CACHE_MS);
    expect(wellKnownCacheMs({ 'cache-control': 'max-age=86400' }, now, true)).toBe(ERROR_CACHE_MS);
    expect(wellKnownCacheMs({ 'cache-control': 'max-age=60' }, now, true)).toBe(60_000);
  });

  it('prefers Cache-Control over Expires', () => {
    expect(headerLifetimeMs({ 'cache-control': 'max-age=10', expires: 'Wed, 01 Jan 2025 02:00:00 GMT' }, now)).toBe(10_000);
  });
});

describe('response readers', () => {
  it('reads m.server and says what is wrong with a bad body', () => {
    expect(readMServer('{"m.server":"hs.example.org:443"}')).toBe('hs.example.org:443');
    expect(() => readMServer('{"m.server": ')).toThrow(/invalid JSON/);
    expect(() => readMServer('[]')).toThrow(/not an object/);
    expect(() => readMServer('{}')).toThrow(/no "m.server"/);
    expect(() => readMServer('{"m.server": 8448}')).toThrow(/not a string/);
  });

  it('reads the client base_url without trailing slashes', () => {
    expect(readBaseUrl('{"m.homeserver":{"base_url":"https://matrix.example.org/"}}')).toBe('https://matrix.example.org');
    expect(() => readBaseUrl('{"m.homeserver":{}}')).toThrow(/base_url/);
    expect(() => readBaseUrl('{"m.homeserver":{"base_url":"ftp://x"}}')).toThrow(/http\(s\)/);
    expect(() => readBaseUrl('{"m.homeserver":{"base_url":"not a url"}}')).toThrow(/not a URL/);
  });

  it('reads the client versions list', () => {
    expect(readVersions('{"versions":["v1.1","v1.11"]}')).toBe('2 versions, last listed v1.11');
    expect(() => readVersions('{"versions":"v1.1"}')).toThrow(/versions/);
  });

  it('picks the SRV record with the lowest priority, then the highest weight', () => {
    const records = [
      { name: 'b', port: 2, priority: 10, weight: 5 },
      { name: 'a', port: 1, priority: 5, weight: 1 },
      { name: 'c', port: 3, priority: 5, weight: 9 },
    ];
    expect(pickSrvRecord(records)?.name).toBe('c');
  });
});
