// serve's durable access token: one line in a file only its owner may read (mode 600), in the data folder
// unless --token-file says elsewhere. Beside it, serve records the address it last served on, so
// `picket token show` can print the whole dashboard URL again and a restart can keep the same port.
import { randomBytes } from 'node:crypto';
import { unwatchFile, watchFile } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, type AtomicWriteOptions } from '../core/storage/atomic-file.ts';

export const TOKEN_FILE_NAME = 'serve-token';
const ADDRESS_FILE_NAME = 'serve-address.json';
/** URL-safe, header-safe, long enough that guessing is hopeless. A hand-written token is fine if it fits. */
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{32,512}$/;

/** A token file that cannot be used, in words naming the file. */
export class TokenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenFileError';
  }
}

export function defaultTokenFile(dataDir: string): string {
  return path.join(dataDir, TOKEN_FILE_NAME);
}

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

function unreadable(file: string, error: unknown): TokenFileError {
  const code = errorCode(error);
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied: run this as the user serve runs as' : (code ?? String(error));
  return new TokenFileError(`cannot read the access token file ${file} (${why})`);
}

/** The token in file, or undefined when there is no file yet. */
export async function readToken(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw unreadable(file, error);
  }
  const token = text.trim();
  // Never replaced silently: the file may be the user's own, and a typo in --token-file must not overwrite it.
  if (!TOKEN_PATTERN.test(token)) {
    throw new TokenFileError(`the access token file ${file} does not hold a token (32 to 512 letters, digits or . _ ~ -); fix it, or replace it with picket token rotate`);
  }
  return token;
}

/** Other users can read the file: worth a warning, not a refusal (it may be a mount the user cannot chmod). */
export async function looseModeWarning(file: string): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined;
  const { mode } = await stat(file);
  if ((mode & 0o077) === 0) return undefined;
  return `warning: the access token file ${file} can be read by other users (mode ${(mode & 0o777).toString(8)}); run chmod 600 ${file}`;
}

/** serve's start: the file's token, or a new one written exclusively (two serves starting at once agree). */
export async function loadOrCreateToken(file: string): Promise<{ token: string; created: boolean }> {
  const existing = await readToken(file);
  if (existing !== undefined) return { token: existing, created: false };
  const token = newToken();
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${token}\n`);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return loadOrCreateToken(file);
    throw new TokenFileError(`cannot create the access token file ${file} (${errorCode(error) ?? String(error)})`);
  }
  return { token, created: true };
}

/**
 * Root rotating the token of a serve that runs as its own user (`sudo picket token rotate`) must leave
 * the file to that user: the old file's owner, or the folder's for a first token.
 */
async function keptOwner(file: string): Promise<AtomicWriteOptions> {
  if (process.getuid?.() !== 0) return {};
  const owner = await stat(file).catch(() => stat(path.dirname(file)));
  return { chown: { uid: owner.uid, gid: owner.gid } };
}

/** A new token, swapped in whole (atomic-file.ts) so a reader never sees half of it; mode 600. */
export async function rotateToken(file: string): Promise<string> {
  const token = newToken();
  try {
    await writeFileAtomic(file, `${token}\n`, await keptOwner(file));
  } catch (error) {
    throw new TokenFileError(`cannot write the access token file ${file} (${errorCode(error) ?? String(error)})`);
  }
  return token;
}

/**
 * Follows the file while serve runs, so `picket token rotate` takes effect without a restart. Polling
 * (once a second, one stat) survives the rename that replaces the file, which fs.watch would lose.
 */
export function watchToken(file: string, onToken: (token: string) => void, onProblem: (message: string) => void): () => void {
  const listener = (): void => {
    readToken(file).then(
      (token) => {
        if (token !== undefined) onToken(token);
        else onProblem(`the access token file ${file} was removed; the current token stays until serve restarts`);
      },
      (error: unknown) => onProblem(`${(error as Error).message}; the current token stays`),
    );
  };
  watchFile(file, { interval: 1_000, persistent: false }, listener);
  return () => unwatchFile(file, listener);
}

/** Where serve last listened, e.g. http://127.0.0.1:8080 (or its --public-url). */
export interface ServeAddress {
  origin: string;
  port: number;
}

export async function recordServeAddress(dataDir: string, address: ServeAddress): Promise<void> {
  await writeFileAtomic(path.join(dataDir, ADDRESS_FILE_NAME), `${JSON.stringify(address)}\n`);
}

/** undefined when serve never ran here, or the record is not one (it is only a convenience). */
export async function readServeAddress(dataDir: string): Promise<ServeAddress | undefined> {
  try {
    const record = JSON.parse(await readFile(path.join(dataDir, ADDRESS_FILE_NAME), 'utf8')) as Partial<ServeAddress>;
    if (typeof record.origin === 'string' && Number.isInteger(record.port)) return { origin: record.origin, port: record.port as number };
  } catch {
    // Missing or damaged: the caller falls back to printing the token alone, or to a free port.
  }
  return undefined;
}
