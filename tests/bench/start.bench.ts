import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { DownloadShelf } from '../../electron/browser-host/downloads';
import { startBrowserHost } from '../../electron/browser-host/server';
import { makeTestCore } from '../helpers/core';
import { makeTempDir } from '../helpers/tmp';
import type { Figure } from './run';

/**
 * Start-up: the CLI's cold start per command (median of 5, wall time and peak RSS, through
 * bin/patchbay.mjs as a user runs it, with a fresh bundle), browser mode's time from launch to the app's
 * first page painted, and a small channel's round trip over browser mode against a direct dispatch.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function coldStart(args: string[], dataDir: string): { ms: number; rssKb?: number } {
  const timer = existsSync('/usr/bin/time');
  const command = timer ? '/usr/bin/time' : process.execPath;
  const argv = [
    ...(timer ? ['-f', 'rss_kb=%M', process.execPath] : []),
    'bin/patchbay.mjs',
    '--data-dir',
    dataDir,
    ...args,
  ];
  const start = performance.now();
  const run = spawnSync(command, argv, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== 0 && args[0] !== 'doctor') throw new Error(`patchbay ${args.join(' ')} failed: ${run.stderr}`);
  const rss = /rss_kb=(\d+)/.exec(run.stderr)?.[1];
  return { ms, rssKb: rss ? Number(rss) : undefined };
}

export default async function* bench(): AsyncGenerator<Figure> {
  const build = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build:node failed: ${build.stderr}`);
  const data = makeTempDir('patchbay-bench-start-');
  for (const args of [['--version'], ['--help'], ['doctor'], ['connections', 'list']]) {
    coldStart(args, data.dir); // warm the OS file cache, as on a machine that has run it before
    const runs = Array.from({ length: 5 }, () => coldStart(args, data.dir));
    const name = args.join('_').replace(/^--/, '');
    yield {
      bench: 'start',
      figure: `cli_${name}_ms`,
      value: Math.round(median(runs.map((r) => r.ms))),
      unit: 'ms',
      note: 'median of 5',
    };
    const rss = runs.map((r) => r.rssKb).filter((x): x is number => x !== undefined);
    if (rss.length)
      yield { bench: 'start', figure: `cli_${name}_rss`, value: Math.round(median(rss) / 1024), unit: 'MB' };
  }

  // Browser mode, from launching `patchbay ui` to the app's first page painted in a running browser.
  if (!existsSync(`${root}out/renderer/index.html`) || !existsSync(`${root}out/browser-bridge/bridge.js`))
    throw new Error('Run `npm run build:renderer` first: browser mode serves the built app.');
  const browser = await chromium.launch({
    executablePath: process.env.PATCHBAY_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const uiData = makeTempDir('patchbay-bench-ui-');
  const start = performance.now();
  const ui = spawn(process.execPath, ['bin/patchbay.mjs', '--data-dir', uiData.dir, 'ui', '--no-open'], {
    cwd: root,
    env: { ...process.env, BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    ui.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/auth\?token=[\w-]+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    ui.on('exit', () => reject(new Error(`patchbay ui exited: ${out}`)));
  });
  const served = performance.now() - start;
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid^="page-"]');
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  const painted = performance.now() - start;
  yield { bench: 'start', figure: 'browser_mode_address_ms', value: Math.round(served), unit: 'ms' };
  yield { bench: 'start', figure: 'browser_mode_first_page_painted_ms', value: Math.round(painted), unit: 'ms' };
  await page.close();
  ui.kill('SIGINT');
  await new Promise((resolve) => ui.on('exit', resolve));

  // Round trip of a small channel: page → HTTP → dispatch → page, against dispatch called directly.
  const t = await makeTestCore();
  const shelf = new DownloadShelf();
  const host = await startBrowserHost({
    handlers: t.handlers,
    events: t.core.events,
    fileGrants: t.core.fileGrants,
    downloads: shelf,
    rendererDir: `${root}out/renderer`,
    bridgeFile: `${root}out/browser-bridge/bridge.js`,
    dev: true,
  });
  const tab = await browser.newPage();
  await tab.goto(host.openUrl);
  await tab.waitForSelector('[data-testid^="page-"]');
  const N = 300;
  // A string, so this Node-typed file needs no DOM types: the loop runs in the page.
  const overHttp = (await tab.evaluate(`(async () => {
    const api = window.patchbay;
    for (let i = 0; i < 30; i++) await api.settings.get();
    const t0 = performance.now();
    for (let i = 0; i < ${N}; i++) await api.settings.get();
    return (performance.now() - t0) / ${N};
  })()`)) as number;
  for (let i = 0; i < 30; i++) await t.raw('settings:get', {});
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await t.raw('settings:get', {});
  const direct = (performance.now() - t0) / N;
  yield {
    bench: 'start',
    figure: 'browser_mode_call_ms',
    value: Number(overHttp.toFixed(3)),
    unit: 'ms',
    note: 'settings:get',
  };
  yield { bench: 'start', figure: 'direct_dispatch_call_ms', value: Number(direct.toFixed(3)), unit: 'ms' };
  yield {
    bench: 'start',
    figure: 'browser_mode_over_direct',
    value: Number((overHttp / direct).toFixed(1)),
    unit: 'ratio',
  };
  await browser.close();
  await host.close();
  shelf.close();
  await t.close();
  data.cleanup();
  uiData.cleanup();
}
