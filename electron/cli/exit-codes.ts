// Exit codes as monitoring plugins (Nagios, Icinga, Sensu) use them, so Picket's CLI drops into their checks.
import type { CheckStatus } from '../shared/types.ts';

export const EXIT_OK = 0;
export const EXIT_WARNING = 1;
export const EXIT_CRITICAL = 2;
export const EXIT_INVALID = 3;

export function exitCodeFor(statuses: CheckStatus[]): number {
  if (statuses.includes('down')) return EXIT_CRITICAL;
  if (statuses.includes('warning')) return EXIT_WARNING;
  return EXIT_OK;
}
