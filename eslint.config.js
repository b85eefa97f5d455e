import js from '@eslint/js';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ---- Layer boundaries (docs/architecture.md, "Layers"): which layer may import which ----
// no-restricted-imports sees the import as written, not the file it resolves to, so a layer is recognised by its
// folder name after any number of "../" (with or without "electron/"). No layer has a subfolder named after
// another layer, which keeps this exact.
const LAYERS = {
  shared: { folder: 'electron/shared', mayImport: [] },
  core: { folder: 'electron/core', mayImport: ['shared'] },
  main: { folder: 'electron/main', mayImport: ['core', 'shared'] },
  preload: { folder: 'electron/preload', mayImport: ['shared'] },
  web: { folder: 'electron/web', mayImport: ['core', 'shared'] },
  cli: { folder: 'electron/cli', mayImport: ['core', 'shared', 'web'] },
  renderer: { folder: 'renderer', mayImport: ['shared'] },
};
// Code that also runs in the browser (or the sandboxed preload) has no Node.
const WITHOUT_NODE = new Set(['shared', 'preload', 'renderer']);
const WITH_ELECTRON = new Set(['main', 'preload']);

const SEE_LAYERS = 'See docs/architecture.md, "Layers".';
const ELECTRON_IMPORT = { name: 'electron', message: `Only electron/main and electron/preload may import electron. ${SEE_LAYERS}` };
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NODE_BUILTIN = `^(node:|(${builtinModules.map(escapeRegex).join('|')})(/|$))`;

function importRestrictions(layer) {
  const { folder, mayImport } = LAYERS[layer];
  const allowed = mayImport.length > 0 ? mayImport.map((other) => LAYERS[other].folder).join(' and ') : 'nothing outside itself';
  const patterns = Object.keys(LAYERS)
    .filter((other) => other !== layer && !mayImport.includes(other))
    .map((other) => ({
      regex: `^(\\.\\./)+(electron/)?${other}(/|$)`,
      message: `${folder} may not import ${LAYERS[other].folder}: it may import ${allowed}. ${SEE_LAYERS}`,
    }));
  if (WITHOUT_NODE.has(layer)) {
    patterns.push({ regex: NODE_BUILTIN, message: `${folder} runs without Node (in the browser or the sandboxed preload): no Node modules. ${SEE_LAYERS}` });
  }
  return ['error', { paths: WITH_ELECTRON.has(layer) ? [] : [ELECTRON_IMPORT], patterns }];
}

const layerBoundaries = Object.entries(LAYERS).map(([layer, { folder }]) => ({
  files: [`${folder}/**`],
  rules: { 'no-restricted-imports': importRestrictions(layer) },
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked with the nearest tsconfig that includes it: renderer/tsconfig.json for the dashboard
        // (test/renderer/tsconfig.json points at it for its tests), the root one for everything else.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Passing on a rejection we did not make (a task's, a caught one) must keep it as it was; a literal
      // non-Error is still refused.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Tests and scripts are no layer, but only the Electron glue's tests (which fake it) may import electron.
      'no-restricted-imports': ['error', { paths: [ELECTRON_IMPORT] }],
    },
  },
  ...layerBoundaries,
  {
    files: ['test/main/**', 'test/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // A missing dependency is a stale-closure bug, not a style point: as strict as the rest.
    rules: { 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['test/**'],
    rules: {
      // Fakes of Promise-returning dependencies are written `async () => value`: the shortest honest fake, and a
      // throw inside it becomes the rejection the code under test must handle.
      '@typescript-eslint/require-await': 'off',
      // expect(fake.method), vi.mocked(fake.method) and destructured harness helpers never call through `this`.
      '@typescript-eslint/unbound-method': 'off',
      // vitest's asymmetric matchers (expect.any, expect.stringMatching…) are typed `any` so that they fit any
      // field; they are in nearly every toEqual. Reading parsed JSON is still caught by no-unsafe-member-access.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Plain-JavaScript scripts run by Node before anything is built (build/scripts, the test network guard).
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
