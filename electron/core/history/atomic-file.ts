// Whole-file writes that a crash cannot tear: write a temp file, fsync it, rename it over the old one, fsync the folder.
import { open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX = '.tmp';
let tempCounter = 0;

/** Returns the bytes written, for the store's write statistics. */
export async function writeFileAtomic(path: string, data: string): Promise<number> {
  const temp = `${path}.${process.pid}.${++tempCounter}${TEMP_SUFFIX}`;
  const handle = await open(temp, 'w', 0o600);
  try {
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    // A full disk must not also leave a half-written temp file behind.
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
  return Buffer.byteLength(data, 'utf8');
}

/** Makes the rename itself durable; some platforms (Windows) cannot open a folder, which is harmless there. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: not every platform supports fsync on a directory.
  } finally {
    await handle?.close();
  }
}

/** The parsed JSON in path, or undefined when the file does not exist. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** Temp files left by a write that a crash interrupted; the renamed originals are intact. */
export async function removeStaleTempFiles(dir: string, forFile: string): Promise<void> {
  const prefix = `${basename(forFile)}.`;
  for (const name of await readdir(dir)) {
    if (name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX)) await unlink(join(dir, name)).catch(() => undefined);
  }
}
