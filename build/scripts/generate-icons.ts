// Draws every icon Picket ships: tray icons per status (colored PNGs, macOS Template PNGs, Windows ICOs)
// and the app icon for packaging. No image packages: shapes are sampled 4x4 per pixel for anti-aliasing
// and encoded with node:zlib. Run from the repository root: `tsx build/scripts/generate-icons.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Status = 'ok' | 'warning' | 'down' | 'idle';
/** A point is inside the shape or not; coordinates are on a 16-unit design grid whatever the pixel size. */
type Shape = (x: number, y: number) => boolean;
interface Color {
  r: number;
  g: number;
  b: number;
  a: number;
}

const GRID = 16;
const SUBSAMPLES = 4;
const STATUSES: readonly Status[] = ['ok', 'warning', 'down', 'idle'];

const rgb = (hex: string, a = 1): Color => ({
  r: parseInt(hex.slice(1, 3), 16),
  g: parseInt(hex.slice(3, 5), 16),
  b: parseInt(hex.slice(5, 7), 16),
  a,
});
const STATUS_COLOR: Record<Status, Color> = {
  ok: rgb('#1f9d55'),
  warning: rgb('#f59e0b'),
  down: rgb('#e5484d'),
  idle: rgb('#8b929c'),
};
const WHITE = rgb('#ffffff');
const BLACK = rgb('#000000');

// ---- shapes -------------------------------------------------------------------------------------------

const disc = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const ring = (cx: number, cy: number, r: number, width: number): Shape => (x, y) =>
  Math.abs(Math.hypot(x - cx, y - cy) - r) <= width / 2;

/** A ring cut into `dashes` dashes: hollow and broken reads as "not watching" without color. */
const dashedRing = (cx: number, cy: number, r: number, width: number, dashes: number): Shape => {
  const whole = ring(cx, cy, r, width);
  return (x, y) => {
    const turn = (Math.atan2(y - cy, x - cx) + Math.PI) / (2 * Math.PI);
    return whole(x, y) && Math.floor(turn * dashes * 2) % 2 === 0;
  };
};

/** A stroke with round ends from (x1, y1) to (x2, y2). */
const stroke = (x1: number, y1: number, x2: number, y2: number, width: number): Shape => (x, y) => {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= width / 2;
};

const roundedRect = (x1: number, y1: number, x2: number, y2: number, radius: number): Shape => (x, y) => {
  if (x < x1 || x > x2 || y < y1 || y > y2) return false;
  const cx = Math.max(x1 + radius, Math.min(x2 - radius, x));
  const cy = Math.max(y1 + radius, Math.min(y2 - radius, y));
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
};

const polygon = (points: ReadonlyArray<readonly [number, number]>): Shape => (x, y) => {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y));

const GLYPH: Record<Status, Shape> = {
  ok: union(stroke(4.6, 8.4, 7, 10.8, 1.9), stroke(7, 10.8, 11.4, 5.6, 1.9)),
  warning: union(stroke(8, 4.2, 8, 8.8, 2), disc(8, 11.6, 1.15)),
  down: union(stroke(5.4, 5.4, 10.6, 10.6, 2), stroke(10.6, 5.4, 5.4, 10.6, 2)),
  idle: stroke(5.2, 8, 10.8, 8, 2),
};

// ---- canvas -------------------------------------------------------------------------------------------

class Canvas {
  /** Straight (not premultiplied) RGBA, 0-255 for color, 0-1 for alpha. */
  readonly pixels: Float64Array;
  constructor(readonly size: number) {
    this.pixels = new Float64Array(size * size * 4);
  }

  paint(shape: Shape, color: Color): this {
    return this.each(shape, (i, coverage) => {
      const a = color.a * coverage;
      const under = this.pixels[i + 3]! * (1 - a);
      const out = a + under;
      if (out === 0) return;
      for (const [k, c] of [color.r, color.g, color.b].entries()) {
        this.pixels[i + k] = (c * a + this.pixels[i + k]! * under) / out;
      }
      this.pixels[i + 3] = out;
    });
  }

  /** Cuts the shape out (alpha only): how a Template image draws a white glyph on black. */
  erase(shape: Shape): this {
    return this.each(shape, (i, coverage) => {
      this.pixels[i + 3] = this.pixels[i + 3]! * (1 - coverage);
    });
  }

  private each(shape: Shape, apply: (index: number, coverage: number) => void): this {
    const unit = GRID / this.size;
    for (let py = 0; py < this.size; py++) {
      for (let px = 0; px < this.size; px++) {
        let hits = 0;
        for (let sy = 0; sy < SUBSAMPLES; sy++) {
          for (let sx = 0; sx < SUBSAMPLES; sx++) {
            if (shape((px + (sx + 0.5) / SUBSAMPLES) * unit, (py + (sy + 0.5) / SUBSAMPLES) * unit)) hits++;
          }
        }
        if (hits > 0) apply((py * this.size + px) * 4, hits / (SUBSAMPLES * SUBSAMPLES));
      }
    }
    return this;
  }

