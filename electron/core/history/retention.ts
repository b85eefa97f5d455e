// Retention: whole segment files are deleted once everything in them is older than the setting, which costs
// one unlink per day instead of rewriting files.
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { segmentSpan, type SegmentSpan } from './time-buckets.ts';

/** Per kind of segment: files whose whole span ends at or before this instant are deleted. */
export type RetentionCutoffs = Record<SegmentSpan['kind'], number>;

/** Deletes expired segments in the given folders; returns the names deleted. */
export async function pruneSegments(dirs: readonly string[], cutoffs: RetentionCutoffs): Promise<string[]> {
  const deleted: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const name of names) {
      const span = segmentSpan(name);
      if (!span || span.end > cutoffs[span.kind]) continue;
      await unlink(join(dir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      deleted.push(name);
    }
  }
  return deleted.sort();
}
