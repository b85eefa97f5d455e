// The bind guard installed for every test: privileged ports and 127.0.0.N aliases are refused with the way
// out, free ports on 127.0.0.1 and ::1 are not.
import { describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { unportableBind } from './portable-binds.mjs';

describe('portable binds', () => {
  it('names what is not portable', () => {
    expect(unportableBind('127.0.0.1', 443)).toBe('port 443 is privileged (root only on Linux)');
    expect(unportableBind(undefined, '8')).toBe('port 8 is privileged (root only on Linux)');
    expect(unportableBind('127.0.0.80', 0)).toBe('127.0.0.80 is a loopback alias that macOS does not have');
    expect(unportableBind('::ffff:127.0.0.2', 8448)).toBe('127.0.0.2 is a loopback alias that macOS does not have');
    expect(unportableBind('127.0.0.1', 0)).toBeUndefined();
    expect(unportableBind('::1', 8448)).toBeUndefined();
    expect(unportableBind('127.0.0.1', 1024)).toBeUndefined();
  });

  it('refuses a TCP listen on port 443 or on 127.0.0.2, in every call form, pointing to --connect-to', () => {
    const server = net.createServer();
    expect(() => server.listen(443, '127.0.0.1')).toThrow(/refused to listen on 127\.0\.0\.1:443: port 443 is privileged.*--connect-to/);
    expect(() => server.listen({ port: 0, host: '127.0.0.2' })).toThrow(/127\.0\.0\.2 is a loopback alias/);
    expect(server.listening).toBe(false);
  });

  it('refuses a UDP bind on port 53', () => {
    const socket = dgram.createSocket('udp4');
    try {
      expect(() => socket.bind(53, '127.0.0.1')).toThrow(/port 53 is privileged/);
      expect(() => socket.bind({ port: 0, address: '127.0.0.9' })).toThrow(/loopback alias/);
    } finally {
      socket.close();
    }
  });

  it('lets a free port on 127.0.0.1 through', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    expect((server.address() as AddressInfo).port).toBeGreaterThanOrEqual(1024);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
