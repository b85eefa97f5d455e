// Reads one of history's small state files at start-up. A damaged one (torn, garbage, the wrong shape) never
// blocks the start: it is moved aside byte for byte, like a damaged picket.json, and what was lost is reported.
import { basename } from 'node:path';
import { moveAside } from '../storage/corrupt-file.ts';
import { readJsonFile } from './read-json-file.ts';

export interface StateFileRead<T> {
  value?: T;
  /** Set when the file was damaged: one sentence for the user, naming where the original went. */
  problem?: string;
}

/**
 * The decoded file, nothing when it does not exist, or a problem when it is damaged. `consequence` says what
 * the user loses, e.g. "the uptime of the current hour is rebuilt from the raw results".
 */
export async function readStateFile<T>(path: string, decode: (path: string, value: unknown) => T, consequence: string, now: number): Promise<StateFileRead<T>> {
  let reason: string;
  try {
    const raw = await readJsonFile(path);
    if (raw === undefined) return {};
    return { value: decode(path, raw) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A disk that cannot be read is not damage: moving the file would not help and could lose it.
    if (code !== undefined) throw error;
    // "not valid JSON" is enough for a person; the parser's own words (with the garbage quoted) are not.
    reason = (error instanceof Error ? error.message.replace(`${path}: `, '') : String(error)).replace(/ \(.*$/s, '');
  }
  const name = basename(path, '.json');
  const aside = moveAside(path, name, now);
  return { problem: `history file ${basename(path)} was damaged (${reason}) and was moved to ${aside}; ${consequence}` };
}
