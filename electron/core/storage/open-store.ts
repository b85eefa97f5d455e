// Opens <dir>/picket.json: migrates old layouts, recovers damaged files (moving the original aside, never
// wiping it), moves the engine's bookkeeping from older files to picket.state.json, then holds it all in memory.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomicSync } from './atomic-file.ts';
import { copyAside, moveAside } from './corrupt-file.ts';
import { MemoryMonitorStore, type MemoryStoreOptions, type MonitorStore, type StoreFiles } from './monitor-store.ts';
import { readRuntimeState, serializeRuntimeState, STATE_NAME } from './runtime-state-file.ts';
import { UnusableStoreError, emptyStoreDocument, recoverDocument, type DroppedMonitor, type RecoveredDocument } from './recover-document.ts';
import { STORE_NAME, serializeStoreDocument, type FieldProblem, type StoreDocument } from './store-document.ts';

export interface StoreOpenReport {
  /** Something in picket.json was unusable: it was moved aside and the rest (or the backup) used. */
  recovered: boolean;
  /** Where the original picket.json now is, byte for byte. */
  movedAsideTo?: string;
  droppedMonitors: DroppedMonitor[];
  /** The schemaVersion the file had before it was migrated to the current one. */
  migratedFrom?: number;
  /** Settings and other fields reset to defaults (or dropped as unknown), each with its reason. */
  resetFields: FieldProblem[];
  /** Why picket.json could not be used at all, when it could not. */
  problem?: string;
  /** Where the monitors came from when picket.json could not be used at all. */
  restoredFrom?: 'backup' | 'empty';
  /** A copy of the file as it was before migration, so an older Picket can still be run on it. */
  preMigrationCopy?: string;
  /** picket.state.json was unusable: moved here, and the engine's bookkeeping started afresh. */
  stateMovedAsideTo?: string;
}

export function storePaths(dir: string): StoreFiles {
  return {
    file: path.join(dir, `${STORE_NAME}.json`),
    backup: path.join(dir, `${STORE_NAME}.backup.json`),
    state: path.join(dir, `${STATE_NAME}.json`),
  };
}

type FileRead = { kind: 'missing' } | { kind: 'text'; text: string } | { kind: 'unreadable'; reason: string };

function readStoreFile(filePath: string): FileRead {
  try {
    return { kind: 'text', text: fs.readFileSync(filePath, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: `cannot be read (${code ?? String(error)})` };
  }
}

/** Parses and recovers a file's content; returns the reason instead when nothing in it is usable. */
function salvage(read: FileRead): RecoveredDocument | string {
  if (read.kind === 'missing') return 'does not exist';
  if (read.kind === 'unreadable') return read.reason;
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch (error) {
    return `is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  try {
    return recoverDocument(parsed);
  } catch (error) {
    if (error instanceof UnusableStoreError) return error.message;
    throw error; // NewerStoreVersionError: leave a newer Picket's file untouched
  }
}

export interface OpenStoreOptions extends MemoryStoreOptions {
  now?: () => number;
}

export function openStore(dir: string, options: OpenStoreOptions = {}): { store: MonitorStore; report: StoreOpenReport } {
  const now = options.now ?? Date.now;
  const paths = storePaths(dir);
  fs.mkdirSync(dir, { recursive: true });
  const read = readStoreFile(paths.file);
  const salvaged = salvage(read);
  const report: StoreOpenReport = { recovered: false, droppedMonitors: [], resetFields: [] };
  let document: StoreDocument;
  let rewrite = true;

  if (read.kind === 'missing') {
    document = emptyStoreDocument();
  } else if (typeof salvaged === 'string') {
    report.recovered = true;
    report.problem = `${paths.file} ${salvaged}`;
    report.movedAsideTo = moveAside(paths.file, STORE_NAME, now());
    const fromBackup = salvage(readStoreFile(paths.backup));
    if (typeof fromBackup === 'string') {
      report.restoredFrom = 'empty';
      // A damaged backup would be overwritten by the next save: keep its bytes too.
      if (fs.existsSync(paths.backup)) moveAside(paths.backup, `${STORE_NAME}.backup`, now());
      document = emptyStoreDocument();
    } else {
      report.restoredFrom = 'backup';
      report.droppedMonitors = fromBackup.droppedMonitors;
      report.resetFields = fromBackup.resetFields;
      document = fromBackup.document;
    }
  } else {
    document = salvaged.document;
    report.droppedMonitors = salvaged.droppedMonitors;
    report.resetFields = salvaged.resetFields;
    if (salvaged.migratedFrom !== undefined) report.migratedFrom = salvaged.migratedFrom;
    if (salvaged.droppedMonitors.length > 0 || salvaged.resetFields.length > 0) {
      report.recovered = true;
      report.movedAsideTo = moveAside(paths.file, STORE_NAME, now());
    } else if (salvaged.migratedFrom !== undefined) {
      report.preMigrationCopy = copyAside(paths.file, STORE_NAME, `v${salvaged.migratedFrom}`, now());
    } else {
      // Already clean: rewrite only if validation filled in something (a setting added since).
      rewrite = read.kind === 'text' && !isDeepStrictEqual(JSON.parse(read.text), document);
    }
  }

  const runtime = openRuntimeState(paths.state, document.runtime, now, report);
  // The bookkeeping now lives in picket.state.json (written just above when it came from here).
  if (document.runtime !== undefined) {
    delete document.runtime;
    rewrite = true;
  }
  const text = serializeStoreDocument(document);
  if (rewrite) writeFileAtomicSync(paths.file, text);
  writeFileAtomicSync(paths.backup, text);
  return { store: new MemoryMonitorStore(document, runtime, paths, options), report };
}

/**
 * The engine's bookkeeping: picket.state.json, merged over what an older picket.json still holds (an older
 * Picket run in between may have added to it). Written before picket.json loses its copy, so nothing is lost.
 */
function openRuntimeState(
  statePath: string,
  fromConfig: Record<string, unknown> | undefined,
  now: () => number,
  report: StoreOpenReport,
): Record<string, unknown> {
  const read = readRuntimeState(statePath, now);
  if (read.kind === 'damaged') report.stateMovedAsideTo = read.movedAsideTo;
  const runtime = { ...fromConfig, ...(read.kind === 'state' ? read.runtime : {}) };
  if (fromConfig !== undefined || read.kind !== 'state') writeFileAtomicSync(statePath, serializeRuntimeState(runtime));
  return runtime;
}
