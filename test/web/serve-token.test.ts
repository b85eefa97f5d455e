import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmod, chown, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  defaultTokenFile,
  loadOrCreateToken,
  looseModeWarning,
  readServeAddress,
  readToken,
  recordServeAddress,
  rotateToken,
  watchToken,
} from '../../electron/web/serve-token.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'picket-token-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the durable serve token', () => {
  it('is created once, mode 600, in the data folder, and read back unchanged afterwards', async () => {
    const file = defaultTokenFile(dir);
    expect(file).toBe(path.join(dir, 'serve-token'));
    const first = await loadOrCreateToken(file);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateToken(file)).toEqual({ token: first.token, created: false });
    expect(await looseModeWarning(file)).toBeUndefined();
  });

  it('rotates to a new token, still mode 600', async () => {
    const file = defaultTokenFile(dir);
    const { token } = await loadOrCreateToken(file);
    const rotated = await rotateToken(file);
    expect(rotated).not.toBe(token);
    expect(await readToken(file)).toBe(rotated);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.getuid?.() !== 0)('rotated by root, stays with the user serve runs as (sudo picket token rotate)', async () => {
    const file = defaultTokenFile(dir);
    await loadOrCreateToken(file);
    await chown(file, 65534, 65534);
    await rotateToken(file);
    expect(await stat(file)).toMatchObject({ uid: 65534, gid: 65534 });
  });

  it('never overwrites a file that holds something else, and says which file and why', async () => {
    const file = path.join(dir, 'my-notes.txt');
    await writeFile(file, 'shopping list\n');
    await expect(loadOrCreateToken(file)).rejects.toThrow(`the access token file ${file} does not hold a token (32 to 512 letters, digits or . _ ~ -)`);
    expect(await readFile(file, 'utf8')).toBe('shopping list\n');
  });

  it('accepts a hand-written token and warns when others can read its file', async () => {
    const file = path.join(dir, 'token');
    await writeFile(file, `${'my-own-token.'.repeat(4)}\n`);
    await chmod(file, 0o644);
    expect(await loadOrCreateToken(file)).toEqual({ token: 'my-own-token.'.repeat(4), created: false });
    expect(await looseModeWarning(file)).toBe(`warning: the access token file ${file} can be read by other users (mode 644); run chmod 600 ${file}`);
  });

  it('is followed while serve runs: a rotation is reported within seconds', async () => {
    const file = defaultTokenFile(dir);
    await loadOrCreateToken(file);
    const seen = new Promise<string>((resolve) => {
      const stop = watchToken(file, (token) => {
        stop();
        resolve(token);
      }, () => undefined);
    });
    // stat's mtime has a one-second resolution on some file systems: make the change visible.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const rotated = await rotateToken(file);
    expect(await seen).toBe(rotated);
  });

  it('records the address serve last used, and reads a damaged record as unknown', async () => {
    expect(await readServeAddress(dir)).toBeUndefined();
    await recordServeAddress(dir, { origin: 'http://127.0.0.1:8080', port: 8080 });
    expect(await readServeAddress(dir)).toEqual({ origin: 'http://127.0.0.1:8080', port: 8080 });
    await writeFile(path.join(dir, 'serve-address.json'), '{"origin":');
    expect(await readServeAddress(dir)).toBeUndefined();
  });
});
