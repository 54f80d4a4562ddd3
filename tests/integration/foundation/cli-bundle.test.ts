import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBuildOptions } from '../../../scripts/build-node.mjs';
import { makeTempDir } from '../../helpers/tmp';
import pkg from '../../../package.json';

/**
 * The prebuilt CLI bundle (what an installed Patchbay runs, and what bin/patchbay.mjs prefers when it
 * is fresh) must run on this Node: it once crashed on a JSON import without `with { type: 'json' }`.
 * The bundle is built inside the repository (test-results/) so its external packages resolve.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
let work: string;

beforeAll(async () => {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  work = mkdtempSync(join(root, 'test-results', 'cli-bundle-'));
  await build({ ...nodeBuildOptions(), outdir: join(work, 'dist'), logLevel: 'error' });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const node = (args: string[], cwd = root) =>
  spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 60_000, env: process.env });

describe('the prebuilt CLI bundle', () => {
  it('prints its version and lists connections, loading the whole core (JSON imports included)', () => {
    expect(node([join(work, 'dist', 'cli.mjs'), '--version']).stdout).toBe(`${pkg.version}\n`);
    const data = makeTempDir();
    const list = node([join(work, 'dist', 'cli.mjs'), '--data-dir', data.dir, 'connections', 'list', '--json']);
    data.cleanup();
    expect(list.stderr).not.toMatch(/ERR_IMPORT/);
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});

describe('bin/patchbay.mjs', () => {
  // A miniature checkout: the real launcher, a "bundle" and a "source" that each say which one ran.
  function checkout(): string {
    const dir = mkdtempSync(join(work, 'checkout-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, 'electron', 'cli'), { recursive: true });
    cpSync(join(root, 'bin', 'patchbay.mjs'), join(dir, 'bin', 'patchbay.mjs'));
    writeFileSync(join(dir, 'dist', 'cli.mjs'), "console.log('bundle');\n");
    writeFileSync(join(dir, 'electron', 'cli', 'main.ts'), "const from: string = 'source';\nconsole.log(from);\n");
    const builtAt = Date.now();
    writeFileSync(
      join(dir, 'dist', 'build-inputs.json'),
      JSON.stringify({ builtAt, inputs: ['electron/cli/main.ts'] }),
    );
    const before = new Date(builtAt - 60_000);
    utimesSync(join(dir, 'electron', 'cli', 'main.ts'), before, before);
    return dir;
  }

  it('runs the bundle when it is newer than its sources, and the sources once one changed', () => {
    const dir = checkout();
    expect(node([join(dir, 'bin', 'patchbay.mjs')], dir).stdout).toBe('bundle\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'electron', 'cli', 'main.ts'), later, later);
    const stale = node([join(dir, 'bin', 'patchbay.mjs')], dir);
    expect(stale.stdout, stale.stderr).toBe('source\n');
  });

  it('runs the bundle of an installed build that has no sources', () => {
    const dir = checkout();
    rmSync(join(dir, 'electron'), { recursive: true });
    rmSync(join(dir, 'dist', 'build-inputs.json'));
    expect(node([join(dir, 'bin', 'patchbay.mjs')], dir).stdout).toBe('bundle\n');
  });
});
