// The `picket` program as users get it: the built bundle, through package.json's bin (npm link or
// npm install -g .), and through `npm run cli`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PICKET_BUNDLE, PROJECT_ROOT, runCli } from './cli-process.ts';

const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

/** A Node older than the project's minimum, when the machine has one (Debian's own node, say). */
function olderNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim();
    const [major = 99, minor = 99] = (version ?? '').split('.').map(Number);
    if (version && (major < 22 || (major === 22 && minor < 12))) return candidate;
  }
  return undefined;
}

describe('the built picket command', () => {
  it('is plain JavaScript with a shebang, executable, and named by package.json bin', () => {
    expect(path.join(PROJECT_ROOT, pkg.bin.picket ?? '')).toBe(PICKET_BUNDLE);
    expect(readFileSync(PICKET_BUNDLE, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(PICKET_BUNDLE, constants.X_OK)).not.toThrow();
  });

  it.skipIf(olderNode() === undefined)('says which Node it needs on an older one, instead of a stack trace (skipped without an older Node here)', () => {
    const result = spawnSync(olderNode() as string, [PICKET_BUNDLE, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/^picket: needs Node 22\.12 or newer; this is Node \d+\.\d+\.\d+\n$/);
  });

  it('prints its version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`picket ${pkg.version}\n`);
  });

  it('runs as `picket` once installed globally (a symlink on PATH, as npm link makes)', async () => {
    const prefix = await mkdtemp(path.join(tmpdir(), 'picket-global-'));
    try {
      const install = spawnSync('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, PROJECT_ROOT], { encoding: 'utf8' });
      expect(install.status, install.stderr).toBe(0);
      const picket = spawnSync(path.join(prefix, 'bin', 'picket'), ['--version'], { encoding: 'utf8' });
      expect(picket.stdout).toBe(`picket ${pkg.version}\n`);
    } finally {
      await rm(prefix, { recursive: true, force: true });
    }
  });

  it('runs through `npm run --silent cli --` without rebuilding when the build is current', () => {
    const builtAt = statSync(PICKET_BUNDLE).mtimeMs;
    const result = spawnSync('npm', ['run', '--silent', 'cli', '--', '--version'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`picket ${pkg.version}\n`);
    expect(result.stderr).toBe('');
    expect(statSync(PICKET_BUNDLE).mtimeMs).toBe(builtAt);
  });
});
