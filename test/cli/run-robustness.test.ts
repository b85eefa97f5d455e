// `picket run` on a machine that misbehaves. A disk that fills up and frees again: one clear problem on stderr
// and a PROBLEM line, no result lost, and Ctrl-C afterwards flushes, closes and exits 0. The full disk is an
// injected ENOSPC (test/fixtures/full-disk.mjs) on every write of the process, history and picket.json alike.
// Damaged state files: start-up succeeds and says what was moved aside.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../electron/core/history/history-store.ts';
import { startHttpServer, type TestServer } from '../fixtures/http-servers.ts';
import { collect, interruptGroup, PICKET_BUNDLE, PROJECT_ROOT } from './cli-process.ts';

let dir: string;
let site: TestServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-run-full-'));
  site = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
});

afterAll(async () => {
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the child has printed `text` on stderr: start-up under tsx takes seconds on a loaded machine. */
function stderrShows(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    child.stderr?.on('data', (data: Buffer) => {
      seen += String(data);
      if (seen.includes(text)) resolve();
    });
  });
}

describe('run on a machine that misbehaves', () => {
  it('keeps every result, says so once, and shuts down cleanly with exit 0 once space is back', { timeout: 60_000 }, async () => {
    const config = path.join(dir, 'config.json');
    const dataDir = path.join(dir, 'data');
    const flag = path.join(dir, 'disk-full');
    await writeFile(
      config,
      JSON.stringify({
        version: 1,
        settings: { referenceTarget: `127.0.0.1:${site.port}` },
        monitors: [{ id: 'site', name: 'Site', type: 'http', url: `${site.url}/`, intervalSeconds: 1, timeoutSeconds: 1 }],
      }),
    );
    const preload = path.join(PROJECT_ROOT, 'test/fixtures/full-disk.mjs');
    const child = spawn(process.execPath, [PICKET_BUNDLE, 'run', '--config', config, '--data', dataDir], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, PICKET_TEST_DISK_FULL: flag, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import "${preload}"` },
    });
    const finished = collect(child);
    await stderrShows(child, 'picket: watching');
    await sleep(3_000);
    await writeFile(flag, '');
    await sleep(4_000);
    await rm(flag);
    await sleep(3_000);
    interruptGroup(child);
    const run = await finished;

    expect(run.stderr).toMatch(/picket: problem: cannot write history: the disk is full \(ENOSPC\); new results wait in memory/);
    expect(run.stderr).toMatch(/picket: resolved: cannot write history: the disk is full/);
    expect(run.stderr.match(/picket: problem: cannot write history/g)).toHaveLength(1);
    expect(run.stdout).toMatch(/PROBLEM cannot write history: the disk is full/);
    expect(run.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    // No temp file of an atomic write left behind (write-file-atomic names them "<name>.<number>").
    expect((await readdir(path.join(dataDir, 'history', 'state'))).filter((name) => /\.(\d+|tmp)$/.test(name))).toEqual([]);

    // No gap: one result about every second, before, during and after the full disk.
    const history = await HistoryStore.open(path.join(dataDir, 'history'));
    const results = await history.results('site', 0, Number.POSITIVE_INFINITY);
    await history.close();
    expect(results.length).toBeGreaterThanOrEqual(7);
    const gaps = results.slice(1).map((result, i) => result.at - (results[i]?.at ?? 0));
    expect(Math.max(...gaps)).toBeLessThan(2_500);
    expect(results.every((result) => result.status === 'up')).toBe(true);
  });

  it('starts with every history state file damaged, reports each one, and exits 0', { timeout: 30_000 }, async () => {
    const config = path.join(dir, 'config-damaged.json');
    const dataDir = path.join(dir, 'data-damaged');
    await writeFile(config, JSON.stringify({ version: 1, settings: { referenceTarget: `127.0.0.1:${site.port}` }, monitors: [{ id: 'site', name: 'Site', type: 'http', url: `${site.url}/` }] }));
    await mkdir(path.join(dataDir, 'history', 'state'), { recursive: true });
    await writeFile(path.join(dataDir, 'history', 'state', 'checkpoint.json'), '{"cycle":3,"lastSeq":');
    await writeFile(path.join(dataDir, 'history', 'state', 'journal.json'), 'garbage');
    await writeFile(path.join(dataDir, 'history', 'state', 'recent.json'), '[]');
    const child = spawn(process.execPath, [PICKET_BUNDLE, 'run', '--config', config, '--data', dataDir], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const finished = collect(child);
    await stderrShows(child, 'picket: watching');
    interruptGroup(child);
    const run = await finished;
    for (const file of ['checkpoint.json', 'journal.json', 'recent.json']) expect(run.stderr).toContain(`picket: problem: history file ${file} was damaged`);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    expect((await readdir(path.join(dataDir, 'history', 'state'))).filter((name) => name.includes('.corrupt-'))).toHaveLength(3);
  });
});
