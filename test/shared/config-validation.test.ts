import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { configSchema } from '../../electron/shared/config-schema.ts';
import {
  monitorToConfig,
  parseMonitor,
  validateConfig,
  validateSettings,
  type ConfigIssue,
} from '../../electron/shared/config-validation.ts';

function issuesOf(input: unknown): ConfigIssue[] {
  const result = validateConfig(input);
  if (result.ok) throw new Error('expected the config to be rejected');
  return result.issues;
}

function oneMonitor(monitor: Record<string, unknown>): ConfigIssue[] {
  return issuesOf({ version: 1, monitors: [monitor] });
}

describe('config validation', () => {
  it('accepts the seed guide monitors and fills the seed defaults', () => {
    const result = validateConfig({
      version: 1,
      monitors: [
        { id: 'client', name: 'Synapse Client API', type: 'http', url: 'https://matrix.example.com/_matrix/client/versions', keyword: 'versions' },
        { id: 'fed-tcp', type: 'tcp', host: 'matrix.example.com', port: 8448 },
        { id: 'cert', type: 'tls', host: 'matrix.example.com', port: 443 },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [http, tcp, tls] = result.config.monitors;
    expect(http).toMatchObject({ intervalSeconds: 60, timeoutSeconds: 10, failureThreshold: 2, method: 'GET', expectedStatus: ['200-299'], maxRedirects: 5, maxBodyBytes: 1048576 });
    expect(tcp).toMatchObject({ failureThreshold: 1, name: 'fed-tcp' });
    expect(tls).toMatchObject({ failureThreshold: 1, expiryWarningDays: [30, 14, 7, 3, 1] });
  });

  it.each([
    [{ id: 'a', type: 'tcp', host: 'h', port: 0 }, 'monitors[0].port', /must be at least 1 \(got 0\)/],
    [{ id: 'a', type: 'tcp', host: 'h', port: 70000 }, 'monitors[0].port', /65535 \(got 70000\)/],
    [{ id: 'a', type: 'tcp', host: 'h', port: 1, intervalSeconds: 0.5 }, 'monitors[0].intervalSeconds', /must be at least 1 \(got 0.5\)/],
    [{ id: 'a', type: 'http', url: 'example.com/x' }, 'monitors[0].url', /no scheme/],
    [{ id: 'a', type: 'http', url: 'ftp://example.com/' }, 'monitors[0].url', /scheme "ftp" is not supported/],
    [{ id: 'a', type: 'ping', host: 'h' }, 'monitors[0].type', /must be one of "http", "tcp", "tls"/],
    [{ id: 'a', type: 'tcp', host: 'h', port: 1, colour: 'red' }, 'monitors[0].colour', /unknown field/],
    [{ id: 'a', type: 'tcp', host: 'h', port: 1, keyword: 'x' }, 'monitors[0].keyword', /not a field of a tcp monitor/],
    [{ id: 'a', type: 'tcp', port: 1 }, 'monitors[0].host', /required/],
    [{ id: 'a', type: 'http' }, 'monitors[0].url', /required/],
    [{ id: 'a', type: 'http', url: 'http://x/', expectedStatus: ['abc'] }, 'monitors[0].expectedStatus[0]', /range like "200-299"/],
    [{ id: 'a', type: 'http', url: 'http://x/', expectedStatus: ['299-200'] }, 'monitors[0].expectedStatus[0]', /ends before it starts/],
    [{ id: 'a', type: 'http', url: 'http://x/', tls: { verify: false } }, 'monitors[0].tls.verify', /unknown field/],
    [{ id: 'a b', type: 'tcp', host: 'h', port: 1 }, 'monitors[0].id', /letters, digits/],
    [{ id: 'a', type: 'tcp', host: 'h', port: 1, intervalSeconds: 5, timeoutSeconds: 10 }, 'monitors[0].timeoutSeconds', /^Timeout \(10 s\) must be shorter than the interval \(5 s\)$/],
    [{ id: 'a', type: 'http', url: 'http://x/', body: '{}' }, 'monitors[0].body', /POST/],
  ])('rejects %j at %s', (monitor, path, message) => {
    const issues = oneMonitor(monitor);
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it('reports duplicate ids with both positions, and keeps checking the other monitors', () => {
    const issues = issuesOf({
      version: 1,
      monitors: [
        { id: 'a', type: 'tcp', host: 'h', port: 1 },
        { id: 'a', type: 'tcp', host: 'h', port: 2 },
        { id: 'b', type: 'tcp', host: 'h', port: 99999 },
      ],
    });
    expect(issues).toContainEqual({ path: 'monitors[1].id', message: 'duplicate id "a" (also monitors[0])' });
    expect(issues.some((i) => i.path === 'monitors[2].port')).toBe(true);
  });

  it('rejects a wrong version and unknown top-level fields', () => {
    expect(issuesOf({ version: 2, monitors: [] })).toContainEqual({ path: 'version', message: 'must be 1' });
    expect(issuesOf({ version: 1, monitors: [], extra: 1 })).toContainEqual({ path: 'extra', message: 'unknown field' });
  });

  it('validates settings with the field named', () => {
    const bad = validateSettings({ maxConcurrentChecks: 0, referenceTarget: 'nocolon' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['settings.maxConcurrentChecks', 'settings.referenceTarget']);
    expect(validateSettings({ referenceTarget: '[::1]:443' }).ok).toBe(true);
  });

  it('round-trips a monitor through export and import', () => {
    const monitor = parseMonitor({ id: 'x', type: 'http', url: 'https://a.example/', keyword: 'ok', auth: { type: 'bearer', token: 't' } });
    expect(parseMonitor(monitorToConfig(monitor))).toEqual(monitor);
  });

  it('keeps docs/config.schema.json equal to the schema in code', () => {
    const onDisk = JSON.parse(readFileSync(new URL('../../docs/config.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(configSchema)));
  });
});
