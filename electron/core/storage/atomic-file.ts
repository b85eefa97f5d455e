// Writes a file so a crash or power cut leaves either the old or the new content, never half of each.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

function tempPathFor(filePath: string): string {
  return path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes to a temporary file in the same folder, flushes it to disk, then renames it over the target. */
export function writeFileAtomic(filePath: string, data: string): void {
  const tempPath = tempPathFor(filePath);
  try {
    const fd = fs.openSync(tempPath, 'w', 0o600);
    try {
      fs.writeFileSync(fd, data, 'utf8');
      // Without fsync the rename can reach the disk before the data does.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tempPath, filePath);
  } catch (error) {
    fs.rmSync(tempPath, { force: true });
    throw error;
  }
}

/** The same, off the event loop: what the store uses for every write after opening. */
export async function writeFileAtomicAsync(filePath: string, data: string): Promise<void> {
  const tempPath = tempPathFor(filePath);
  try {
    const handle = await fsp.open(tempPath, 'w', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(tempPath, filePath);
  } catch (error) {
    await fsp.rm(tempPath, { force: true });
    throw error;
  }
}
