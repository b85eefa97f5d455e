// electron-builder validates its configuration before it packages anything (which needs the network); this
// runs that same validation offline, plus the JSON schema it ships, and pins the security-relevant fields.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const projectDir = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  files?: Array<string | { filter?: string[] }>;
  directories?: { buildResources?: string };
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[]; icon?: string; category?: string };
  mac?: { target?: string[]; category?: string; hardenedRuntime?: boolean; entitlements?: string };
  win?: { target?: string[]; icon?: string };
}

// electron-builder's own loader and validator (app-builder-lib is the package electron-builder runs).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function loadConfig(): Promise<BuilderConfig> {
  return getConfig(projectDir, path.join(projectDir, 'electron-builder.yml'), null);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own validation', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('validates against app-builder-lib scheme.json', async () => {
    const schema = JSON.parse(await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const config = await loadConfig();
    // electron-builder adds `extends` to a loaded config; the schema knows it, so validate as loaded.
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a misspelt fuse, so the validation above is not vacuous', async () => {
    const config = { ...(await loadConfig()), electronFuses: { runAsNod: false } };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('flips every security fuse', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('names the app and its targets per platform', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('org.picket.app');
    expect(config.productName).toBe('Picket');
    expect(config.directories?.buildResources).toBe('build');
    // The loader normalises a plain list into { filter: [...] }.
    expect(config.files?.flatMap((entry) => (typeof entry === 'string' ? [entry] : (entry.filter ?? [])))).toEqual(['out/**', 'assets/**', 'package.json']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.icon).toBe('build/icon.png');
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.category).toBe('public.app-category.developer-tools');
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.win?.icon).toBe('build/icon.ico');
  });

  it('points mac entitlements at a file that exists', async () => {
    const config = await loadConfig();
    const plist = await readFile(path.join(projectDir, config.mac?.entitlements ?? 'missing'), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
  });
});
