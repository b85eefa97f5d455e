// `matrix discover` against fake homeservers on free 127.0.0.1 ports, reached with --connect-to (and --resolve
// on the moved port) as curl does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLeafCert, writeCaFile } from '../fixtures/certificates.ts';
import { startDnsServer } from '../fixtures/dns-server.ts';
import type { DnsServer } from '../fixtures/dns-server.ts';
import { startFakeHomeserver } from '../fixtures/fake-homeserver.ts';
import type { FakeHomeserver } from '../fixtures/fake-homeserver.ts';
import { matrixDiscoverCommand } from '../../electron/cli/matrix-discover-command.ts';
import type { MatrixDiscoverArgs } from '../../electron/cli/matrix-discover-command.ts';
import type { CliIo } from '../../electron/cli/cli-io.ts';
import { runCli } from './cli-process.ts';

let dns: DnsServer;
let caFile: string;
let good: FakeHomeserver;
let noClient: FakeHomeserver;

beforeAll(async () => {
  caFile = await writeCaFile();
  // Empty table: every SRV or address query the CLI makes gets NXDOMAIN, never the system resolver.
  dns = await startDnsServer({});
  const cert = await makeLeafCert({ commonName: 'cli.test', altNames: ['cli.test', 'matrix.cli.test', 'noclient.test'] });
  good = await startFakeHomeserver({
    names: ['cli.test', 'matrix.cli.test'],
    ports: [443, 8448],
    cert,
    wellKnownServer: { 'm.server': 'matrix.cli.test:8448' },
    wellKnownClient: { 'm.homeserver': { base_url: 'https://matrix.cli.test' } },
  });
  noClient = await startFakeHomeserver({ names: ['noclient.test'], ports: [443, 8448], cert, clientVersions: false });
});

afterAll(async () => {
  await Promise.all([good?.close(), noClient?.close(), dns?.close()]);
});

async function run(args: Partial<MatrixDiscoverArgs> & { serverName: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await matrixDiscoverCommand({ json: false, resolve: [], connectTo: good.connectToFlags, dnsServer: dns.address, caFile, ...args }, io);
  return { code, stdout, stderr };
}

describe('matrix discover', () => {
  it('runs as `npm run --silent cli -- matrix discover NAME` with repeatable --connect-to, --resolve, --dns-server and --ca', async () => {
    const args = ['matrix', 'discover', 'cli.test', '--json', '--dns-server', dns.address, '--ca', caFile];
    // curl's order: --connect-to moves each port and keeps the name; --resolve gives the name's address there.
    for (const [port, real] of good.realPorts) {
      for (const name of good.names) args.push('--connect-to', `${name}:${port}::${real}`, '--resolve', `${name}:${real}:127.0.0.1`);
    }
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ serverName: 'cli.test', federation: { port: 8448, via: 'well-known-port' } });
    const bad = await runCli(['matrix', 'discover', 'cli.test', '--resolve', 'nonsense']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('--resolve');
    const badRule = await runCli(['matrix', 'discover', 'cli.test', '--connect-to', 'nonsense']);
    expect(badRule.code).toBe(3);
    expect(badRule.stderr).toContain('--connect-to must be HOST1:PORT1:HOST2:PORT2');
  });

  it('takes the name as people paste it: a URL, a user id, spaces and a trailing slash', async () => {
    for (const serverName of ['https://cli.test/', ' @alice:cli.test ', 'cli.test/']) {
      const { code, stdout, stderr } = await run({ serverName, json: true });
      expect(code, stderr).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ serverName: 'cli.test', federation: { port: 8448 } });
    }
    const unresolved = await run({ serverName: 'nowhere.cli.test' });
    expect(unresolved.code).toBe(2);
    expect(unresolved.stdout.split('\n')[1]).toBe('nowhere.cli.test does not resolve: no DNS record names it. Check the spelling.');
    const bad = await run({ serverName: '@alice' });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('has no server part');
  });

  it('--json prints exactly one JSON document with the promised shape, and exits 0', async () => {
    const { code, stdout, stderr } = await run({ serverName: 'cli.test', json: true });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      serverName: 'cli.test',
      federation: { host: 'matrix.cli.test', port: 8448, hostHeader: 'matrix.cli.test:8448', tlsServerName: 'matrix.cli.test', via: 'well-known-port' },
      client: { baseUrl: 'https://matrix.cli.test' },
    });
    expect(Array.isArray(parsed.steps)).toBe(true);
    for (const step of parsed.steps as Array<Record<string, unknown>>) {
      expect(typeof step.step).toBe('string');
      expect(typeof step.tried).toBe('string');
    }
  });

  it('prints a readable report of the steps and the outcome', async () => {
    const { code, stdout } = await run({ serverName: 'cli.test' });
    expect(code).toBe(0);
    expect(stdout).toContain('Matrix server cli.test');
    expect(stdout).toMatch(/ok +well-known: GET https:\/\/cli\.test\/\.well-known\/matrix\/server/);
    expect(stdout).toContain('Federation: matrix.cli.test:8448 (well-known-port)');
    expect(stdout).toContain('Host header:  matrix.cli.test:8448');
    expect(stdout).toContain('Client API:  https://matrix.cli.test');
  });

  it('exits 2 when the client API does not answer, still printing what was found', async () => {
    const { code, stdout } = await run({ serverName: 'noclient.test', json: true, connectTo: noClient.connectToFlags });
    expect(code).toBe(2);
    const parsed = JSON.parse(stdout) as { federation: { via: string }; client: { verified: boolean } };
    expect(parsed.federation.via).toBe('default-port');
    expect(parsed.client.verified).toBe(false);
  });

  it('exits 2 when nothing answers at all (a name only the empty DNS knows nothing about)', async () => {
    const { code, stdout } = await run({ serverName: 'missing.test', connectTo: [] });
    expect(code).toBe(2);
    expect(stdout).toMatch(/FAIL {2}address: A\/AAAA missing\.test/);
  });

  it.each([
    [{ serverName: 'cli.test', resolve: ['cli.test:443'] }, /--resolve must be HOST:PORT:ADDRESS/],
    [{ serverName: 'cli.test', resolve: ['cli.test:443:not-an-ip'] }, /--resolve: "not-an-ip" is not an IP address/],
    [{ serverName: 'cli.test', resolve: ['cli.test:99999:127.0.0.1'] }, /port must be from 1 to 65535/],
    [{ serverName: 'cli.test', connectTo: ['cli.test:443:127.0.0.1'] }, /--connect-to must be HOST1:PORT1:HOST2:PORT2/],
    [{ serverName: 'cli.test', connectTo: ['cli.test:443:127.0.0.1:0'] }, /--connect-to: port must be from 1 to 65535/],
    [{ serverName: 'not a name' }, /server name/],
    [{ serverName: 'cli.test', dnsServer: 'nonsense' }, /dnsServer/],
    [{ serverName: 'cli.test', caFile: '/nonexistent/ca.pem' }, /caFile: cannot read/],
  ])('exits 3 for invalid input %#, saying why on stderr', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
