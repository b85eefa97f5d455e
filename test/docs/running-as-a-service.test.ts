// docs/running-as-a-service.md: its systemd unit passes `systemd-analyze verify` (where systemd is installed),
// and the flags its examples use are the ones `picket --help` documents.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../electron/cli/main.ts';
import { EXIT_INVALID } from '../../electron/cli/exit-codes.ts';
import { PROJECT_ROOT } from '../cli/cli-process.ts';

const DOC = readFileSync(path.join(PROJECT_ROOT, 'docs/running-as-a-service.md'), 'utf8');
const UNIT_MARKER = '# /etc/systemd/system/picket.service\n';
const SYSTEMD_ANALYZE = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((candidate) => existsSync(candidate));
const SKIPPED = SYSTEMD_ANALYZE ? '' : ' (skipped: systemd-analyze is not installed here; the unit is checked where systemd is)';

function unitFromDoc(): string {
  const block = /```ini\n([\s\S]*?)```/.exec(DOC)?.[1];
  if (block === undefined || !block.startsWith(UNIT_MARKER)) throw new Error(`docs/running-as-a-service.md: no \`\`\`ini block starting with "${UNIT_MARKER.trim()}"`);
  return block;
}

/** systemd-analyze verify on a copy named picket.service; warnings (unknown keys, bad values) count as failures. */
async function verify(unit: string): Promise<{ status: number | null; output: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'picket-unit-'));
  try {
    const file = path.join(dir, 'picket.service');
    await writeFile(file, unit);
    const run = spawnSync(SYSTEMD_ANALYZE ?? 'systemd-analyze', ['verify', file], { encoding: 'utf8', timeout: 15_000 });
    return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('docs/running-as-a-service.md', () => {
  it('runs picket serve with a fixed port, does not restart on exit 3, and keeps the tokened URL out of the journal', () => {
    const unit = unitFromDoc();
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/env picket serve --data \$\{STATE_DIRECTORY\} --port 8080$/m);
    expect(unit).toContain(`RestartPreventExitStatus=${EXIT_INVALID}`);
    expect(unit).toContain('StandardOutput=null');
  });

  it.skipIf(!SYSTEMD_ANALYZE)(`its systemd unit passes systemd-analyze verify without a warning${SKIPPED}`, async () => {
    expect(await verify(unitFromDoc())).toEqual({ status: 0, output: '' });
    // The check can fail: a misspelt key and a bad value are reported.
    const broken = await verify(unitFromDoc().replace('ProtectHome=yes', 'ProtectHomes=yes').replace('Restart=on-failure', 'Restart=sometimes'));
    expect(broken.output).toContain("Unknown key 'ProtectHomes'");
    expect(broken.output).toContain('sometimes');
  });

  it('uses only flags that picket --help documents', () => {
    const commands = DOC.split('\n').filter((line) => /^(sudo )?picket /.test(line));
    const flags = new Set(commands.flatMap((line) => line.match(/--[a-z-]+/g) ?? []));
    expect(flags).toContain('--public-url');
    for (const flag of flags) expect(USAGE, flag).toContain(`${flag} `);
  });
});