  toRgba(): Buffer {
    const out = Buffer.alloc(this.size * this.size * 4);
    for (let i = 0; i < this.pixels.length; i += 4) {
      const alpha = this.pixels[i + 3]!;
      for (let k = 0; k < 3; k++) out[i + k] = alpha === 0 ? 0 : Math.round(this.pixels[i + k]!);
      out[i + 3] = Math.round(alpha * 255);
    }
    return out;
  }
}

// ---- encoders -----------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** 8-bit RGBA, no interlace, filter 0 on every row: small enough for icons, simple enough to trust. */
function encodePng(canvas: Canvas): Buffer {
  const { size } = canvas;
  const rgba = canvas.toRgba();
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, color type RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO whose entries are whole PNGs (supported since Windows Vista), one per size. */
function encodeIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // color planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

// ---- the icons ----------------------------------------------------------------------------------------

/** A colored disc with a white glyph (shape as well as color, for color-blind users) and a rim for the panel. */
function coloredTrayIcon(status: Status, size: number, rim: Color): Canvas {
  return new Canvas(size).paint(disc(8, 8, 7.2), STATUS_COLOR[status]).paint(ring(8, 8, 6.85, 0.7), rim).paint(GLYPH[status], WHITE);
}

/** Black and alpha only; macOS tints it. The status is in the shape: ring, ring with !, filled with x, dashed. */
function templateTrayIcon(status: Status, size: number): Canvas {
  const canvas = new Canvas(size);
  switch (status) {
    case 'ok':
      return canvas.paint(ring(8, 8, 6, 2), BLACK);
    case 'warning':
      return canvas.paint(ring(8, 8, 6, 2), BLACK).paint(GLYPH.warning, BLACK);
    case 'down':
      return canvas.paint(disc(8, 8, 7), BLACK).erase(GLYPH.down);
    case 'idle':
      return canvas.paint(dashedRing(8, 8, 6, 1.6, 8), BLACK);
  }
}

/** A fence picket: the app's name, with a green status dot. */
function appIcon(size: number): Canvas {
  const picket = (cx: number, top: number): Shape =>
    polygon([
      [cx - 1.05, 13.2],
      [cx - 1.05, top + 1.4],
      [cx, top],
      [cx + 1.05, top + 1.4],
      [cx + 1.05, 13.2],
    ]);
  const navy = rgb('#17324d');
  return new Canvas(size)
    .paint(roundedRect(0.8, 0.8, 15.2, 15.2, 3.2), navy)
    .paint(union(roundedRect(3.2, 6.6, 12.8, 7.6, 0.3), roundedRect(3.2, 10.6, 12.8, 11.6, 0.3)), rgb('#b8c7d9'))
    .paint(union(picket(4.9, 4.6), picket(8, 3.4), picket(11.1, 4.6)), rgb('#f5f7fa'))
    .paint(disc(12.6, 3.4, 1.9), navy)
    .paint(disc(12.6, 3.4, 1.45), rgb('#22c55e'));
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const trayDir = join(root, 'assets', 'tray');
  mkdirSync(trayDir, { recursive: true });
  const written: string[] = [];
  const write = (path: string, data: Buffer): void => {
    writeFileSync(path, data);
    written.push(path);
  };

  // "light"/"dark" name the panel theme the icon is drawn for: a dark rim on light panels, a light one on dark.
  const rims: Record<'light' | 'dark', Color> = { light: rgb('#000000', 0.35), dark: rgb('#ffffff', 0.6) };
  for (const status of STATUSES) {
    for (const [theme, rim] of Object.entries(rims)) {
      for (const base of [16, 32]) {
        write(join(trayDir, `tray-${status}-${theme}-${base}.png`), encodePng(coloredTrayIcon(status, base, rim)));
        write(join(trayDir, `tray-${status}-${theme}-${base}@2x.png`), encodePng(coloredTrayIcon(status, base * 2, rim)));
      }
    }
    write(join(trayDir, `tray${capitalize(status)}Template.png`), encodePng(templateTrayIcon(status, 16)));
    write(join(trayDir, `tray${capitalize(status)}Template@2x.png`), encodePng(templateTrayIcon(status, 32)));
    const icoImages = [16, 32, 48, 256].map((size) => ({ size, png: encodePng(coloredTrayIcon(status, size, rgb('#000000', 0.25))) }));
    write(join(trayDir, `tray-${status}.ico`), encodeIco(icoImages));
  }

  write(join(root, 'assets', 'icon.png'), encodePng(appIcon(256)));
  write(join(root, 'build', 'icon.png'), encodePng(appIcon(512)));
  write(join(root, 'build', 'icon.ico'), encodeIco([16, 32, 48, 64, 128, 256].map((size) => ({ size, png: encodePng(appIcon(size)) }))));
  console.log(`wrote ${written.length} icons`);
}

main();
