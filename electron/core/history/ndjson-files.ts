// Append-only newline-delimited JSON files: whole lines appended, a torn last line ignored on read.
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { constants, gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/**
 * A damaged .gz (disk trouble; a crash cannot leave one, see raw-compression.ts) must not stop history from
 * opening: what decodes before the damage is kept, the loss is reported, and the file stays for inspection.
 */
async function gunzipWhatWeCan(path: string, buffer: Buffer): Promise<Buffer> {
  try {
    return await gunzipAsync(buffer);
  } catch (error) {
    let readable: Buffer = Buffer.alloc(0);
    try {
      readable = await gunzipAsync(buffer, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      // Nothing decodes at all: no lines from this file.
    }
    console.error(`picket: ${path} is damaged (${(error as Error).message}); kept the ${readable.length} bytes that could be read`);
    return readable;
  }
}

interface OpenFile {
  handle: FileHandle;
  size: number;
  dirty: boolean;
}

/** Keeps append handles open across flushes and counts what it writes. */
export class AppendFiles {
  private readonly files = new Map<string, OpenFile>();
  bytesWritten = 0;
  writes = 0;

  /** Appends text (whole lines, ending in "\n"); returns the file's size afterwards. */
  async append(path: string, text: string): Promise<number> {
    const file = await this.openFile(path);
    const bytes = Buffer.from(text, 'utf8');
    try {
      const { bytesWritten } = await file.handle.write(bytes, 0, bytes.length, null);
      if (bytesWritten < bytes.length) throw Object.assign(new Error(`ENOSPC: only ${bytesWritten} of ${bytes.length} bytes written to ${path}`), { code: 'ENOSPC' });
    } catch (error) {
      // Cut a partly written batch off again, so a retry does not leave a torn line in the middle of the file.
      await file.handle.truncate(file.size).catch(() => undefined);
      throw error;
    }
    file.size += bytes.length;
    file.dirty = true;
    this.bytesWritten += bytes.length;
    this.writes += 1;
    return file.size;
  }

  /** Size of a file as this process knows it: what it appended, or what is on disk. */
  async size(path: string): Promise<number> {
    const file = this.files.get(path);
    if (file) return file.size;
    try {
      return (await stat(path)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }

  /** fsync every file appended to since the last sync. */
  async sync(): Promise<void> {
    for (const file of this.files.values()) {
      if (!file.dirty) continue;
      await file.handle.sync();
      file.dirty = false;
    }
  }

  /** Closes handles except those in keep: a day's segment is never appended to again once the day is over. */
  async closeExcept(keep: ReadonlySet<string>): Promise<void> {
    for (const [path, file] of this.files) {
      if (keep.has(path)) continue;
      this.files.delete(path);
      if (file.dirty) await file.handle.sync();
      await file.handle.close();
    }
  }

  async closeAll(): Promise<void> {
    await this.closeExcept(new Set());
  }

  private async openFile(path: string): Promise<OpenFile> {
    const existing = this.files.get(path);
    if (existing) return existing;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const handle = await open(path, 'a+', 0o600);
    // A file from an older version may be readable by others; history is the user's alone.
    await handle.chmod(0o600).catch(() => undefined);
    const file: OpenFile = { handle, size: (await handle.stat()).size, dirty: false };
    this.files.set(path, file);
    // A crash can leave half a line at the end; end it so our first line does not glue onto it.
    if (file.size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, file.size - 1);
      if (last[0] !== 0x0a) await this.append(path, '\n');
    }
    return file;
  }
}

export interface NdjsonReadOptions {
  /** Byte offset to start reading at (a line start); for a .gz file, an offset in its uncompressed text. */
  fromOffset?: number;
  /** Only lines containing this text are parsed: a cheap filter before JSON.parse. */
  contains?: string;
  /** Only lines starting with this text are parsed. */
  startsWith?: string;
}

/**
 * Parsed lines of a file, gunzipped first when its name ends in .gz; missing file = no lines;
 * a line that is not JSON (torn by a crash) is skipped.
 */
export async function readNdjson(path: string, options: NdjsonReadOptions = {}): Promise<unknown[]> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  if (path.endsWith('.gz')) buffer = await gunzipWhatWeCan(path, buffer);
  const text = buffer.toString('utf8', Math.min(options.fromOffset ?? 0, buffer.length));
  const lines = text.split('\n');
  // Whatever follows the last newline was never finished.
  lines.pop();
  const values: unknown[] = [];
  for (const line of lines) {
    if (line.length === 0) continue;
    if (options.startsWith !== undefined && !line.startsWith(options.startsWith)) continue;
    if (options.contains !== undefined && !line.includes(options.contains)) continue;
    try {
      values.push(JSON.parse(line) as unknown);
    } catch {
      // A torn line glued to a later one: skip it, the rest of the file is intact.
    }
  }
  return values;
}
