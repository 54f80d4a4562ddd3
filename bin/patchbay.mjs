#!/usr/bin/env node
// The `patchbay` command. `npm install` builds dist/cli.mjs (the "prepare" script); from a source
// checkout without a build, fall back to running the TypeScript entry through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../electron/cli/main.ts', import.meta.url).href);
}
