// --connect-to through the built `picket` program: check and run reach example.test:443 on a stand-in HTTPS
// server on a free 127.0.0.1 port, while the Host header, SNI and the certificate check keep example.test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeLeafCert, writeCaFile } from '../fixtures/certificates.ts';
import { startHttpsServer, type TestServer } from '../fixtures/http-servers.ts';
import { collect, interruptGroup, runCli, startCliProcessGroup } from './cli-process.ts';

let dir: string;
let caFile: string;
let server: TestServer;
const hosts: Array<string | undefined> = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-connect-to-'));
  caFile = await writeCaFile();
  server = await startHttpsServer(await makeLeafCert({ commonName: 'example.test', altNames: ['example.test'] }), (req, res) => {
    hosts.push(req.headers.host);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('stand-in for example.test');
  });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const monitors = (): unknown[] => [
  { id: 'site', name: 'Site', type: 'http', url: 'https://example.test/', keyword: 'stand-in', tls: { caFile }, timeoutSeconds: 5 },
  { id: 'port', name: 'Port', type: 'tcp', host: 'example.test', port: 443, timeoutSeconds: 5 },
  { id: 'cert', name: 'Certificate', type: 'tls', host: 'example.test', port: 443, tls: { caFile }, timeoutSeconds: 5 },
];

async function writeConfig(name: string, config: Record<string, unknown>): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify({ version: 1, ...config }));
  return file;
}

describe('--connect-to in the CLI', () => {
  it('check: every monitor of example.test:443 is up through the rule, with Host example.test', async () => {
    const config = await writeConfig('check.json', { monitors: monitors() });
    const run = await runCli(['check', '--config', config, '--json', '--connect-to', `example.test:443:127.0.0.1:${server.port}`]);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const out = JSON.parse(run.stdout) as { results: Array<{ id: string; status: string; certificate?: { nameMatches: boolean } }> };
    expect(out.results.map((r) => [r.id, r.status])).toEqual([
      ['site', 'up'],
      ['port', 'up'],
      ['cert', 'up'],
    ]);
    expect(out.results.find((r) => r.id === 'cert')?.certificate?.nameMatches).toBe(true);
    expect(hosts.at(-1)).toBe('example.test');
  });

  it('check: a rule for another port leaves example.test:443 alone (nothing connects to the stand-in)', async () => {
    const config = await writeConfig('other-port.json', { monitors: [monitors()[1]] });
    const before = hosts.length;
    // example.test is unresolvable here: without a matching rule the check fails on the name, not on the server.
    const run = await runCli(['check', '--config', config, '--json', '--dns-server', '127.0.0.1:9', '--connect-to', `example.test:8443:127.0.0.1:${server.port}`]);
    expect(run.code, run.stderr).toBe(2);
    expect((JSON.parse(run.stdout) as { results: Array<{ status: string }> }).results[0]?.status).toBe('down');
    expect(hosts.length).toBe(before);
  });

  it('check: a malformed rule exits 3, the first line naming --connect-to and the reason', async () => {
    const config = await writeConfig('bad.json', { monitors: monitors() });
    const run = await runCli(['check', '--config', config, '--connect-to', `example.test:443:127.0.0.1:99999`]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe('picket: --connect-to: port must be from 1 to 65535, in "example.test:443:127.0.0.1:99999"');
  });

  it('run: the monitors come up through the rule', async () => {
    const config = await writeConfig('run.json', {
      // Keep the offline guard's reference on loopback: tests never reach the internet.
      settings: { referenceTarget: `127.0.0.1:${server.port}` },
      monitors: monitors(),
    });
    const child = startCliProcessGroup(['run', '--config', config, '--data', path.join(dir, 'data'), '--json', '--connect-to', `example.test:443:127.0.0.1:${server.port}`]);
    const up = new Set<string>();
    let buffer = '';
    const allUp = new Promise<void>((resolve) => {
      child.stdout?.on('data', (data: Buffer) => {
        buffer += String(data);
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffer.slice(0, newline)) as { type?: string; to?: string; monitorId?: string };
          buffer = buffer.slice(newline + 1);
          if (line.type === 'state' && line.to === 'up' && line.monitorId !== undefined) up.add(line.monitorId);
          if (up.size === 3) resolve();
        }
      });
    });
    const finished = collect(child);
    try {
      await Promise.race([allUp, finished.then((r) => Promise.reject(new Error(`run ended early (${r.code}): ${r.stderr}`)))]);
    } finally {
      interruptGroup(child);
    }
    const result = await finished;
    expect(result.code, result.stderr).toBe(0);
    expect([...up].sort()).toEqual(['cert', 'port', 'site']);
  });
});
