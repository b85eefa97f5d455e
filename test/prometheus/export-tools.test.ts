// The exported files against the real tools: promtool and blackbox_exporter's own checks, then a real
// blackbox_exporter probing a local server through an exported http-with-keyword module.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { makeLeafCert, writeCaFile } from '../fixtures/certificates.ts';
import { startHttpServer, startHttpsServer, type TestServer } from '../fixtures/http-servers.ts';
import { BLACKBOX_EXPORTER, PROMTOOL, runTool, startBlackboxExporter, type RunningTool } from '../fixtures/prometheus-tools.ts';
import { runCli } from '../cli/cli-process.ts';
import { DAY_MS } from '../../electron/shared/time.ts';

let dir: string;
let outDir: string;
let server: TestServer;
let tlsServer: TestServer;
let federation: TestServer;
const federationHosts: Array<string | undefined> = [];
let certNotAfter: Date;
let body = 'status: All systems (v2.1) ready';
let blackbox: RunningTool | undefined;
let exportRun: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-export-'));
  outDir = path.join(dir, 'out');
  server = await startHttpServer((_req, res) => res.end(body));
  const caFile = await writeCaFile();
  certNotAfter = new Date(Math.floor((Date.now() + 40 * DAY_MS) / 1000) * 1000);
  tlsServer = await startHttpsServer(await makeLeafCert({ commonName: 'cert.example.test', altNames: ['cert.example.test'], notAfter: certNotAfter }), (_req, res) => res.end('ok'));
  // A homeserver that answers federation only for its server name, as a delegated one does.
  federation = await startHttpsServer(await makeLeafCert({ commonName: 'example.test', altNames: ['example.test'] }), (req, res) => {
    federationHosts.push(req.headers.host);
    const known = req.headers.host === 'example.test' && req.url === '/_matrix/federation/v1/version';
    res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
    res.end(known ? '{"server":{"name":"Synapse","version":"1.95.1"}}' : '{"errcode":"M_UNRECOGNIZED"}');
  });
  const config = path.join(dir, 'config.json');
  await writeFile(
    config,
    JSON.stringify({
      version: 1,
      monitors: [
        { id: 'status', name: 'Status page', type: 'http', url: `${server.url}/status`, keyword: 'systems (v2.1) ready', intervalSeconds: 15, timeoutSeconds: 2, group: 'site' },
        { id: 'login', name: 'Login', type: 'http', url: 'https://login.example.test/', method: 'POST', body: 'x', expectedStatus: [200, '300-302'], maxRedirects: 0, tls: { serverName: 'login.internal', ignoreErrors: true }, auth: { type: 'bearer', token: 't0ken' } },
        { id: 'db', name: 'Database', type: 'tcp', host: 'db.example.test', port: 5432, intervalSeconds: 1, timeoutSeconds: 1 },
        { id: 'cert', name: 'Certificate', type: 'tls', host: '127.0.0.1', port: tlsServer.port, tls: { caFile, serverName: 'cert.example.test' } },
        { id: 'fed', name: 'Federation', type: 'matrix-federation', serverName: 'example.test', host: '127.0.0.1', port: federation.port, tls: { caFile } },
        { id: 'keys', name: 'Signing key', type: 'matrix-keys', serverName: 'example.test', host: 'matrix.example.test', port: 8448 },
      ],
    }),
  );
  exportRun = await runCli(['export', '--format', 'prometheus', '--config', config, '--out', outDir]);
});

afterAll(async () => {
  await blackbox?.stop();
  await server.close();
  await tlsServer.close();
  await federation.close();
  await rm(dir, { recursive: true, force: true });
});

/** The exported module and target of a monitor, and a probe of it through the real blackbox_exporter. */
async function exportedProbe(monitorId: string): Promise<{ target: string; probe: () => Promise<string> }> {
  const prometheus = parse(await readFile(path.join(outDir, 'prometheus.yml'), 'utf8')) as {
    scrape_configs: Array<{ params?: { module: string[] }; static_configs: Array<{ targets: string[]; labels?: Record<string, string> }> }>;
  };
  const job = prometheus.scrape_configs.find((j) => j.static_configs.some((c) => c.labels?.monitor === monitorId));
  const moduleName = job?.params?.module[0] ?? '';
  const target = job?.static_configs.find((c) => c.labels?.monitor === monitorId)?.targets[0] ?? '';
  blackbox ??= await startBlackboxExporter(path.join(outDir, 'blackbox.yml'));
  const url = `${blackbox.url}/probe?module=${encodeURIComponent(moduleName)}&target=${encodeURIComponent(target)}`;
  return { target, probe: async () => (await fetch(url)).text() };
}

