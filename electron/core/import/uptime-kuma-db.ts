// Reads the `monitor` table of Uptime Kuma's SQLite database (kuma.db), read-only, through Node's built-in
// node:sqlite (unflagged from Node 22.13), so no native module has to be built.
import { access } from 'node:fs/promises';
import { ImportFileError } from './import-file-error.ts';

export type KumaRow = Record<string, unknown>;

export interface KumaDatabase {
  monitors: KumaRow[];
  /** Notification channels set up in Uptime Kuma (they are not imported). */
  notificationCount: number;
}

type SqliteModule = typeof import('node:sqlite');

async function loadSqlite(): Promise<SqliteModule> {
  // Node 22 calls node:sqlite experimental: that warning is about Node, not the user's file, so it is not shown.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back as it was; called with .call(process)
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning instanceof Error ? warning.message : warning).startsWith('SQLite is an experimental feature')) {
      (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
    }
  };
  try {
    return await import('node:sqlite');
  } catch {
    throw new ImportFileError(
      process.versions.electron !== undefined
        ? `this build of the app cannot read SQLite (no node:sqlite in Electron ${process.versions.electron}); import the kuma.db with the command line: picket import --from uptime-kuma FILE --data DIR`
        : `reading an Uptime Kuma database needs Node 22.13 or newer, which has node:sqlite built in; this is Node ${process.versions.node}`,
    );
  } finally {
    process.emitWarning = emitWarning;
  }
}

export async function readKumaDatabase(file: string): Promise<KumaDatabase> {
  try {
    await access(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportFileError(`${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`}`);
  }
  const { DatabaseSync } = await loadSqlite();
  let db: InstanceType<SqliteModule['DatabaseSync']> | undefined;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const hasTable = (name: string): boolean => db?.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    if (!hasTable('monitor')) throw new ImportFileError(`${file} is an SQLite database without a "monitor" table: is it Uptime Kuma's kuma.db?`);
    const monitors = db.prepare('SELECT * FROM monitor ORDER BY id').all() as KumaRow[];
    const notificationCount = hasTable('notification') ? Number((db.prepare('SELECT COUNT(*) AS n FROM notification').get() as { n: number }).n) : 0;
    return { monitors, notificationCount };
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`${file} cannot be read as Uptime Kuma's SQLite database (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    db?.close();
  }
}
