#!/usr/bin/env node
// `npm run cli` and `npm run serve` build only when a source is newer than what is built, so a warm start
// skips the build entirely. Plain JavaScript: it runs before anything is compiled.
//   node build/scripts/ensure-built.mjs cli     the command-line bundle
//   node build/scripts/ensure-built.mjs serve   the command-line bundle and the dashboard
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TARGETS = {
  cli: {
    output: 'out/cli/picket.mjs',
    sources: ['electron/cli', 'electron/core', 'electron/shared', 'electron/web', 'package.json', 'vite.cli.config.ts'],
    build: ['vite', 'build', '-c', 'vite.cli.config.ts', '--logLevel', 'error'],
  },
  dashboard: {
    output: 'out/renderer/index.html',
    sources: ['renderer', 'electron/shared', 'electron/main', 'electron/preload', 'package.json', 'electron.vite.config.ts'],
    build: ['electron-vite', 'build', '--logLevel', 'error'],
  },
};

/** The newest modification time under a file or folder, in ms; 0 when it does not exist. */
function newest(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

function ensure(name) {
  const target = TARGETS[name];
  const builtAt = newest(path.join(root, target.output));
  const changedAt = Math.max(...target.sources.map((source) => newest(path.join(root, source))));
  if (builtAt > 0 && builtAt >= changedAt) return;
  const [command, ...args] = target.build;
  // Build output goes to stderr: serve's first line on stdout must stay its address.
  const result = spawnSync(path.join(root, 'node_modules/.bin', command), args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write(`picket: building ${name} failed (${result.error?.message ?? `exit ${result.status}`})\n`);
    process.exit(result.status ?? 1);
  }
}

const wanted = process.argv[2] === 'serve' ? ['cli', 'dashboard'] : ['cli'];
for (const name of wanted) ensure(name);