describe('picket export --format prometheus', () => {
  it('writes the three files and lists what it could not express', async () => {
    expect(exportRun.stderr).toBe('');
    expect(exportRun.code).toBe(0);
    expect(exportRun.stdout).toContain(`Exported 6 of 6 monitors to ${outDir}: blackbox.yml, prometheus.yml, rules.yml`);
    expect(exportRun.stdout).toMatch(/rules\.yml: Signing key \(keys\): PicketSigningKeyChanged .*: blackbox_exporter does not expose the key/);
    expect(exportRun.stdout).toMatch(/blackbox\.yml: Signing key \(keys\): the Ed25519 signature/);
    // The bearer token is in blackbox.yml, so only its owner may read it.
    expect((await stat(path.join(outDir, 'blackbox.yml'))).mode & 0o077).toBe(0);
  });

  it('passes promtool check config and promtool check rules', async () => {
    const config = await runTool(PROMTOOL, ['check', 'config', path.join(outDir, 'prometheus.yml')]);
    expect(config.stdout + config.stderr).toContain('SUCCESS');
    expect(config.stdout + config.stderr).not.toContain('FAILED');
    expect(config.code).toBe(0);
    const rules = await runTool(PROMTOOL, ['check', 'rules', path.join(outDir, 'rules.yml')]);
    // promtool exits 0 on lint findings (duplicate rules): they must not be there either.
    expect(rules.stdout + rules.stderr).not.toContain('FAILED');
    expect(rules.stdout).toMatch(/SUCCESS: \d+ rules found/);
    expect(rules.code).toBe(0);
  });

  it('fires PicketMonitorDown after threshold × interval, and certificate alerts, with the Alertmanager channel\'s labels (promtool test rules)', async () => {
    // status: failureThreshold 2 (the http default) × 15 s = for: 30s. cert: reminders at 30/14/7/3/1 days, and
    // a certificate 10 days from expiry is inside 30 and 14 only.
    const rulesTest = [
      'rule_files: [rules.yml]',
      'evaluation_interval: 15s',
      'tests:',
      '  - interval: 15s',
      '    input_series:',
      "      - series: 'probe_success{job=\"j\", instance=\"i\", monitor=\"status\", monitor_name=\"Status page\"}'",
      "        values: '1 0 0 0 0'",
      "      - series: 'probe_ssl_earliest_cert_expiry{job=\"j\", instance=\"c\", monitor=\"cert\", monitor_name=\"Certificate\"}'",
      `        values: '${10 * 86_400}+0x4'`,
      '    alert_rule_test:',
      '      - eval_time: 30s',
      '        alertname: PicketMonitorDown',
      '        exp_alerts: []',
      '      - eval_time: 45s',
      '        alertname: PicketMonitorDown',
      '        exp_alerts:',
      '          - exp_labels: { severity: critical, down_for: 30s, job: j, instance: i, monitor: status, monitor_name: Status page }',
      '            exp_annotations:',
      "              summary: 'Status page is down'",
      "              description: 'Status page (i) has failed its check for 30s.'",
      '      - eval_time: 1m',
      '        alertname: PicketCertificateExpiring',
      '        exp_alerts:',
      ...[30, 14].flatMap((day) => [
        `          - exp_labels: { severity: warning, threshold_days: "${day}", job: j, instance: c, monitor: cert, monitor_name: Certificate }`,
        '            exp_annotations:',
        `              summary: 'The certificate of Certificate expires in less than ${day} days'`,
        "              description: 'The certificate of Certificate (c) expires in 9d 23h 59m 0s.'",
      ]),
      '',
    ].join('\n');
    await writeFile(path.join(outDir, 'rules_test.yml'), rulesTest);
    const run = await runTool(PROMTOOL, ['test', 'rules', path.join(outDir, 'rules_test.yml')]);
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.code).toBe(0);
  });

  it("passes blackbox_exporter's --config.check", async () => {
    const check = await runTool(BLACKBOX_EXPORTER, ['--config.check', `--config.file=${path.join(outDir, 'blackbox.yml')}`]);
    expect(check.stderr).toContain('Config file is ok');
    expect(check.code).toBe(0);
  });

  it('refuses a format it does not know, naming the flag', async () => {
    const run = await runCli(['export', '--format', 'nagios', '--config', path.join(dir, 'config.json'), '--out', outDir]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--format: "nagios" is not a format Picket exports to; use prometheus');
  });

  it('drives a real blackbox_exporter: probe_success 1, then 0 once the server drops the keyword', async () => {
    const { target } = await exportedProbe('status');
    expect(target).toBe(`${server.url}/status`);
    const probe = async (): Promise<string> => (await exportedProbe('status')).probe();
    body = 'status: All systems (v2.1) ready';
    expect(await probe()).toMatch(/^probe_success 1$/m);
    body = 'status: All systems (v2x1) ready';
    expect(await probe()).toMatch(/^probe_success 0$/m);
    body = 'maintenance';
    const text = await probe();
    expect(text).toMatch(/^probe_success 0$/m);
    expect(text).toMatch(/^probe_failed_due_to_regex 1$/m);
  }, 30_000);

  it('probes a TLS monitor through the exported tcp+tls module, with its CA and server name, and reports the expiry', async () => {
    const text = await (await exportedProbe('cert')).probe();
    expect(text).toMatch(/^probe_success 1$/m);
    const expiry = Number(/^probe_ssl_earliest_cert_expiry (\S+)$/m.exec(text)?.[1]);
    expect(expiry).toBe(certNotAfter.getTime() / 1000);
  }, 30_000);

  it('probes Matrix federation with the Host header and certificate name that discovery found', async () => {
    const text = await (await exportedProbe('fed')).probe();
    expect(text).toMatch(/^probe_success 1$/m);
    expect(federationHosts).toContain('example.test');
  }, 30_000);
});
