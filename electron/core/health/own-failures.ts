// Failures of Picket itself (its disk, its file descriptors), as opposed to failures of a monitored server.
// They must never be reported as the user's server being down, and they are shown as one clear problem.

/** Error codes that mean this machine or this process ran out of something, or may not write. */
const OWN_RESOURCE_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EMFILE', 'ENFILE', 'ENOBUFS', 'ENOMEM', 'EACCES', 'EPERM', 'EROFS', 'EIO']);

const WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EMFILE: 'Picket has too many files open',
  ENFILE: 'this machine has too many files open',
  ENOBUFS: 'this machine is out of network buffers',
  ENOMEM: 'this machine is out of memory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  EIO: 'the disk reported an I/O error',
};

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isOwnResourceError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && OWN_RESOURCE_CODES.has(code);
}

/** "cannot write history: the disk is full (ENOSPC)" */
export function describeOwnFailure(what: string, error: unknown): string {
  const code = errorCode(error);
  const words = code === undefined ? undefined : WORDS[code];
  if (words !== undefined) return `${what}: ${words} (${code})`;
  return `${what}: ${error instanceof Error ? error.message : String(error)}`;
}
