// `picket import --from uptime-kuma|gatus FILE --data DIR [--dry-run] [--json]`: monitors from another tool into
// DIR's store, merged with what is there. With --json: {"imported": N, "skipped": [{"name", "reason"}]}.
// Exit 0 when something was (or would be) imported, 1 when nothing could be, 3 for an unreadable file.
import { existsSync, readFileSync } from 'node:fs';
import { IMPORT_SOURCES, IMPORT_SOURCE_NAMES, previewText, type ImportSource } from '../shared/import-types.ts';
import { ImportFileError, importedConfigJson, readForeignImport } from '../core/import/foreign-import.ts';
import { planImport } from '../core/service/import-export.ts';
import { sealSecrets } from '../core/service/secrets.ts';
import { openStore, storePaths } from '../core/storage/index.ts';
import type { Monitor } from '../shared/types.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_INVALID, EXIT_OK, EXIT_WARNING } from './exit-codes.ts';
import { UsageError } from './usage-error.ts';

export interface ImportCommandOptions {
  from: string;
  file: string;
  dataDir: string;
  dryRun: boolean;
  json: boolean;
}

function isSource(value: string): value is ImportSource {
  return (IMPORT_SOURCES as readonly string[]).includes(value);
}

/** The ids already in DIR, read without opening the store: a dry run must not write (opening may migrate the file). */
function storedIds(dataDir: string): Set<string> {
  const file = storePaths(dataDir).file;
  if (!existsSync(file)) return new Set();
  try {
    const document = JSON.parse(readFileSync(file, 'utf8')) as { monitors?: Array<{ id?: unknown }> };
    return new Set((document.monitors ?? []).map((monitor) => String(monitor.id)));
  } catch {
    return new Set();
  }
}

export async function importCommand(options: ImportCommandOptions, io: CliIo): Promise<number> {
  if (!isSource(options.from)) throw new UsageError(`--from: "${options.from}" is not a tool Picket imports from; use ${IMPORT_SOURCES.join(' or ')}`);
  let imported;
  try {
    imported = await readForeignImport(options.from, options.file);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    io.stderr(`picket: ${error.message}\n`);
    return EXIT_INVALID;
  }
  const report = (count: number): void => {
    if (options.json) io.stdout(`${JSON.stringify({ imported: count, skipped: imported.skipped })}\n`);
  };
  const existing = storedIds(options.dataDir);
  const replacing = imported.monitors.filter((monitor) => existing.has(monitor.id)).length;
  const replacingNote = replacing > 0 ? ` (${replacing} replacing monitors imported from this ${IMPORT_SOURCE_NAMES[options.from]} before)` : '';

  if (imported.monitors.length === 0 || options.dryRun) {
    report(imported.monitors.length);
    if (!options.json) {
      io.stdout(`${previewText(imported)}\n`);
      if (imported.monitors.length > 0) io.stdout(`Dry run: nothing was written${replacingNote}. Run again without --dry-run to import into ${options.dataDir}.\n`);
    }
    return imported.monitors.length > 0 ? EXIT_OK : EXIT_WARNING;
  }

  const { store, report: openReport } = openStore(options.dataDir);
  if (openReport.recovered) io.stderr(`picket: ${openReport.problem ?? 'the data file was damaged'}; the original was moved to ${openReport.movedAsideTo ?? '?'}\n`);
  const planned = planImport(importedConfigJson(imported), 'merge', store.monitors());
  if (!planned.ok) throw new Error(`converted monitors failed validation: ${planned.issues.map((issue) => issue.message).join('; ')}`);
  store.replaceMonitors(planned.plan.monitors.map((monitor: Monitor) => sealSecrets(monitor, undefined)));
  // The store writes in the background: on disk before the command says it is done.
  await store.flush();
  report(imported.monitors.length);
  if (!options.json) {
    io.stdout(`${previewText(imported, true)}\n`);
    io.stdout(`Imported into ${options.dataDir}${replacingNote}. A running Picket picks them up at its next start.\n`);
  }
  return EXIT_OK;
}
