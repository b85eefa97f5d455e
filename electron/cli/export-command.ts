// `picket export --format prometheus --config FILE --out DIR`: writes blackbox.yml, prometheus.yml and rules.yml
// into DIR and lists on stdout whatever could not be expressed (the files say it too, in a comment at the top).
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readConfigFile } from '../core/config/config-file.ts';
import { formatNote } from '../core/export/prometheus/export-notes.ts';
import { exportPrometheus } from '../core/export/prometheus/export-prometheus.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_OK } from './exit-codes.ts';
import { UsageError } from './usage-error.ts';

export interface ExportCommandOptions {
  format: string;
  configPath: string;
  outDir: string;
}

export const EXPORT_FORMATS = ['prometheus'] as const;

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export async function exportCommand(options: ExportCommandOptions, io: CliIo): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`--format: "${options.format}" is not a format Picket exports to; use ${EXPORT_FORMATS.join(', ')}`);
  }
  const config = await readConfigFile(options.configPath);
  const result = exportPrometheus(config.monitors);
  try {
    await mkdir(options.outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out: cannot create ${options.outDir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const hasSecrets = config.monitors.some((monitor) => monitor.type === 'http' && monitor.auth !== undefined);
  for (const [name, text] of Object.entries(result.files)) {
    const file = path.join(options.outDir, name);
    try {
      // A file from an earlier export may carry hand edits: keep it beside the new one.
      if (await exists(file)) {
        await rename(file, `${file}.bak`);
        io.stderr(`picket: kept the previous ${name} as ${name}.bak\n`);
      }
      await writeFile(file, text, { mode: name === 'blackbox.yml' && hasSecrets ? 0o600 : 0o644 });
    } catch (error) {
      throw new UsageError(`--out: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  io.stdout(`Exported ${result.exported} of ${config.monitors.length} monitors to ${options.outDir}: blackbox.yml, prometheus.yml, rules.yml\n`);
  if (result.notes.length > 0) {
    io.stdout(`\nNot expressed (${result.notes.length}; also listed at the top of the file named):\n`);
    for (const note of result.notes) io.stdout(`  ${note.file}: ${formatNote(note)}\n`);
  }
  if (hasSecrets) io.stdout('\nblackbox.yml holds passwords or tokens: it is readable by you only.\n');
  return EXIT_OK;
}
