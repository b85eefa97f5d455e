import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportPrometheus } from '../../../electron/core/export/prometheus/export-prometheus.ts';
import { re2Literal, promDuration, monitorMatcher } from '../../../electron/core/export/prometheus/promql.ts';
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import type { Monitor } from '../../../electron/shared/types.ts';

const monitor = (fields: Record<string, unknown>): Monitor => parseMonitor(fields, 'monitor');

interface Job {
  job_name: string;
  scrape_interval: string;
  scrape_timeout: string;
  params: { module: string[] };
  static_configs: Array<{ targets: string[]; labels: Record<string, string> }>;
}
interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
}

function exported(monitors: Monitor[]) {
  const result = exportPrometheus(monitors);
  const blackbox = parse(result.files['blackbox.yml']) as { modules: Record<string, { prober: string; timeout: string; http?: Record<string, unknown>; tcp?: Record<string, unknown> }> };
  const prometheus = parse(result.files['prometheus.yml']) as { scrape_configs: Job[]; rule_files: string[] };
  const rules = (parse(result.files['rules.yml']) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap((group) => group.rules);
  const jobOf = (id: string): Job | undefined => prometheus.scrape_configs.find((job) => job.static_configs?.some((c) => c.labels?.monitor === id));
  const moduleOf = (id: string) => blackbox.modules[jobOf(id)?.params.module[0] ?? ''];
  return { result, blackbox, prometheus, rules, jobOf, moduleOf };
}

describe('promql helpers', () => {
  it('writes durations in whole units, escapes RE2 literals and matches ids exactly', () => {
    expect(promDuration(90)).toBe('90s');
    expect(promDuration(1.5)).toBe('1500ms');
    expect(re2Literal('a.b*(c)|[d]{e}^$\\+?')).toBe('a\\.b\\*\\(c\\)\\|\\[d\\]\\{e\\}\\^\\$\\\\\\+\\?');
    expect(monitorMatcher(['a.b'])).toBe('monitor="a.b"');
    expect(monitorMatcher(['a.b', 'c'])).toBe('monitor=~"a\\\\.b|c"');
  });
});

describe('exportPrometheus', () => {
  it('writes one module per distinct probe setting, with the http settings blackbox_exporter has', () => {
    const { blackbox, moduleOf, jobOf } = exported([
      monitor({ id: 'a', type: 'http', url: 'https://a.test/', keyword: 'Ready (v1.2)', intervalSeconds: 30, group: 'site' }),
      monitor({ id: 'b', type: 'http', url: 'https://b.test/', keyword: 'Ready (v1.2)', intervalSeconds: 30 }),
      monitor({
        id: 'c',
        type: 'http',
        url: 'https://c.test/x',
        method: 'HEAD',
        headers: { 'X-Probe': '1' },
        expectedStatus: [204, '301-302'],
        keyword: 'error',
        keywordInvert: true,
        keywordCaseInsensitive: true,
        maxRedirects: 0,
        cacheBust: true,
        tls: { caFile: '/ca.pem', serverName: 'c.internal', ignoreErrors: true },
      }),
    ]);
    expect(Object.keys(blackbox.modules)).toHaveLength(2);
    expect(moduleOf('a')).toBe(moduleOf('b'));
    expect(moduleOf('a')?.http).toEqual({ method: 'GET', fail_if_body_not_matches_regexp: ['Ready \\(v1\\.2\\)'] });
    expect(moduleOf('c')).toEqual({
      prober: 'http',
      timeout: '10s',
      http: {
        method: 'HEAD',
        headers: { 'X-Probe': '1', 'Cache-Control': 'no-cache' },
        valid_status_codes: [204, 301, 302],
        fail_if_body_matches_regexp: ['(?i)error'],
        follow_redirects: false,
        tls_config: { ca_file: '/ca.pem', server_name: 'c.internal', insecure_skip_verify: true },
      },
    });
    expect(jobOf('a')?.static_configs.find((c) => c.labels.monitor === 'a')).toEqual({ targets: ['https://a.test/'], labels: { monitor: 'a', monitor_name: 'a', group: 'site' } });
    expect(jobOf('a')?.scrape_interval).toBe('30s');
  });

  it('probes tcp, tls (tcp with tls: true) and Matrix federation with the Host header and name from discovery', () => {
    const { moduleOf, jobOf } = exported([
      monitor({ id: 'db', type: 'tcp', host: 'db.test', port: 5432, timeoutSeconds: 3 }),
      monitor({ id: 'cert', type: 'tls', host: '::1', port: 8443, tls: { serverName: 'cert.test' } }),
      monitor({ id: 'fed', type: 'matrix-federation', serverName: 'example.test', host: 'matrix.example.test', port: 8448 }),
      monitor({ id: 'delegated', type: 'http', url: 'https://example.test/health', connectTo: '10.0.0.1:8443' }),
    ]);
    expect(moduleOf('db')).toEqual({ prober: 'tcp', timeout: '3s' });
    expect(jobOf('db')?.static_configs[0]?.targets).toEqual(['db.test:5432']);
    expect(moduleOf('cert')).toEqual({ prober: 'tcp', timeout: '10s', tcp: { tls: true, tls_config: { server_name: 'cert.test' } } });
    expect(jobOf('cert')?.static_configs[0]?.targets).toEqual(['[::1]:8443']);
    expect(moduleOf('fed')?.http).toMatchObject({ headers: { Host: 'example.test' }, tls_config: { server_name: 'example.test' }, valid_status_codes: [200] });
    expect(jobOf('fed')?.static_configs[0]?.targets).toEqual(['https://matrix.example.test:8448/_matrix/federation/v1/version']);
    expect(moduleOf('delegated')?.http).toMatchObject({ headers: { Host: 'example.test' }, tls_config: { server_name: 'example.test' } });
    expect(jobOf('delegated')?.static_configs[0]?.targets).toEqual(['https://10.0.0.1:8443/health']);
  });

  it('keeps intervals per job and never lets the scrape timeout pass the interval', () => {
    const { jobOf, result } = exported([
      monitor({ id: 'fast', type: 'tcp', host: 'a.test', port: 1, intervalSeconds: 2.5, timeoutSeconds: 2.5 }),
      monitor({ id: 'slow', type: 'tcp', host: 'b.test', port: 1, intervalSeconds: 300, timeoutSeconds: 5 }),
    ]);
    expect(jobOf('fast')).toMatchObject({ scrape_interval: '2500ms', scrape_timeout: '2500ms' });
    expect(jobOf('slow')).toMatchObject({ scrape_interval: '300s', scrape_timeout: '6s' });
    expect(result.notes.map((n) => `${n.monitor?.id}: ${n.what}`)).toEqual(['fast: a 2.5 s timeout with a 2.5 s interval']);
    expect(result.files['prometheus.yml']).toContain('# - fast (fast): a 2.5 s timeout with a 2.5 s interval: Prometheus cannot wait longer than the scrape interval, so the probe gives up after 2 s');
  });

  it('writes down rules with for: threshold × interval and one certificate rule per reminder day, labelled like the Alertmanager channel', () => {
    const { rules } = exported([
      monitor({ id: 'a', type: 'http', url: 'https://a.test/', intervalSeconds: 60, failureThreshold: 3 }),
      monitor({ id: 'b', type: 'tcp', host: 'b.test', port: 1, intervalSeconds: 180, failureThreshold: 1 }),
      monitor({ id: 'cert', type: 'tls', host: 'c.test', port: 443 }),
      monitor({ id: 'cert2', type: 'tls', host: 'd.test', port: 443, expiryWarningDays: [60, 7] }),
    ]);
    const down = rules.filter((r) => r.alert === 'PicketMonitorDown');
    expect(down.map((r) => [r.expr, r.for])).toEqual([
      ['probe_success{monitor=~"a|b"} == 0', '180s'],
      ['probe_success{monitor=~"cert|cert2"} == 0', '60s'],
    ]);
    expect(down[0]?.labels).toEqual({ severity: 'critical', down_for: '180s' });
    const certs = rules.filter((r) => r.alert === 'PicketCertificateExpiring');
    expect(certs.map((r) => r.labels.threshold_days)).toEqual(['60', '30', '14', '7', '3', '1']);
    expect(certs.find((r) => r.labels.threshold_days === '7')?.expr).toBe('probe_ssl_earliest_cert_expiry{monitor=~"cert|cert2"} - time() < 7 * 86400');
    expect(certs.find((r) => r.labels.threshold_days === '30')?.expr).toContain('{monitor="cert"}');
  });

  it('lists everything it cannot express, in the result and in a comment of the file concerned', () => {
    const { result, prometheus } = exported([
      monitor({ id: 'keys', name: 'Keys', type: 'matrix-keys', serverName: 'example.test', host: 'example.test', port: 8448 }),
      monitor({ id: 'off', type: 'tcp', host: 'x.test', port: 1, paused: true }),
      monitor({ id: 'nag', type: 'tcp', host: 'x.test', port: 2, reminderIntervalMinutes: 30 }),
    ]);
    expect(result.exported).toBe(2);
    const whats = result.notes.map((n) => `${n.file} ${n.monitor?.id ?? '-'}: ${n.what}`);
    expect(whats).toEqual(
      expect.arrayContaining([
        'blackbox.yml keys: the Ed25519 signature, server_name and valid_until_ts of the signing key',
        'rules.yml keys: PicketSigningKeyChanged (the Ed25519 signing key changed)',
        'rules.yml -: PicketDelegationChanged (Matrix discovery now points elsewhere)',
        'prometheus.yml off: the whole monitor',
        'rules.yml nag: a reminder every 30 minutes while down',
      ]),
    );
    expect(result.files['rules.yml']).toMatch(/^# - Keys \(keys\): PicketSigningKeyChanged .*: blackbox_exporter does not expose the key/m);
    expect(result.files['prometheus.yml']).toContain('# - off (off): the whole monitor: it is paused in Picket');
    expect(prometheus.scrape_configs.some((job) => job.static_configs?.some((c) => c.labels?.monitor === 'off'))).toBe(false);
  });
});
