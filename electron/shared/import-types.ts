// Importing monitors from another tool (Uptime Kuma, Gatus): what the CLI and Settings → Import both show.
// Plain TypeScript: the dashboard imports it too.
import type { MonitorConfig } from './config-validation.ts';

export type ImportSource = 'uptime-kuma' | 'gatus';

export const IMPORT_SOURCES: readonly ImportSource[] = ['uptime-kuma', 'gatus'];

export const IMPORT_SOURCE_NAMES: Record<ImportSource, string> = { 'uptime-kuma': 'Uptime Kuma', gatus: 'Gatus' };

/** Something in the other tool's config that Picket does not take over: a whole monitor, or one setting of it. */
export interface SkippedThing {
  name: string;
  reason: string;
}

/** The other tool's monitors in Picket's config format, and what could not come along. */
export interface ForeignImport {
  source: ImportSource;
  monitors: MonitorConfig[];
  skipped: SkippedThing[];
}

/** "3 monitors will be imported, 2 things cannot be:" and the reasons, one a line. */
export function previewText(preview: Pick<ForeignImport, 'monitors' | 'skipped'>, done = false): string {
  const count = preview.monitors.length;
  const monitors = `${count} monitor${count === 1 ? '' : 's'} ${done ? (count === 1 ? 'was' : 'were') : 'will be'} imported`;
  const skipped = preview.skipped.length;
  if (skipped === 0) return `${monitors}; nothing was left out.`;
  const head = `${monitors}, ${skipped} thing${skipped === 1 ? '' : 's'} cannot be, and why:`;
  return [head, ...preview.skipped.map((thing) => `  - ${thing.name}: ${thing.reason}`)].join('\n');
}

/** Settings → Import's preview: the converted monitors, and which of their ids the user already has. */
export interface ImportPreview extends ForeignImport {
  /** Ids imported before from the same tool: importing again replaces them. */
  replacing: string[];
}

/** The most a file sent for a preview may be, base64-encoded (about 12 MiB of file). */
export const MAX_IMPORT_FILE_BASE64 = 16 * 1024 * 1024;
