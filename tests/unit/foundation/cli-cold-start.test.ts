import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/tmp';
import { nodeBuildOptions } from '../../../scripts/build-node.mjs';

/**
 * The CLI starts fast because `--version` and `--help` load almost nothing: this bundles the CLI exactly
 * as `npm run build:node` does and walks the import graph the way Node loads it (static imports load
 * at once, dynamic ones only when reached), failing if the cheap paths would load the core, zod or a
 * native module.
 */
const HEAVY_PACKAGES = ['zod', 'keytar', 'better-sqlite3', 'axios', 'conf', 'soap', 'jsonata'];
const CHEAP_CORE_FILES = new Set(['electron/core/version.ts', 'electron/core/data-dir.ts']);

let metafile: Metafile;
async function bundle(): Promise<Metafile> {
  metafile ??= (await build({ ...nodeBuildOptions(), write: false })).metafile;
  return metafile;
}

/** Every source file and external package loaded at once when `start` is imported. */
function staticClosure(meta: Metafile, start: string[]): { inputs: Set<string>; packages: Set<string> } {
  const inputs = new Set<string>();
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const output = meta.outputs[file]!;
    for (const input of Object.keys(output.inputs)) inputs.add(input);
    for (const imp of output.imports) {
      if (imp.kind !== 'import-statement') continue;
      if (imp.external) packages.add(imp.path.startsWith('node:') ? imp.path : imp.path.split('/')[0]!);
      else queue.push(imp.path);
    }
  }
  return { inputs, packages };
}

function outputContaining(meta: Metafile, input: string): string {
  const found = Object.entries(meta.outputs).find(([file, o]) => file.endsWith('.mjs') && input in o.inputs);
  if (!found) throw new Error(`no output contains ${input}`);
  return found[0];
}

function expectCheap(loaded: { inputs: Set<string>; packages: Set<string> }) {
  const core = [...loaded.inputs].filter(
    (f) => f.startsWith('electron/') && !f.startsWith('electron/cli/') && !CHEAP_CORE_FILES.has(f),
  );
  expect(core).toEqual([]);
  expect([...loaded.packages].filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([]);
  expect([...loaded.inputs].filter((f) => f.startsWith('node_modules/'))).toEqual([]);
}

describe('CLI cold start', () => {
  it('`patchbay --version` loads only the entry: no command, no core, no zod', { timeout: 60_000 }, async () => {
    const meta = await bundle();
    const loaded = staticClosure(meta, ['dist/cli.mjs']);
    expectCheap(loaded);
    expect([...loaded.inputs].some((f) => f.startsWith('electron/cli/commands/'))).toBe(false);
  });

  it('`patchbay --help` loads the command list, still without the core or zod', { timeout: 60_000 }, async () => {
    const meta = await bundle();
    const registry = outputContaining(meta, 'electron/cli/commands/index.ts');
    const loaded = staticClosure(meta, ['dist/cli.mjs', registry]);
    expect(loaded.inputs.has('electron/cli/commands/connections.ts')).toBe(true);
    expectCheap(loaded);
  });

  it(
    'the core is in the bundle, behind a dynamic import (the check above can see it)',
    { timeout: 60_000 },
    async () => {
      const meta = await bundle();
      const coreChunk = outputContaining(meta, 'electron/core/create-core.ts');
      expect(staticClosure(meta, ['dist/cli.mjs']).inputs.has('electron/core/create-core.ts')).toBe(false);
      expect(coreChunk).toMatch(/^dist\/.+\.mjs$/);
    },
  );

  it(
    'the sandbox tools and the demo are chunks of their own: loading the core does not load them',
    { timeout: 60_000 },
    async () => {
      const meta = await bundle();
      const coreChunk = outputContaining(meta, 'electron/core/create-core.ts');
      const withCore = staticClosure(meta, ['dist/cli.mjs', coreChunk]);
      const demoFiles = [...withCore.inputs].filter((f) => /^electron\/(sandbox|demo)\//.test(f));
      expect(demoFiles).toEqual([]);
      expect(outputContaining(meta, 'electron/sandbox/crm/server.ts')).not.toBe(coreChunk);
      expect(outputContaining(meta, 'electron/demo/workspace.ts')).not.toBe(coreChunk);
    },
  );

  it(
    'a command that calls the core does not load the OpenAPI importer unless it imports a document',
    { timeout: 60_000 },
    async () => {
      const meta = await bundle();
      const start = [
        'electron/core/create-core.ts',
        'electron/core/handlers/index.ts',
        'electron/core/ipc/dispatch.ts',
      ];
      const loaded = staticClosure(meta, ['dist/cli.mjs', ...start.map((f) => outputContaining(meta, f))]);
      expect(loaded.inputs.has('electron/core/create-core.ts')).toBe(true);
      expect([...loaded.packages].filter((p) => p.startsWith('@apidevtools'))).toEqual([]);
    },
  );

  it('`patchbay --version` answers from bin/ alone: no bundle, no sources, no freshness check', () => {
    // The entry script and package.json, nothing else: any module --version tried to load would be missing.
    const tmp = makeTempDir();
    try {
      mkdirSync(join(tmp.dir, 'bin'));
      copyFileSync('bin/patchbay.mjs', join(tmp.dir, 'bin/patchbay.mjs'));
      copyFileSync('package.json', join(tmp.dir, 'package.json'));
      const run = (args: string[]) =>
        spawnSync(process.execPath, [join(tmp.dir, 'bin/patchbay.mjs'), ...args], { encoding: 'utf8' });
      const version = run(['--version']);
      expect(version.stderr).toBe('');
      expect(version.stdout).toBe(
        `${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`,
      );
      expect(run(['-v']).stdout).toBe(version.stdout);
      // The same folder cannot answer anything else, so the answer above came from the fast path.
      const help = run(['--help']);
      expect(help.status).toBe(1);
      expect(help.stderr).toContain('neither the sources nor dist/cli.mjs');
    } finally {
      tmp.cleanup();
    }
  });
});
