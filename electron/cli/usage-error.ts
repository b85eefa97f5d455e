/** Bad command-line input: printed on stderr and exits 3, like an invalid config. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
