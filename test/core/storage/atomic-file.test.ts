// The one atomic writer: what it guarantees on top of write-file-atomic, and that a failed write (a full disk)
// leaves the old content and no temp file, with an error Picket counts as its own trouble.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTempFileOf, removeStaleTempFiles, writeFileAtomic, writeFileAtomicSync } from '../../../electron/core/storage/atomic-file.ts';
import { describeOwnFailure, isOwnResourceError } from '../../../electron/core/health/own-failures.ts';
import { removeTempStoreDirs, tempStoreDir } from './store-fixtures.ts';

afterEach(async () => {
  vi.restoreAllMocks();
  await removeTempStoreDirs();
});

const enospc = (): Error => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** write-file-atomic writes through fs.write (async) and fs.writeSync: both fail as on a full disk. */
function fillTheDisk(): void {
  vi.spyOn(fs, 'write').mockImplementation(((...args: unknown[]) => {
    process.nextTick(args.at(-1) as (error: Error) => void, enospc());
  }) as unknown as typeof fs.write);
  vi.spyOn(fs, 'writeSync').mockImplementation(() => {
    throw enospc();
  });
}

const writers = {
  async: (file: string, data: string) => writeFileAtomic(file, data),
  sync: (file: string, data: string) => writeFileAtomicSync(file, data),
};

for (const [kind, write] of Object.entries(writers)) {
  describe(`writeFileAtomic (${kind})`, () => {
    it('writes the whole text, and replaces what was there', async () => {
      const file = path.join(tempStoreDir(), 'picket.json');
      await write(file, '{"old":true}');
      await write(file, '{"new":"é"}');
      expect(fs.readFileSync(file, 'utf8')).toBe('{"new":"é"}');
      expect(fs.readdirSync(path.dirname(file))).toEqual(['picket.json']);
    });

    it.skipIf(process.platform === 'win32')('makes the file private (0600) whatever the umask, also when it was not', async () => {
      const dir = tempStoreDir();
      const file = path.join(dir, 'channels.json');
      const umask = process.umask(0o000);
      try {
        await write(file, 'first');
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        fs.chmodSync(file, 0o644);
        await write(file, 'second');
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      } finally {
        process.umask(umask);
      }
    });

    it('on a full disk keeps the old content, leaves no temp file, and says it is our own trouble', async () => {
      const dir = tempStoreDir();
      const file = path.join(dir, 'picket.json');
      await write(file, 'before');
      fillTheDisk();
      let failure: unknown;
      try {
        await write(file, 'after');
      } catch (error) {
        failure = error;
      }
      expect(isOwnResourceError(failure)).toBe(true);
      expect(describeOwnFailure('cannot save', failure)).toBe('cannot save: the disk is full (ENOSPC)');
      vi.restoreAllMocks();
      expect(fs.readFileSync(file, 'utf8')).toBe('before');
      expect(fs.readdirSync(dir)).toEqual(['picket.json']);
    });
  });
}

describe('writeFileAtomic options', () => {
  it.skipIf(process.platform === 'win32')('takes another mode when told', async () => {
    const file = path.join(tempStoreDir(), 'serve-address.json');
    await writeFileAtomic(file, '{}', { mode: 0o640 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });

  it('counts the bytes written, not the characters', async () => {
    expect(await writeFileAtomic(path.join(tempStoreDir(), 'recent.json'), '"ü"')).toBe(4);
  });
});

describe('temp files a crash left behind', () => {
  it('knows the temp names of a file, from write-file-atomic and from the writers before it', () => {
    expect(isTempFileOf('recent.json.3141592653', 'recent.json')).toBe(true);
    expect(isTempFileOf('recent.json.4242.7.tmp', 'recent.json')).toBe(true);
    expect(isTempFileOf('.picket.json.4242.9f2c1a0b.tmp', 'picket.json')).toBe(true);
    expect(isTempFileOf('recent.json', 'recent.json')).toBe(false);
    expect(isTempFileOf('recent.corrupt-2026-06-15T12-00-00.json', 'recent.json')).toBe(false);
    expect(isTempFileOf('journal.json.123', 'recent.json')).toBe(false);
    // The name is matched literally: "." in it is not "any character".
    expect(isTempFileOf('recentXjson.123', 'recent.json')).toBe(false);
  });

  it('removes only those', async () => {
    const dir = tempStoreDir();
    for (const name of ['recent.json', 'recent.json.3141592653', 'recent.json.4242.7.tmp', 'journal.json', 'journal.json.77']) {
      fs.writeFileSync(path.join(dir, name), '{}');
    }
    await removeStaleTempFiles(dir, 'recent.json');
    expect(fs.readdirSync(dir).sort()).toEqual(['journal.json', 'journal.json.77', 'recent.json']);
  });
});
