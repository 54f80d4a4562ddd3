#!/usr/bin/env node
// The `patchbay` command. In a source checkout it runs the TypeScript entry through tsx, so it can
// never be stale after a pull; an installed build without sources runs the bundle from `prepare`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = new URL('../electron/cli/main.ts', import.meta.url);
const built = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  console.error('patchbay: neither the sources nor dist/cli.mjs are here; run `npm install` first.');
  process.exit(1);
}
