// Installs the network guard in every test worker and in every process a test starts (through NODE_OPTIONS),
// and fails the test during which anything tried to reach beyond loopback.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

// An absolute path from vitest.config.ts: under happy-dom, import.meta.url is not a file URL.
const GUARD = process.env.PICKET_NETWORK_GUARD ?? path.resolve('test/setup/network-guard.mjs');
const log = path.join(mkdtempSync(path.join(tmpdir(), 'picket-guard-')), 'violations.log');
writeFileSync(log, '');
process.env.PICKET_NETWORK_GUARD_LOG = log;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import "${GUARD}"`.trim();
await import('./network-guard.mjs');
// Test servers on free 127.0.0.1 ports only, so the suite passes as any user on any OS.
await import('./portable-binds.mjs');

/** What was refused since the last call, in this process and in its children; the guard's own test drains it. */
export function takeNetworkGuardViolations(): string[] {
  const all = readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
  writeFileSync(log, '');
  return all;
}

afterEach(() => {
  const all = takeNetworkGuardViolations();
  if (all.length > 0) throw new Error(`This test tried to reach beyond loopback:\n${all.join('\n')}`);
});
