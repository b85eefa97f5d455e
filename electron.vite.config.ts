// Builds the three parts into out/: main (ESM, Node), preload (one CommonJS file, because a sandboxed
// preload cannot load ES modules or other files) and the renderer (React, from renderer/).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { standaloneAjv } from './electron/shared/ajv.ts';
import { SHAPE_SCHEMAS, VALIDATOR_EXPORTS } from './electron/shared/shape-schemas.ts';

const root = import.meta.dirname;

// In dev, Vite's inline React-refresh preamble would break the strict <meta> policy; main sends a dev
// policy as a header instead (contentSecurityPolicy({ devServerUrl })). Built files keep the meta.
function devWithoutCspMeta(): Plugin {
  return {
    name: 'picket:dev-without-csp-meta',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
  };
}

// The dashboard may not eval (CSP script-src 'self'), and ajv compiles schemas with new Function. So the
// renderer gets the validators of electron/shared/schema-validators.ts as code generated here, at build time,
// from the same schemas and options: the form checks exactly what the engine checks.
function precompiledValidators(): Plugin {
  const target = resolve(root, 'electron/shared/schema-validators.ts');
  return {
    name: 'picket:precompiled-validators',
    enforce: 'pre',
    load(id) {
      if (id.split('?')[0] !== target) return null;
      const ajv = standaloneAjv();
      for (const [name, schema] of Object.entries(SHAPE_SCHEMAS)) ajv.addSchema(schema, name);
      return standaloneCode(ajv, VALIDATOR_EXPORTS);
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Everything but 'electron' is bundled in: the sandboxed preload's require only knows 'electron'.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devWithoutCspMeta(), precompiledValidators()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
