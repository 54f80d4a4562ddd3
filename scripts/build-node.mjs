// Bundles the plain-Node entry points (the CLI and worker threads) with esbuild into dist/.
// Dependencies stay external: they are installed next to us and some are native (keytar, better-sqlite3).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = {
  cli: 'electron/cli/main.ts',
  'sync-worker': 'electron/core/sync/worker-entry.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

await build({
  entryPoints,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __pbCreateRequire } from 'node:module'; const require = __pbCreateRequire(import.meta.url);",
  },
});
console.log(`built ${Object.keys(entryPoints).join(', ')} into dist/`);
