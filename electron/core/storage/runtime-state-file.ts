// <data dir>/picket.state.json: the engine's runtime bookkeeping (open outages, certificate reminders sent,
// signing keys seen), kept apart from picket.json so that file changes only when the user changes something.
// Losing it costs at most a repeated alert, so a damaged file is moved aside and bookkeeping starts afresh.
import fs from 'node:fs';
import { moveAside } from './corrupt-file.ts';
import { isPlainObject } from './store-document.ts';

export const STATE_NAME = 'picket.state';
const STATE_VERSION = 1;

export type RuntimeStateRead = { kind: 'missing' } | { kind: 'state'; runtime: Record<string, unknown> } | { kind: 'damaged'; movedAsideTo: string; reason: string };

export function readRuntimeState(filePath: string, now: () => number): RuntimeStateRead {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let reason: string;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isPlainObject(parsed) && parsed.version === STATE_VERSION && isPlainObject(parsed.runtime)) return { kind: 'state', runtime: parsed.runtime };
    reason = 'does not hold { version: 1, runtime: {...} }';
  } catch (error) {
    reason = `is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  return { kind: 'damaged', movedAsideTo: moveAside(filePath, STATE_NAME, now()), reason };
}

export function serializeRuntimeState(runtime: Record<string, unknown>): string {
  return JSON.stringify({ version: STATE_VERSION, runtime });
}
