// Bundles the command line into one plain-JavaScript file, out/cli/picket.mjs: `picket` starts without a
// TypeScript loader, and `npm link` or `npm install -g .` puts it on PATH through package.json's "bin".
// Dependencies stay in node_modules (installed beside it); Node's own modules are never bundled.
import { chmodSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import pkg from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const dependencies = Object.keys(pkg.dependencies);
const isExternal = (id: string): boolean =>
  id.startsWith('node:') || builtinModules.includes(id) || dependencies.some((name) => id === name || id.startsWith(`${name}/`));

/** The bundle is a program: executable, so `out/cli/picket.mjs` runs as it is. */
function executable(): Plugin {
  return {
    name: 'picket:executable',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) if (name.endsWith('.mjs')) chmodSync(resolve(options.dir ?? '', name), 0o755);
    },
  };
}

export default defineConfig({
  plugins: [executable()],
  build: {
    ssr: resolve(root, 'electron/cli/picket.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      external: isExternal,
      // The entry stays tiny (a Node version check); the commands load as chunks, only the one a command needs.
      // Chunks sit beside the entry: serve finds the dashboard relative to its own file (../../out/renderer).
      output: { format: 'es', entryFileNames: 'picket.mjs', chunkFileNames: '[name]-[hash].mjs', banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : '') },
    },
  },
  ssr: { noExternal: true },
  logLevel: 'warn',
});
