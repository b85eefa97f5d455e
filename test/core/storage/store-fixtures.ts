// Temp folders and sample monitors for the storage tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore as openRealStore, type MonitorStore, type OpenStoreOptions, type StoreOpenReport } from '../../../electron/core/storage/index.ts';
import { parseMonitor } from '../../../electron/shared/config-validation.ts';
import type { Monitor } from '../../../electron/shared/types.ts';

const made: string[] = [];

export function tempStoreDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'picket-store-'));
  made.push(dir);
  return dir;
}

const opened: MonitorStore[] = [];

/** openStore, remembered so its pending writes land before its folder is removed. */
export function openStore(dir: string, options?: OpenStoreOptions): { store: MonitorStore; report: StoreOpenReport } {
  const result = openRealStore(dir, options);
  opened.push(result.store);
  return result;
}

export async function removeTempStoreDirs(): Promise<void> {
  await Promise.allSettled(opened.splice(0).map((store) => store.flush()));
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export const httpMonitor: Monitor = parseMonitor({
  id: 'web',
  type: 'http',
  name: 'Web front',
  url: 'http://127.0.0.1:8080/health',
  keyword: 'ok',
  headers: { 'x-probe': 'picket' },
  group: 'site',
});
export const tcpMonitor: Monitor = parseMonitor({ id: 'db', type: 'tcp', host: '127.0.0.1', port: 5432 });
export const tlsMonitor: Monitor = parseMonitor({ id: 'cert.example', type: 'tls', host: 'localhost', port: 8443, expiryWarningDays: [7, 30] });

/** A fixed clock: 2024-05-01T12:00:00.000Z. */
export const FIXED_NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
export const FIXED_STAMP = '2024-05-01T12-00-00.000Z';

export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
