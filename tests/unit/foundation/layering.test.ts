import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of ARCHITECTURE.md are lint rules; these cases prove they fire (a rule that never
 * fails would pass silently). Each snippet is linted as if it lived at the given path.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleHits(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering lint rules', () => {
  it('fail when electron/core imports electron', async () => {
    const hits = await ruleHits('electron/core/fixture.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(hits.join('\n')).toMatch(
      /no-restricted-imports: .*only electron\/main and electron\/preload may import electron/,
    );
  });

  it('fail when electron/core imports electron-store', async () => {
    const hits = await ruleHits(
      'electron/core/fixture.ts',
      "import Store from 'electron-store';\nexport const x = Store;\n",
    );
    expect(hits.join('\n')).toMatch(/electron-store/);
  });

  it('fail when the renderer imports core code or Node built-ins', async () => {
    const core = await ruleHits(
      'renderer/src/fixture.ts',
      "import { createCore } from '../../electron/core/create-core';\nexport const x = createCore;\n",
    );
    expect(core.join('\n')).toMatch(/never imports electron\//);
    const fs = await ruleHits(
      'renderer/src/fixture.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(fs.join('\n')).toMatch(/no Node built-ins/);
  });

  it('fail when shared/ imports electron/ code', async () => {
    const hits = await ruleHits(
      'shared/fixture.ts',
      "import { createCore } from '../electron/core/create-core';\nexport const x = createCore;\n",
    );
    expect(hits.join('\n')).toMatch(/imports neither/);
  });

  it('fail when the shell touches ipcMain outside the router', async () => {
    const hits = await ruleHits(
      'electron/main/fixture.ts',
      "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n",
    );
    expect(hits.join('\n')).toMatch(/Only electron\/main\/ipc-router.ts/);
    const ok = await ruleHits(
      'electron/main/ipc-router.ts',
      "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n",
    );
    expect(ok.filter((h) => h.startsWith('no-restricted-imports'))).toEqual([]);
  });

  it('fail when electron/core imports the sandbox tools or the demo module, however the import is written', async () => {
    const cases: [string, string][] = [
      ['electron/core/fixture.ts', "import { startSandbox } from '../sandbox';\nexport const x = startSandbox;\n"],
      ['electron/core/sync/fixture.ts', "export { CATALOG } from '../../sandbox/data/products';\n"],
      ['electron/core/demo/fixture.ts', "export const load = () => import('../../demo');\n"],
      [
        'electron/core/fixture.ts',
        "import { createDemoTools } from '../demo/index';\nexport const x = createDemoTools;\n",
      ],
    ];
    for (const [file, code] of cases) {
      const hits = await ruleHits(file, code);
      expect(hits.join('\n'), `${file}: ${code}`).toMatch(/layering\/no-import-from: electron\/core never imports the/);
    }
  });

  it('let core import its own demo port, and the shell and the CLI load the demo', async () => {
    const port = await ruleHits(
      'electron/core/fixture.ts',
      "import { DemoHost } from './demo/port';\nexport const x = DemoHost;\n",
    );
    expect(port).toEqual([]);
    const shell = await ruleHits(
      'electron/main/fixture.ts',
      "export const load = () => import('../demo');\nexport const sb = () => import('../sandbox');\n",
    );
    expect(shell).toEqual([]);
  });

  it('fail when the sandbox tools import core', async () => {
    const hits = await ruleHits(
      'electron/sandbox/crm/fixture.ts',
      "import { AppError } from '../../core/ipc/dispatch';\nexport const x = AppError;\n",
    );
    expect(hits.join('\n')).toMatch(/never import core/);
  });

  it('forbid eval and new Function everywhere', async () => {
    const hits = await ruleHits(
      'shared/fixture.ts',
      'export const f = new Function("return 1");\nexport const g = eval("1");\n',
    );
    expect(hits.join('\n')).toMatch(/no-new-func/);
    expect(hits.join('\n')).toMatch(/no-eval/);
  });

  it('forbid `as unknown as` in product code and tests alike', async () => {
    for (const file of ['electron/core/fixture.ts', 'tests/unit/fixture.test.ts', 'renderer/src/fixture.tsx']) {
      const hits = await ruleHits(file, 'const v: unknown = 1;\nexport const n = v as unknown as number;\n');
      expect(hits.join('\n'), file).toMatch(/casts\/no-double-cast: `as unknown as` switches the type checker off/);
    }
    const single = await ruleHits('electron/core/fixture.ts', 'const v: unknown = 1;\nexport const n = v as number;\n');
    expect(single).toEqual([]);
  });

  it('accept the allowed direction (core imports shared)', async () => {
    const hits = await ruleHits(
      'electron/core/fixture.ts',
      "import { AppError } from '../../shared/errors';\nexport const x = AppError;\n",
    );
    expect(hits).toEqual([]);
  });
});
