/** The file to import cannot be read or is not what it should be: the CLI exits 3 with this message. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}
