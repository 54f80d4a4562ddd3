// Bundles the plain-Node entry points (the CLI and worker threads) with esbuild into dist/.
// Dependencies stay external: they are installed next to us and some are native (keytar, better-sqlite3).
// Code splitting keeps the CLI's lazy imports lazy in the bundle: `patchbay --version` loads one small
// file, and a command loads only the chunks it imports. Chunks sit next to the entries (not in a
// subfolder) because core code finds `sync-worker.mjs` relative to its own file.
import { build } from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entries = {
  cli: 'electron/cli/main.ts',
  'sync-worker': 'electron/core/sync/worker-entry.ts',
};

/** The esbuild options of the Node bundle (also used by the cold-start test to inspect the import graph). */
export function nodeBuildOptions() {
  return {
    entryPoints: Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file))),
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    // 20.19, not 20: esbuild keeps `with { type: 'json' }` only for a target that supports import
    // attributes, and Node refuses a JSON import without it (i18n-iso-countries' language files).
    target: 'node20.19',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __pbCreateRequire } from 'node:module'; const require = __pbCreateRequire(import.meta.url);",
    },
  };
}

/**
 * Builds dist/ and writes dist/build-inputs.json: the source files the bundle was made from and when,
 * so bin/patchbay.mjs can tell a fresh bundle from one older than the sources.
 */
export async function buildNode() {
  const startedAt = Date.now();
  const options = nodeBuildOptions();
  const result = await build(options);
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/'));
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/build-inputs.json', JSON.stringify({ builtAt: startedAt, inputs }));
  return Object.keys(options.entryPoints);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildNode();
  console.log(`built ${built.join(', ')} into dist/`);
}
