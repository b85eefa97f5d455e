// Settings → Import: the dashboard sends the file's bytes, the service answers with the preview and writes
// nothing. The user confirms by sending the monitors back through importConfig (merge).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImportPreview, ImportSource } from '../../shared/import-types.ts';
import type { Monitor } from '../../shared/types.ts';
import { ImportFileError, readForeignImport } from './foreign-import.ts';

const FILE_NAMES: Record<ImportSource, string> = { 'uptime-kuma': 'kuma.db', gatus: 'config.yaml' };

export async function previewImport(source: ImportSource, bytes: Uint8Array, current: Monitor[]): Promise<ImportPreview> {
  // node:sqlite opens files only: the upload goes to a private temp folder for as long as the reading takes.
  const dir = await mkdtemp(path.join(tmpdir(), 'picket-import-'));
  try {
    const file = path.join(dir, FILE_NAMES[source]);
    await writeFile(file, bytes, { mode: 0o600 });
    const imported = await readForeignImport(source, file).catch((error: unknown) => {
      // The temp path means nothing to the user, who picked the file in the dashboard.
      if (error instanceof ImportFileError) throw new ImportFileError(error.message.split(file).join('the file'));
      throw error;
    });
    const existing = new Set(current.map((monitor) => monitor.id));
    return { ...imported, replacing: imported.monitors.filter((monitor) => existing.has(monitor.id)).map((monitor) => monitor.id) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
