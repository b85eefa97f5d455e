// --ca trusts a private CA for every monitor of check and run (and serve), not only Matrix discovery: a server
// whose certificate comes from that CA is up with the flag and "not trusted" without it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validCert, writeCaFile } from '../fixtures/certificates.ts';
import { startHttpsServer, type TestServer } from '../fixtures/http-servers.ts';
import { runCli } from './cli-process.ts';

let dir: string;
let server: TestServer;
let caFile: string;
let config: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-ca-flag-'));
  server = await startHttpsServer(await validCert(), (_req, res) => res.end('ok'));
  caFile = await writeCaFile();
  config = path.join(dir, 'config.json');
  await writeFile(
    config,
    JSON.stringify({
      version: 1,
      monitors: [
        { id: 'web', name: 'Web', type: 'http', url: `https://127.0.0.1:${server.port}/` },
        { id: 'cert', name: 'Certificate', type: 'tls', host: '127.0.0.1', port: server.port },
      ],
    }),
  );
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

type Row = { id: string; status: string; message: string; certificate: { trusted: boolean } | null };

describe('check --ca', () => {
  it('trusts the private CA for every monitor', async () => {
    const { code, stdout, stderr } = await runCli(['check', '--config', config, '--json', '--ca', caFile]);
    expect(code, stderr).toBe(0);
    const rows = (JSON.parse(stdout) as { results: Row[] }).results;
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      ['web', 'up'],
      ['cert', 'up'],
    ]);
    expect(rows.find((row) => row.id === 'cert')?.certificate?.trusted).toBe(true);
  });

  it('without it the same servers are not trusted', async () => {
    const { code, stdout } = await runCli(['check', '--config', config, '--json']);
    expect(code).toBe(2);
    const rows = (JSON.parse(stdout) as { results: Row[] }).results;
    expect(rows.find((row) => row.id === 'web')?.message).toMatch(/not trusted/);
  });

  it('names the flag when the file is no CA', async () => {
    const { code, stderr } = await runCli(['check', '--config', config, '--ca', config]);
    expect(code).toBe(3);
    expect(stderr.split('\n')[0]).toBe(`picket: --ca: "${config}" holds no PEM certificate`);
  });
});
