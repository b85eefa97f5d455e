// docs/config.schema.json is what editors validate against: it must refuse what Picket refuses per monitor
// type (a tcp monitor with a url, an http monitor without one) and accept every example the docs show.
// Read from the published file, not from the code, and validated by a plain ajv as an editor's would be.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../electron/shared/config-validation.ts';

const published = JSON.parse(readFileSync(new URL('../../docs/config.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** `discriminator` is ajv's OpenAPI keyword; an editor ignores it, and so does this validator (strict: false). */
function compile(discriminator: boolean) {
  return new Ajv({ allErrors: true, strict: false, discriminator }).compile(published);
}
const validators = { 'ajv without discriminator (as an editor)': compile(false), 'ajv with discriminator': compile(true) };

const config = (...monitors: unknown[]) => ({ version: 1, monitors });

/** Every ```json block of a Markdown file that is a whole config (has "version"). */
function jsonConfigsIn(file: string): unknown[] {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)]
    .map((match) => JSON.parse(match[1] as string) as unknown)
    .filter((doc) => typeof doc === 'object' && doc !== null && 'version' in doc);
}

describe.each(Object.entries(validators))('docs/config.schema.json, %s', (_name, validate) => {
  it('rejects a tcp monitor with a url', () => {
    expect(validate(config({ id: 'db', type: 'tcp', host: 'db.example.com', port: 5432, url: 'https://db.example.com/' }))).toBe(false);
  });

  it('rejects an http monitor without a url', () => {
    expect(validate(config({ id: 'api', type: 'http' }))).toBe(false);
  });

  it('rejects a type it does not know, and a field of another type', () => {
    expect(validate(config({ id: 'x', type: 'ping', host: 'example.com' }))).toBe(false);
    expect(validate(config({ id: 'db', type: 'tcp', host: 'db.example.com', port: 5432, keyword: 'ok' }))).toBe(false);
  });

  it.each(['README.md', 'docs/config.md'])('accepts the example configs in %s', (file) => {
    const examples = jsonConfigsIn(file);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts docs/examples/matrix-homeserver.json', () => {
    const example = JSON.parse(readFileSync(new URL('../../docs/examples/matrix-homeserver.json', import.meta.url), 'utf8')) as unknown;
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('config validation says it in words, oneOf or not', () => {
  const issues = (...monitors: unknown[]) => {
    const result = validateConfig(config(...monitors));
    return result.ok ? [] : result.issues;
  };

  it('names the field a type does not take', () => {
    expect(issues({ id: 'db', type: 'tcp', host: 'h', port: 1 }, { id: 'db2', type: 'tcp', host: 'h', port: 1, url: 'https://h/' })).toEqual([
      { path: 'monitors[1].url', message: 'is not a field of a tcp monitor' },
    ]);
  });

  it('names the field a type needs', () => {
    expect(issues({ id: 'api', type: 'http' })).toEqual([{ path: 'monitors[0].url', message: 'is required for an http monitor' }]);
  });

  it('names a missing or unknown type without listing every branch', () => {
    expect(issues({ id: 'a' })).toEqual([{ path: 'monitors[0].type', message: 'is required' }]);
    expect(issues({ id: 'a', type: 'ping' })).toEqual([
      { path: 'monitors[0].type', message: expect.stringMatching(/^must be one of "http", "tcp", "tls", /) as string },
    ]);
  });
});
