import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../electron/cli/main.ts';
import { writeKumaDatabase } from '../fixtures/uptime-kuma-db.ts';
import { runCli } from './cli-process.ts';

const GATUS_CONFIG = fileURLToPath(new URL('../fixtures/gatus/config.yaml', import.meta.url));
let dir: string;
let kumaDb: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

async function storedMonitors(dataDir: string): Promise<Array<{ id: string; name: string; type: string }>> {
  return (JSON.parse(await readFile(path.join(dataDir, 'picket.json'), 'utf8')) as { monitors: Array<{ id: string; name: string; type: string }> }).monitors;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-import-cli-'));
  kumaDb = path.join(dir, 'kuma.db');
  writeKumaDatabase(kumaDb, [
    { id: 1, name: 'Website', type: 'http', url: 'https://example.test/', expiry_notification: 0 },
    { id: 2, name: 'Router', type: 'ping', hostname: '192.0.2.1' },
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('picket import', () => {
  it('--dry-run --json prints what would be imported and writes nothing', async () => {
    const dataDir = path.join(dir, 'dry');
    const run = await cli(['import', '--from', 'uptime-kuma', kumaDb, '--data', dataDir, '--dry-run', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      imported: 1,
      skipped: [{ name: 'Router', reason: 'Uptime Kuma\'s "ping" monitors have no Picket equivalent (Picket checks http, tcp and tls)' }],
    });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('shows the preview in words on a dry run', async () => {
    const run = await cli(['import', '--from', 'gatus', GATUS_CONFIG, '--data', path.join(dir, 'dry2'), '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^5 monitors will be imported, 5 things cannot be, and why:\n/);
    expect(run.stdout).toContain('  - router: icmp:// endpoints have no Picket equivalent');
    expect(run.stdout).toContain('Dry run: nothing was written.');
  });

  it('imports into DIR next to what is there, and a second import replaces its own monitors instead of copying them', async () => {
    const dataDir = path.join(dir, 'data');
    await cli(['import', '--from', 'gatus', GATUS_CONFIG, '--data', dataDir, '--json']);
    const first = await cli(['import', '--from', 'uptime-kuma', kumaDb, '--data', dataDir, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ imported: 1 });
    const again = await cli(['import', '--from', 'uptime-kuma', kumaDb, '--data', dataDir]);
    expect(again.stdout).toContain('1 monitor was imported, 1 thing cannot be, and why:');
    expect(again.stdout).toContain('(1 replacing monitors imported from this Uptime Kuma before)');
    const ids = (await storedMonitors(dataDir)).map((m) => m.id);
    expect(ids).toEqual(['gatus-website', 'gatus-website-certificate', 'gatus-api', 'gatus-database', 'gatus-mail-certificate', 'kuma-website']);
  });

  it('exits 3 naming the file when it cannot be read, and 1 when nothing in it can be imported', async () => {
    const missing = await cli(['import', '--from', 'gatus', path.join(dir, 'nope.yaml'), '--data', path.join(dir, 'x')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe(`picket: ${path.join(dir, 'nope.yaml')} does not exist\n`);
    const onlyPing = path.join(dir, 'ping.db');
    writeKumaDatabase(onlyPing, [{ id: 1, name: 'Router', type: 'ping', hostname: '192.0.2.1' }]);
    const nothing = await cli(['import', '--from', 'uptime-kuma', onlyPing, '--data', path.join(dir, 'y'), '--json']);
    expect(nothing.code).toBe(1);
    expect(JSON.parse(nothing.stdout)).toMatchObject({ imported: 0 });
    expect(existsSync(path.join(dir, 'y'))).toBe(false);
  });

  it('refuses an unknown --from, naming the flag', async () => {
    const run = await cli(['import', '--from', 'nagios', kumaDb, '--data', path.join(dir, 'z')]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--from: "nagios" is not a tool Picket imports from; use uptime-kuma or gatus');
  });

  it('runs as `npm run --silent cli -- import …`', async () => {
    const run = await runCli(['import', '--from', 'uptime-kuma', kumaDb, '--data', path.join(dir, 'npm'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ imported: 1 });
    expect((await storedMonitors(path.join(dir, 'npm'))).map((m) => m.id)).toEqual(['kuma-website']);
  });
});
