// At most maxConcurrent tasks run at once; the rest wait in arrival order (FIFO), so no check starves.

export class ConcurrencyLimiter {
  #maxConcurrent: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(maxConcurrent: number) {
    this.#maxConcurrent = checkedLimit(maxConcurrent);
  }

  get maxConcurrent(): number {
    return this.#maxConcurrent;
  }

  /** A new limit applies at once: a higher one starts waiting tasks, a lower one lets running tasks finish. */
  setMaxConcurrent(maxConcurrent: number): void {
    this.#maxConcurrent = checkedLimit(maxConcurrent);
    while (this.#active < this.#maxConcurrent && this.#waiting.length > 0) this.#waiting.shift()?.();
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.#waiting.length;
  }

  /** Runs task when a slot is free; settles as the task does. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.#active++;
        let running: Promise<T>;
        try {
          running = task();
        } catch (error) {
          running = Promise.reject(error);
        }
        // Free the slot before settling, so whoever awaits run() already sees it free.
        running.then(
          (value) => {
            this.#release();
            resolve(value);
          },
          (error: unknown) => {
            this.#release();
            reject(error);
          },
        );
      };
      if (this.#active < this.#maxConcurrent) start();
      else this.#waiting.push(start);
    });
  }

  #release(): void {
    this.#active--;
    if (this.#active < this.#maxConcurrent) this.#waiting.shift()?.();
  }
}

function checkedLimit(maxConcurrent: number): number {
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new Error(`maxConcurrent must be an integer of at least 1, got ${String(maxConcurrent)}`);
  }
  return maxConcurrent;
}
