// The Matrix monitor types in the config format: defaults, and clear messages naming the field.
import { describe, expect, it } from 'vitest';
import { monitorToConfig, validateConfig, validateMonitor } from '../../../../electron/shared/config-validation.ts';

const base = { id: 'fed', type: 'matrix-federation', serverName: 'example.org', host: 'matrix.example.org', port: 443 };

describe('matrix monitor config', () => {
  it('fills the Host header and TLS name from the server name, and the failure thresholds per type', () => {
    const result = validateMonitor(base);
    expect(result).toMatchObject({
      ok: true,
      monitor: { type: 'matrix-federation', hostHeader: 'example.org', tlsServerName: 'example.org', failureThreshold: 2, tls: {} },
    });
    expect(validateMonitor({ ...base, type: 'matrix-keys' })).toMatchObject({ ok: true, monitor: { failureThreshold: 1 } });
    expect(validateMonitor({ ...base, serverName: 'example.org:8448' })).toMatchObject({ ok: true, monitor: { hostHeader: 'example.org:8448', tlsServerName: 'example.org' } });
    expect(validateMonitor({ ...base, serverName: '[2001:db8::1]:8448' })).toMatchObject({ ok: true, monitor: { tlsServerName: '2001:db8::1' } });
  });

  it('keeps what discovery found, and survives export and import', () => {
    const config = { ...base, hostHeader: 'matrix.example.org:443', tlsServerName: 'matrix.example.org', tls: { caFile: '/ca.pem' } };
    const result = validateMonitor(config);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.monitor).toMatchObject(config);
    expect(validateConfig({ version: 1, monitors: [monitorToConfig(result.monitor)] })).toMatchObject({ ok: true, config: { monitors: [result.monitor] } });
  });

  it.each([
    [{ serverName: undefined }, 'serverName', 'is required for a matrix-federation monitor'],
    [{ host: undefined }, 'host', 'is required for a matrix-federation monitor'],
    [{ serverName: 'https://example.org' }, 'serverName', 'must be a host name or IP address with an optional ":port", got "https://example.org"'],
    [{ serverName: 'example.org:0' }, 'serverName', 'port must be between 1 and 65535 (got "example.org:0")'],
    [{ tlsServerName: 'example.org:443' }, 'tlsServerName', 'must be a host name (no port), got "example.org:443"'],
    [{ hostHeader: 'a b' }, 'hostHeader', 'must be a host name or IP address with an optional ":port", got "a b"'],
    [{ tls: { serverName: 'x' } }, 'tls.serverName', 'use tlsServerName for a Matrix monitor'],
    [{ tls: { ignoreErrors: true } }, 'tls.ignoreErrors', 'is not allowed: federation requires a valid certificate (use tls.caFile for a private CA)'],
    [{ url: 'https://example.org' }, 'url', 'is not a field of a matrix-federation monitor'],
  ])('rejects %j naming the field', (change, path, message) => {
    const input: Record<string, unknown> = { ...base, ...change };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete input[key];
    const result = validateMonitor(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({ path, message });
  });

  it('does not give tcp, tls or http monitors the Matrix fields', () => {
    expect(validateMonitor({ id: 't', type: 'tcp', host: 'x', port: 1, serverName: 'example.org' })).toEqual({
      ok: false,
      issues: [{ path: 'serverName', message: 'is not a field of a tcp monitor' }],
    });
  });
});
