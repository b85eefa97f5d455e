// Moves an unusable store file out of the way instead of overwriting it, so the user's bytes survive.
import fs from 'node:fs';
import path from 'node:path';

/** ("picket", "corrupt", 2024-05-01T12:00:00.000Z) -> "picket.corrupt-2024-05-01T12-00-00.000Z.json" (":" is not allowed on Windows). */
export function asideFileName(baseName: string, label: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/:/g, '-');
  return `${baseName}.${label}-${stamp}.json`;
}

/** A path in `folder` for that name that does not exist yet: never clobber an earlier copy. */
function freshAsidePath(folder: string, baseName: string, label: string, at: number): string {
  const wanted = asideFileName(baseName, label, at);
  let target = path.join(folder, wanted);
  // Two failures in the same millisecond (a test, a crash loop): add a counter.
  for (let n = 1; fs.existsSync(target); n += 1) {
    target = path.join(folder, wanted.replace(/\.json$/, `-${n}.json`));
  }
  return target;
}

/**
 * Renames `filePath` (a file, or a directory squatting on the name) to <baseName>.corrupt-<timestamp>.json
 * in the same folder and returns the new path. A rename keeps the original bytes exactly.
 */
export function moveAside(filePath: string, baseName: string, at: number): string {
  const target = freshAsidePath(path.dirname(filePath), baseName, 'corrupt', at);
  fs.renameSync(filePath, target);
  return target;
}

/** Copies `filePath` to <baseName>.<label>-<timestamp>.json next to it and returns the copy's path. */
export function copyAside(filePath: string, baseName: string, label: string, at: number): string {
  const target = freshAsidePath(path.dirname(filePath), baseName, label, at);
  fs.copyFileSync(filePath, target, fs.constants.COPYFILE_EXCL);
  return target;
}
