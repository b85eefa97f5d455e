// Closed raw segments are gzipped: result lines repeat the same keys and monitor names, so a day shrinks many-fold.
// Crash-safe at every step: the .gz is streamed to a temp file, fsynced and renamed into place, and only then is
// the plain file removed. After a crash there is the plain file, a complete .gz, or both (readers then take the
// .gz, and the next run removes the plain file); a leftover temp file is deleted.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { syncDirectory } from '../storage/atomic-file.ts';
import type { RawPosition } from './raw-log.ts';
import { COMPRESSED_SUFFIX, segmentSpan } from './time-buckets.ts';

const TEMP_FILE = /^\d{4}-\d{2}-\d{2}\.ndjson\.gz\..+\.tmp$/;
let tempCounter = 0;

export interface CompressionRun {
  /** Plain segment names compressed by this run. */
  compressed: string[];
  /** A closed segment was left plain because the checkpoint does not cover its end yet: run again after the next one. */
  waiting: boolean;
}

/**
 * Compresses every raw segment named before closedBefore (no result is appended to those again) whose results
 * the committed checkpoint already covers, so that replay after a crash never has to start inside it.
 */
export async function compressClosedSegments(resultsDir: string, closedBefore: string, checkpoint: RawPosition | undefined): Promise<CompressionRun> {
  const run: CompressionRun = { compressed: [], waiting: false };
  let names: string[];
  try {
    names = await readdir(resultsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return run;
    throw error;
  }
  const present = new Set(names);
  for (const name of names.sort()) {
    if (TEMP_FILE.test(name)) {
      // A compression a crash interrupted before its rename: the plain segment is intact.
      await removeFile(join(resultsDir, name));
      continue;
    }
    if (segmentSpan(name)?.kind !== 'raw' || name.endsWith(COMPRESSED_SUFFIX)) continue;
    const path = join(resultsDir, name);
    if (present.has(name + COMPRESSED_SUFFIX)) {
      // A crash between the rename and the unlink; a .gz only ever appears complete, so it wins.
      await removeFile(path);
      await syncDirectory(resultsDir);
      continue;
    }
    if (name >= closedBefore) continue;
    if (!(await checkpointCovers(checkpoint, name, path))) {
      run.waiting = true;
      continue;
    }
    await compressSegment(resultsDir, name);
    run.compressed.push(name);
  }
  return run;
}

async function checkpointCovers(checkpoint: RawPosition | undefined, name: string, path: string): Promise<boolean> {
  if (!checkpoint || checkpoint.segment < name) return false;
  if (checkpoint.segment > name) return true;
  return checkpoint.offset >= (await stat(path)).size;
}

async function compressSegment(resultsDir: string, name: string): Promise<void> {
  const source = join(resultsDir, name);
  const target = source + COMPRESSED_SUFFIX;
  const temp = `${target}.${process.pid}.${++tempCounter}.tmp`;
  try {
    await pipeline(createReadStream(source), createGzip(), createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await removeFile(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(resultsDir);
  await removeFile(source);
  await syncDirectory(resultsDir);
}

async function removeFile(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
