import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }] }],
    },
  },
  {
    // Plain-JavaScript scripts run by Node before anything is built (build/scripts, the test network guard).
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The Electron glue (and its tests, which fake it) are the only places that may import electron.
    files: ['electron/main/**', 'electron/preload/**', 'test/main/**', 'test/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
