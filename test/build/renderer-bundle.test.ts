// The dashboard runs under script-src 'self' (no eval). ajv compiles schemas with new Function, so the
// renderer build swaps in precompiled validators (electron.vite.config.ts); this keeps that true.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/cli-process.ts';

const assets = path.join(PROJECT_ROOT, 'out/renderer/assets');

describe('the built dashboard', () => {
  it('contains no eval-style code that its Content-Security-Policy would refuse', () => {
    expect(existsSync(assets), 'the dashboard is not built: run `npm run build` (npm test does it first)').toBe(true);
    const scripts = readdirSync(assets).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = readFileSync(path.join(assets, file), 'utf8');
      expect(code, file).not.toMatch(/new Function\(/);
      // The validators really are in the bundle (precompiled), not left out.
      if (code.includes('intervalSeconds')) expect(code).toMatch(/must be >= |minimum/);
    }
  });
});
