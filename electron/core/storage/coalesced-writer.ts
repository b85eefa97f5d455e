// Writes one file off the caller's path: a change only marks the file dirty, and one write (of the state as it
// is by then) covers every change made meanwhile. Writes are atomic (atomic-file.ts); before each one the
// file as it was is kept as the backup (a hard link, so no second copy of the data is written).
import fs from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file.ts';

export interface CoalescedWriterOptions {
  /** Where the previous generation is kept; none when absent. */
  backupPath?: string;
  /** How long a change waits for others to join its write. */
  delayMs: number;
  /** After a failed write (disk full, no permission): when to try again. The data stays in memory meanwhile. */
  retryMs: number;
  /** The file's text as of now: called when the write starts, not when the change was made. */
  render: () => string;
  onError: (error: unknown) => void;
  /** A write succeeded (after a failure, the problem is over). */
  onWritten?: () => void;
}

export class CoalescedWriter {
  #dirty = false;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;
  #closed = false;

  constructor(
    private readonly filePath: string,
    private readonly options: CoalescedWriterOptions,
  ) {}

  /** Something changed: it will be written within delayMs (or after the write in progress). */
  markDirty(): void {
    this.#dirty = true;
    this.#arm(this.options.delayMs);
  }

  /** Writes what is pending now and resolves once it is on disk; rejects if that write failed. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#writing;
    if (this.#dirty) await this.#write();
  }

  /** Writes what is pending; later changes are no longer written. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
  }

  #arm(delayMs: number): void {
    // While a write runs, the one after it is armed when it ends.
    if (this.#timer !== undefined || this.#writing !== undefined || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // A failure is reported and retried by #write itself.
      this.#write().catch(() => undefined);
    }, delayMs);
    // A pending write never keeps the process alive: whoever ends it closes the store first (PicketService.close).
    this.#timer.unref();
  }

  #write(): Promise<void> {
    this.#dirty = false;
    const text = this.options.render();
    const writing = (async () => {
      if (this.options.backupPath !== undefined) await keepAsBackup(this.filePath, this.options.backupPath);
      await writeFileAtomic(this.filePath, text);
    })();
    this.#writing = writing.then(
      () => {
        this.#writing = undefined;
        this.options.onWritten?.();
        if (this.#dirty) this.#arm(this.options.delayMs);
      },
      (error: unknown) => {
        this.#writing = undefined;
        this.#dirty = true;
        this.options.onError(error);
        this.#arm(this.options.retryMs);
      },
    );
    return writing;
  }
}

/** The file as it is becomes the backup: linked under a temporary name, then renamed over the old backup. */
async function keepAsBackup(filePath: string, backupPath: string): Promise<void> {
  const temp = `${backupPath}.${process.pid}.link.tmp`;
  await fs.rm(temp, { force: true });
  try {
    await fs.link(filePath, temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // nothing written yet
    // A file system without hard links: copy instead.
    await fs.copyFile(filePath, temp);
  }
  await fs.rename(temp, backupPath);
}
