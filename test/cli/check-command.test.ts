import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expiringCert, validCert, writeCaFile } from '../fixtures/certificates.ts';
import { closedPort, startFakeSynapse, startHttpsServer, type TestServer } from '../fixtures/http-servers.ts';
import { startDnsServer, type DnsServer } from '../fixtures/dns-server.ts';
import { main } from '../../electron/cli/main.ts';
import type { CliIo } from '../../electron/cli/cli-io.ts';
import { runCli } from './cli-process.ts';

let dir: string;
let synapse: TestServer;
let tlsGood: TestServer;
let tlsExpiring: TestServer;
let dns: DnsServer;
let caFile: string;
let refusedPort: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-cli-'));
  synapse = await startFakeSynapse();
  tlsGood = await startHttpsServer(await validCert(), (_req, res) => res.end('ok'));
  tlsExpiring = await startHttpsServer(await expiringCert(), (_req, res) => res.end('ok'));
  dns = await startDnsServer({ 'synapse.test': { A: ['127.0.0.1'] } });
  caFile = await writeCaFile();
  refusedPort = await closedPort();
});

afterAll(async () => {
  await Promise.all([synapse.close(), tlsGood.close(), tlsExpiring.close(), dns.close()]);
  await rm(dir, { recursive: true, force: true });
});

async function writeConfig(name: string, monitors: unknown[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify({ version: 1, monitors }, null, 2));
  return file;
}

/** In-process run of the CLI with captured output: fast, for the cases that need no process boundary. */
async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const seedMonitors = (): unknown[] => [
  { id: 'client', name: 'Synapse Client API', type: 'http', url: `${synapse.url}/_matrix/client/versions`, keyword: 'versions', cacheBust: true },
  { id: 'federation', name: 'Synapse Federation API', type: 'http', url: `${synapse.url}/_matrix/federation/v1/version`, keyword: 'Synapse' },
  { id: 'fed-tcp', name: 'Federation TCP', type: 'tcp', host: '127.0.0.1', port: synapse.port },
  { id: 'cert', name: 'Certificate', type: 'tls', host: 'localhost', port: tlsGood.port, tls: { caFile } },
];

describe('check', () => {
  it('prints only JSON on stdout with --json and exits 0 when all is up (through npm run --silent cli)', async () => {
    const config = await writeConfig('up.json', seedMonitors());
    const run = await runCli(['check', '--config', config, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const parsed = JSON.parse(run.stdout) as { results: Array<Record<string, unknown>> };
    expect(parsed.results.map((r) => [r.id, r.status])).toEqual([
      ['client', 'up'],
      ['federation', 'up'],
      ['fed-tcp', 'up'],
      ['cert', 'up'],
    ]);
    const client = parsed.results[0] as Record<string, unknown>;
    expect(Object.keys(client)).toEqual(expect.arrayContaining(['id', 'name', 'type', 'status', 'latencyMs', 'message', 'statusCode', 'timings', 'certificate']));
    expect(client.statusCode).toBe(200);
    expect(client.timings).toMatchObject({ totalMs: expect.any(Number) });
    const cert = (parsed.results[3] as { certificate: Record<string, unknown> }).certificate;
    expect(Object.keys(cert)).toEqual(expect.arrayContaining(['validTo', 'daysLeft', 'issuer', 'subject', 'names', 'fingerprint256', 'trusted']));
    expect(cert.trusted).toBe(true);
  });

  it('exits 1 on a warning (a certificate inside its reminder days)', async () => {
    const config = await writeConfig('warn.json', [{ id: 'cert', type: 'tls', host: 'localhost', port: tlsExpiring.port, tls: { caFile } }]);
    const run = await inProcess(['check', '--config', config, '--json']);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { results: unknown[] }).results[0]).toMatchObject({ status: 'warning', certificate: { daysLeft: expect.toSatisfy((d: number) => d >= 4 && d <= 5) } });
  });

  it('exits 2 when anything is down, and prints a readable table', async () => {
    const config = await writeConfig('down.json', [...seedMonitors(), { id: 'gone', name: 'Gone', type: 'tcp', host: '127.0.0.1', port: refusedPort }]);
    const run = await inProcess(['check', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^STATUS\s+NAME\s+TYPE\s+TARGET\s+LATENCY\s+MESSAGE/);
    expect(run.stdout).toMatch(/DOWN\s+Gone\s+tcp\s+127\.0\.0\.1:\d+\s+-\s+connection refused/);
    expect(run.stdout).toMatch(/UP\s+Synapse Client API/);
  });

  it('resolves names through --dns-server', async () => {
    const config = await writeConfig('dns.json', [
      { id: 'named', type: 'http', url: `http://synapse.test:${synapse.port}/_matrix/client/versions`, keyword: 'versions' },
      { id: 'unknown', type: 'tcp', host: 'nowhere.test', port: 80 },
    ]);
    const run = await inProcess(['check', '--config', config, '--json', '--dns-server', dns.address]);
    const { results } = JSON.parse(run.stdout) as { results: Array<{ id: string; status: string; failureKind: string | null; message: string }> };
    expect(results[0]).toMatchObject({ id: 'named', status: 'up' });
    expect(results[1]).toMatchObject({ id: 'unknown', status: 'down', failureKind: 'dns' });
    expect(results[1]?.message).toContain('nowhere.test');
  });

  it.each([
    ['a port out of range', [{ id: 'a', type: 'tcp', host: 'h', port: 70000 }], /monitors\[0\]\.port: must be at most 65535 \(got 70000\)/],
    ['an interval below the minimum', [{ id: 'a', type: 'tcp', host: 'h', port: 1, intervalSeconds: 0 }], /monitors\[0\]\.intervalSeconds/],
    ['a URL without a scheme', [{ id: 'a', type: 'http', url: 'example.com' }], /monitors\[0\]\.url: "example\.com" has no scheme/],
    ['an unknown type', [{ id: 'a', type: 'smtp' }], /monitors\[0\]\.type: must be one of/],
    ['a duplicate id', [{ id: 'a', type: 'tcp', host: 'h', port: 1 }, { id: 'a', type: 'tcp', host: 'h', port: 2 }], /monitors\[1\]\.id: duplicate id "a"/],
  ])('exits 3 on %s, naming the field on stderr', async (_name, monitors, message) => {
    const config = await writeConfig('bad.json', monitors);
    const run = await inProcess(['check', '--config', config, '--json']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('exits 3 on malformed JSON with the line and column, and on a missing file', async () => {
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '{\n  "version": 1,\n  "monitors": [\n    { "id": "a", }\n  ]\n}\n');
    const broken = await runCli(['check', '--config', file, '--json']);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('line 4, column');
    const missing = await inProcess(['check', '--config', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nope\.json does not exist/);
  });

  it('exits 3 on bad usage', async () => {
    expect((await inProcess(['check'])).code).toBe(3);
    expect((await inProcess(['frobnicate'])).stderr).toContain('unknown command "frobnicate"');
    expect((await inProcess(['check', '--config', 'x', '--bogus'])).code).toBe(3);
    expect((await inProcess(['check', '--config', 'x', '--dns-server', 'not-an-ip'])).stderr).toContain('--dns-server');
  });
});
