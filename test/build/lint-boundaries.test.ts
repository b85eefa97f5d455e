// The layers of docs/architecture.md are enforced by eslint.config.js (no-restricted-imports). A rule that stops
// matching fails silently, so this lints one import at a time, in memory, from a file in each layer.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/cli-process.ts';

// Only the import rule, and without type information: the files below do not exist, and need not.
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({
    cwd: PROJECT_ROOT,
    overrideConfig: tseslint.configs.disableTypeChecked,
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  });
});

async function importProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${PROJECT_ROOT}/${filePath}` });
  // A parse error would come without a ruleId and read as "allowed": it fails the test instead.
  expect(result?.messages.filter((message) => message.ruleId !== 'no-restricted-imports')).toEqual([]);
  return (result?.messages ?? []).map((message) => message.message);
}

const importOf = (source: string): string => `import { thing } from '${source}';\nexport const used = thing;\n`;

// [a file in the layer, imports it may not make, imports it may make]
const LAYERS: Array<[string, string[], string[]]> = [
  [
    'renderer/src/views/list/Example.tsx',
    ['../../../../electron/core/engine/engine.ts', '../../../../electron/main/index.ts', '../../../../electron/web/web-server.ts', '../../../../electron/cli/main.ts', '../../../../electron/preload/index.ts', 'node:fs', 'path', 'electron'],
    ['../../../../electron/shared/contract.ts', '../../store/monitors-store.ts', '../form/MonitorForm.tsx', 'react', 'zustand'],
  ],
  [
    'electron/shared/example.ts',
    ['../core/engine/engine.ts', '../main/index.ts', '../web/web-server.ts', '../cli/main.ts', '../preload/index.ts', '../../renderer/src/App.tsx', 'node:crypto', 'fs/promises', 'electron'],
    ['./contract.ts', 'ajv'],
  ],
  [
    'electron/core/checks/example.ts',
    ['../../main/index.ts', '../../web/web-server.ts', '../../cli/main.ts', '../../preload/index.ts', '../../../renderer/src/App.tsx', 'electron'],
    ['../../shared/types.ts', '../failure-kind.ts', './http.ts', 'node:net', 'undici'],
  ],
  [
    'electron/preload/example.ts',
    ['../core/engine/engine.ts', '../main/index.ts', '../web/web-server.ts', 'node:fs', 'os'],
    ['../shared/contract.ts', './picket-bridge.ts', 'electron'],
  ],
  [
    'electron/web/example.ts',
    ['../main/index.ts', '../cli/main.ts', '../preload/index.ts', 'electron'],
    ['../core/service/picket-service.ts', '../shared/contract.ts', 'node:http', 'ws'],
  ],
  [
    'electron/cli/example.ts',
    ['../main/index.ts', '../preload/index.ts', 'electron'],
    ['../core/service/picket-service.ts', '../shared/contract.ts', '../web/web-server.ts', 'node:fs'],
  ],
  [
    'electron/main/tray/example.ts',
    ['../../web/web-server.ts', '../../cli/main.ts', '../../preload/index.ts'],
    ['../../core/service/picket-service.ts', '../../shared/contract.ts', '../window/main-window.ts', 'electron', 'node:path'],
  ],
];

describe('the layer boundaries in eslint.config.js', () => {
  for (const [file, refused, allowed] of LAYERS) {
    const layer = file.split('/').slice(0, file.startsWith('renderer/') ? 1 : 2).join('/');
    it(`refuse what ${layer} may not import`, async () => {
      for (const source of refused) {
        const problems = await importProblems(file, importOf(source));
        expect(problems, `${file} importing ${source}`).toHaveLength(1);
        // Worded for a person: the layer that may not, and where the rule is written down.
        expect(problems[0], source).toMatch(/may not import|only electron\/main|without Node/i);
        expect(problems[0], source).toContain('docs/architecture.md');
      }
    });

    it(`allow what ${layer} may import`, async () => {
      for (const source of allowed) expect(await importProblems(file, importOf(source)), `${file} importing ${source}`).toEqual([]);
    });
  }

  it('also catch type-only imports and re-exports', async () => {
    expect(await importProblems('electron/shared/example.ts', "import type { Engine } from '../core/engine/engine.ts';\nexport type E = Engine;\n")).toHaveLength(1);
    expect(await importProblems('renderer/src/example.ts', "export { PicketService } from '../../electron/core/service/picket-service.ts';\n")).toHaveLength(1);
  });

  it('leave tests free to reach any layer, but keep electron to the glue and its tests', async () => {
    expect(await importProblems('test/core/example.test.ts', importOf('../../electron/main/index.ts'))).toEqual([]);
    expect(await importProblems('test/core/example.test.ts', importOf('electron'))).toHaveLength(1);
    expect(await importProblems('test/main/example.test.ts', importOf('electron'))).toEqual([]);
  });
});
