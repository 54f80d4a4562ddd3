#!/usr/bin/env node
// The `patchbay` command. It runs the prebuilt bundle (dist/cli.mjs, made by `npm install`'s prepare
// step and `npm run build:node`) when that bundle is at least as new as every source file it was built
// from, because tsx compiling TypeScript at each start costs most of a second. In a checkout whose
// sources changed since the build, it runs the TypeScript through tsx instead, so it is never stale.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const built = new URL('dist/cli.mjs', root);
const source = new URL('electron/cli/main.ts', root);

/** True when dist/ was built after the last change to any file it was built from. */
function bundleIsFresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(new URL('dist/build-inputs.json', root), 'utf8'));
  } catch {
    // A bundle without a stamp is an installed build without sources (or an old build): use it if alone.
    return existsSync(fileURLToPath(built)) && !existsSync(fileURLToPath(source));
  }
  if (!existsSync(fileURLToPath(built))) return false;
  for (const input of stamp.inputs) {
    const stat = statSync(new URL(input, root), { throwIfNoEntry: false });
    // A deleted input means the sources moved on; an installed build without sources has no inputs to compare.
    if (stat ? stat.mtimeMs > stamp.builtAt : existsSync(fileURLToPath(source))) return false;
  }
  return true;
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Scripts and health checks call this most: answer from package.json (the version's one source, which the
  // bundle inlines too) before the freshness check's hundreds of stats and before any module loads.
  process.stdout.write(`${JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).version}\n`);
} else if (bundleIsFresh()) {
  await import(built.href);
} else if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  console.error('patchbay: neither the sources nor dist/cli.mjs are here; run `npm install` first.');
  process.exit(1);
}
