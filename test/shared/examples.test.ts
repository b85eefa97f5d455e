// The examples the README and docs/config.md point at are valid configs, and the Matrix one follows the
// delegation (federation where discovery puts it) instead of a fixed TCP 8448 check.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../electron/shared/config-validation.ts';

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../docs/examples/${name}`, import.meta.url), 'utf8'));

describe('docs/examples', () => {
  it('matrix-homeserver.json is valid and delegation-aware: no fixed 8448, federation checked as the spec resolves it', () => {
    const result = validateConfig(read('matrix-homeserver.json'));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const monitors = result.config.monitors;
    expect(monitors.some((m) => 'port' in m && m.port === 8448)).toBe(false);
    expect(monitors.map((m) => m.type).sort()).toEqual(['http', 'matrix-federation', 'matrix-keys', 'tcp', 'tls', 'tls']);
  });
});
