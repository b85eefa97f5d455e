import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ELECTRON_IMPORT = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };

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
      'no-restricted-imports': ['error', { paths: [ELECTRON_IMPORT] }],
    },
  },
  {
    // The Electron glue (and its tests, which fake it) are the only places that may import electron.
    files: ['electron/main/**', 'electron/preload/**', 'test/main/**', 'test/preload/**'],
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
