import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_STATUSES, trayIconPath } from '../../../electron/main/tray/tray-icon.ts';
import type { TrayStatus } from '../../../electron/main/tray/tray-status.ts';

const ASSETS = resolve(import.meta.dirname, '../../../assets');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(path: string): { width: number; height: number; colorType: number } {
  const data = readFileSync(path);
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE), `${path} is a PNG`).toBe(true);
  expect(data.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), colorType: data.readUInt8(25) };
}

/** The generator writes filter type 0 on every row; this reads only that. */
function rgbaPixels(path: string): Uint8Array {
  const data = readFileSync(path);
  const { width, height } = pngSize(path);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < data.length; ) {
    const length = data.readUInt32BE(offset);
    if (data.toString('ascii', offset + 4, offset + 8) === 'IDAT') idat.push(data.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const start = y * (width * 4 + 1);
    expect(rows[start]).toBe(0);
    pixels.set(rows.subarray(start + 1, start + 1 + width * 4), y * width * 4);
  }
  return pixels;
}

describe('trayIconPath', () => {
  it('uses Template images on macOS, whatever the theme (macOS tints them)', () => {
    expect(trayIconPath('down', 'darwin', true, '/a')).toBe(join('/a', 'tray', 'trayDownTemplate.png'));
    expect(trayIconPath('down', 'darwin', false, '/a')).toBe(join('/a', 'tray', 'trayDownTemplate.png'));
  });

  it('uses an .ico on Windows and a themed 32 px PNG on Linux', () => {
    expect(trayIconPath('ok', 'win32', false, '/a')).toBe(join('/a', 'tray', 'tray-ok.ico'));
    expect(trayIconPath('warning', 'linux', true, '/a')).toBe(join('/a', 'tray', 'tray-warning-dark-32.png'));
    expect(trayIconPath('warning', 'linux', false, '/a')).toBe(join('/a', 'tray', 'tray-warning-light-32.png'));
  });

  it('gives every status its own icon on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const paths = new Set(TRAY_STATUSES.map((status) => trayIconPath(status, platform, false, '/a')));
      expect(paths.size).toBe(TRAY_STATUSES.length);
    }
  });

  it('rejects an unknown status', () => {
    expect(() => trayIconPath('broken' as TrayStatus, 'linux', false, '/a')).toThrow(/status must be one of/);
  });
});

describe('the generated icon files', () => {
  it('exist for every status, platform and theme, at the expected sizes', () => {
    for (const status of TRAY_STATUSES) {
      for (const dark of [false, true]) {
        const linux = trayIconPath(status, 'linux', dark, ASSETS);
        expect(pngSize(linux)).toMatchObject({ width: 32, height: 32, colorType: 6 });
        expect(pngSize(linux.replace(/\.png$/, '@2x.png'))).toMatchObject({ width: 64, height: 64 });
        expect(pngSize(linux.replace(/-32\.png$/, '-16.png'))).toMatchObject({ width: 16, height: 16 });
      }
      const mac = trayIconPath(status, 'darwin', false, ASSETS);
      expect(pngSize(mac)).toMatchObject({ width: 16, height: 16 });
      expect(pngSize(mac.replace(/\.png$/, '@2x.png'))).toMatchObject({ width: 32, height: 32 });

      const ico = readFileSync(trayIconPath(status, 'win32', false, ASSETS));
      expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
      const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + i * 16) || 256);
      expect(sizes).toEqual([16, 32, 48, 256]);
    }
  });

  it('has macOS Template images in black and alpha only, each status drawn differently', () => {
    const alphas = TRAY_STATUSES.map((status) => {
      const pixels = rgbaPixels(trayIconPath(status, 'darwin', false, ASSETS));
      for (let i = 0; i < pixels.length; i += 4) expect(pixels[i]! | pixels[i + 1]! | pixels[i + 2]!).toBe(0);
      return Buffer.from(pixels.filter((_, i) => i % 4 === 3)).toString('hex');
    });
    expect(new Set(alphas).size).toBe(TRAY_STATUSES.length);
  });

  it('includes the packaging icons', () => {
    expect(pngSize(resolve(ASSETS, '../build/icon.png'))).toMatchObject({ width: 512, height: 512 });
    expect(existsSync(resolve(ASSETS, '../build/icon.ico'))).toBe(true);
  });
});
