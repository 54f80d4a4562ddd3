import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * electron-builder.yml without running electron-builder (its packaging needs the Electron binary): the file
 * is valid against electron-builder's own schema, sets the fuses, and names what `npm run build:app`
 * produces, so a release build contains a main process that finds its preload, page and sync worker.
 * The output checks read the build in out/ (`npm test` runs build:app before the unit tests).
 */
const root = join(import.meta.dirname, '../../..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

/** electron-builder's file patterns, enough for ours: `dir/**`, a plain path, and `!` exclusions. */
function packaged(file: string): boolean {
  let included = false;
  for (const pattern of config.files as string[]) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const re = new RegExp(
      `^${body
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '\0A')
        .replace(/\*\*/g, '\0B')
        .replace(/\*/g, '[^/]*')
        .replace(/\0A/g, '(?:.*/)?')
        .replace(/\0B/g, '.*')}$`,
    );
    if (re.test(file)) included = !negated;
  }
  return included;
}

function builtFile(path: string): string {
  const file = join(root, path);
  if (!existsSync(file)) throw new Error(`${path} is missing: run \`npm run build:app\` first (npm test does).`);
  return readFileSync(file, 'utf8');
}

/** Relative ESM imports of a built file, resolved, recursively. */
function importClosure(start: string): string[] {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of builtFile(file).matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g))
      queue.push(relative(root, join(root, dirname(file), m[1]!)));
  }
  return [...seen];
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(config), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('flips the fuses that keep the packaged app from being run as something else', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('unpacks every native dependency from the asar (a .node file cannot be loaded from inside it)', () => {
    const native = Object.keys(pkg.dependencies).filter((d) =>
      existsSync(join(root, 'node_modules', d, 'binding.gyp')),
    );
    expect(native.length).toBeGreaterThan(0);
    for (const dep of native) expect(config.asarUnpack).toContain(`**/node_modules/${dep}/**`);
  });

  it('points at icons that exist', () => {
    const icons = [
      (config.linux as { icon: string }).icon,
      (config.mac as { icon: string }).icon,
      (config.win as { icon: string }).icon,
    ];
    for (const icon of icons) expect(existsSync(join(root, icon)), icon).toBe(true);
    expect(readdirSync(join(root, 'assets/icons')).some((f) => f.endsWith('.png'))).toBe(true);
  });

  it("packages the build: package.json's main, its preload, page and sync worker, and everything they import", () => {
    const main = pkg.main;
    expect(packaged(main)).toBe(true);
    const mainCode = builtFile(main);
    // What the window loads, relative to the main bundle (electron/main/window.ts).
    expect(mainCode).toContain('../preload/index.cjs');
    expect(mainCode).toContain('../renderer/index.html');
    const mainDir = dirname(main);
    const preload = join(mainDir, '../preload/index.cjs');
    const page = join(mainDir, '../renderer/index.html');
    // The sync runner finds its worker beside its own file.
    const runnerFile = importClosure(main).find((f) => builtFile(f).includes('new URL("./sync-worker.mjs"'));
    expect(runnerFile, 'the file with the sync runner').toBeDefined();
    const worker = join(dirname(runnerFile!), 'sync-worker.mjs');
    for (const file of [...importClosure(main), preload, page, ...importClosure(worker)]) {
      builtFile(file);
      expect(packaged(file), `${file} is in the package`).toBe(true);
    }
    // The worker runs in a Node thread: it must not need Electron.
    for (const file of importClosure(worker)) expect(builtFile(file)).not.toMatch(/from\s*["']electron["']/);
    for (const m of builtFile(page).matchAll(/(?:src|href)="\.\/([^"]+)"/g))
      expect(packaged(join(dirname(page), m[1]!)), m[1]).toBe(true);
    expect(packaged('out/main/index.js.map')).toBe(false);
  });
});
