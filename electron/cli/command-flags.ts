// Which flags each command takes. A flag a command would ignore is an error, not silence, and a misspelt
// one gets a suggestion: a monitoring script with a typo must fail loudly, not watch the wrong thing.
import { UsageError } from './usage-error.ts';

/** Flags every command accepts. */
const COMMON = ['help', 'version'];
const NETWORK = ['resolve', 'connect-to', 'dns-server', 'ca'];

export const COMMAND_FLAGS: Record<string, readonly string[]> = {
  check: ['config', 'json', ...NETWORK],
  run: ['config', 'data', 'json', 'metrics-listen', ...NETWORK],
  serve: ['config', 'data', 'port', ...NETWORK],
  export: ['format', 'config', 'out'],
  import: ['from', 'data', 'dry-run', 'json'],
  'channel test': ['config', 'id', 'json'],
  'matrix discover': ['json', ...NETWORK],
  'matrix check': ['json', ...NETWORK],
};

/** Edit distance, for "did you mean": flags are short, so the plain dynamic programme is enough. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** The closest known flag to a misspelt one, when it is close enough to be what was meant. */
export function suggestFlag(given: string, known: readonly string[]): string | undefined {
  const name = given.replace(/^-+/, '').replace(/=.*$/, '');
  let best: { flag: string; score: number } | undefined;
  for (const flag of known) {
    const score = distance(name, flag);
    if (score <= Math.max(1, Math.floor(flag.length / 3)) && (best === undefined || score < best.score)) best = { flag, score };
  }
  return best?.flag;
}

/** Throws a usage error for a flag the command does not take. `given` are the flags the user wrote. */
export function checkCommandFlags(command: string, given: readonly string[]): void {
  const allowed = COMMAND_FLAGS[command];
  if (allowed === undefined) return;
  for (const flag of given) {
    if (COMMON.includes(flag) || allowed.includes(flag)) continue;
    const suggestion = suggestFlag(flag, allowed);
    throw new UsageError(`${command} does not take --${flag}${suggestion !== undefined ? `; did you mean --${suggestion}?` : ''}`);
  }
}

/** "unknown option --confg; did you mean --config?" from node:util's parseArgs error. */
export function unknownFlagMessage(parseError: Error, known: readonly string[]): string {
  const flag = /Unknown option '([^']+)'/.exec(parseError.message)?.[1];
  if (flag === undefined) return parseError.message.split('\n')[0] ?? parseError.message;
  const suggestion = suggestFlag(flag, known);
  return `unknown option ${flag}${suggestion !== undefined ? `; did you mean --${suggestion}?` : ''}`;
}
