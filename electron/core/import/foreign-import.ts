// One entry point for importing from another tool: read the file, convert it, and keep only monitors that pass
// Picket's own validation (a monitor that does not is listed as skipped, with the field and the reason).
import { readFile } from 'node:fs/promises';
import { formatIssue, validateMonitor, type ConfigFile } from '../../shared/config-validation.ts';
import type { ForeignImport, ImportSource } from '../../shared/import-types.ts';
import { convertGatusConfig } from './gatus.ts';
import { ImportFileError } from './import-file-error.ts';
import { convertKumaDatabase } from './uptime-kuma.ts';
import { readKumaDatabase } from './uptime-kuma-db.ts';

export { ImportFileError } from './import-file-error.ts';

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportFileError(`${file} ${code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(error)})`}`);
  }
}

/** Drops (into skipped) any converted monitor that Picket would refuse, so the rest can still be imported. */
export function keepValid(imported: ForeignImport): ForeignImport {
  const skipped = [...imported.skipped];
  const monitors = imported.monitors.filter((monitor) => {
    const result = validateMonitor(monitor, 'monitor');
    if (!result.ok) skipped.push({ name: monitor.name ?? monitor.id, reason: `not imported: ${result.issues.map(formatIssue).join('; ')}` });
    return result.ok;
  });
  return { ...imported, monitors, skipped };
}

export async function readForeignImport(source: ImportSource, file: string): Promise<ForeignImport> {
  const converted = source === 'uptime-kuma' ? convertKumaDatabase(await readKumaDatabase(file)) : convertGatusConfig(await readText(file), file);
  return keepValid(converted);
}

/** The imported monitors as a Picket config file, for importConfig (merge). */
export function importedConfigJson(imported: ForeignImport): string {
  const file: ConfigFile = { version: 1, monitors: imported.monitors };
  return JSON.stringify(file);
}
