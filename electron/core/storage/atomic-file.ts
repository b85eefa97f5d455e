// The one atomic writer: after a crash or a power cut a file holds its old content or its new content, never
// half of each. write-file-atomic writes a temp file beside the target, fsyncs it, renames it over the target,
// and removes the temp file when anything fails (a full disk included). On top of it, Picket's files are its
// owner's alone (0600) unless told otherwise, and the folder is fsynced too, so the rename itself is on disk.
// Errors keep their code (ENOSPC, EMFILE…): callers tell Picket's own trouble apart with health/own-failures.ts.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomicPackage from 'write-file-atomic';

export interface AtomicWriteOptions {
  /** Permission bits of the file. Default 0o600: what Picket writes (history, channels, tokens) is private. */
  mode?: number;
  /** Who owns the file; by default the old file's owner (kept when root rewrites a user's file). */
  chown?: { uid: number; gid: number };
}

const PRIVATE_MODE = 0o600;

// A fresh object per call: write-file-atomic fills in the options it is given (the old file's mode and owner).
function packageOptions(options: AtomicWriteOptions): writeFileAtomicPackage.Options {
  return { encoding: 'utf8', fsync: true, mode: options.mode ?? PRIVATE_MODE, ...(options.chown ? { chown: { ...options.chown } } : {}) };
}

/** Resolves to the bytes written, for the history's write statistics. */
export async function writeFileAtomic(filePath: string, data: string, options: AtomicWriteOptions = {}): Promise<number> {
  await writeFileAtomicPackage(filePath, data, packageOptions(options));
  await syncDirectory(path.dirname(filePath));
  return Buffer.byteLength(data, 'utf8');
}

/** The same, blocking: for start-up, and for the outbox, which must hold a message on disk before sending it. */
export function writeFileAtomicSync(filePath: string, data: string, options: AtomicWriteOptions = {}): void {
  writeFileAtomicPackage.sync(filePath, data, packageOptions(options));
  syncDirectorySync(path.dirname(filePath));
}

/** Makes a rename durable. Best effort: some platforms (Windows) cannot open or fsync a folder, harmless there. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not every platform supports fsync on a folder.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function syncDirectorySync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // As above: best effort.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

// write-file-atomic's temp file is "<name>.<32-bit number>"; the writers before it left "<name>.<pid>.<n>.tmp"
// and ".<name>.<pid>.<hex>.tmp", which a crash before an upgrade may still have left behind.
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether name is the temp file of an atomic write of forFile (a file name, not a path). */
export function isTempFileOf(name: string, forFile: string): boolean {
  const base = escapeRegExp(forFile);
  return new RegExp(`^${base}\\.\\d+$|^\\.?${base}\\..+\\.tmp$`).test(name);
}

/** Removes the temp files an interrupted write of forFile left in dir; the target itself is intact. */
export async function removeStaleTempFiles(dir: string, forFile: string): Promise<void> {
  for (const name of await fsp.readdir(dir)) {
    if (isTempFileOf(name, forFile)) await fsp.unlink(path.join(dir, name)).catch(() => undefined);
  }
}
