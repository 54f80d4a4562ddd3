import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DownloadShelf } from '../../electron/browser-host/downloads';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server';
import type { CoreOptions } from '../../electron/core/create-core';
import { makeTestCore, type TestCore } from '../helpers/core';
import { serveStatic } from './static-server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rendererDir = `${root}out/renderer`;
const bridgeFile = `${root}out/browser-bridge/bridge.js`;
export const screenshotDir = `${root}docs/screenshots`;

export function chromiumPath(): string {
  return process.env.PATCHBAY_CHROMIUM ?? '/usr/bin/chromium';
}

let preloadBundle: Promise<string> | undefined;
/** The real preload source, bundled for the page with `electron` replaced by the Playwright bridge. */
function bundlePreload(): Promise<string> {
  preloadBundle ??= build({
    entryPoints: [`${root}electron/preload/index.ts`],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    alias: { electron: `${root}tests/e2e/fake-electron-renderer.ts` },
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return preloadBundle;
}

export interface E2EApp {
  page: Page;
  browser: Browser;
  test: TestCore;
  /** Browser mode's server the page talks to (undefined for the preload transport). */
  host?: BrowserHost;
  /** Every call the page made, for assertions about what crossed the bridge. */
  calls: { channel: string; payload: unknown; result: unknown }[];
  goto(page: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  colorScheme?: 'light' | 'dark';
  setup?: (t: TestCore) => Promise<void>;
  core?: Partial<CoreOptions>;
  /**
   * 'browser' (default): the page talks to the real core over browser mode's server (HTTP calls,
   * SSE events, token cookie, origin checks), exactly as `patchbay ui` serves it.
   * 'preload': the real Electron preload bundled with `electron` swapped for Playwright bindings.
   */
  transport?: 'browser' | 'preload';
  /** Browser mode: exports are downloaded by the browser, as for `patchbay ui` (else written where the core chose). */
  downloads?: boolean;
}

/**
 * Starts the app as a user sees it, minus the Electron binary: the built renderer in real Chromium
 * and the real core + handler table, reached over browser mode's real transport (or the preload).
 */
export async function launchApp(opts: LaunchOptions = {}): Promise<E2EApp> {
  if (!existsSync(`${rendererDir}/index.html`) || !existsSync(bridgeFile))
    throw new Error('out/renderer is missing: run `npm run build:renderer` first (npm run test:e2e does).');
  const shelf = new DownloadShelf();
  const test = await makeTestCore({
    ...(opts.downloads ? { chooseSavePath: shelf.chooseSavePath } : {}),
    ...opts.core,
  });
  await opts.setup?.(test);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const calls: E2EApp['calls'] = [];
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  if ((opts.transport ?? 'browser') === 'browser') {
    const host = await startBrowserHost({
      handlers: test.handlers,
      events: test.core.events,
      fileGrants: test.core.fileGrants,
      downloads: shelf,
      rendererDir,
      bridgeFile,
      dev: true,
      observe: (call) => calls.push(call),
    });
    await page.goto(host.openUrl);
    await page.waitForSelector('[data-testid^="page-"]');
    return handle({ page, browser, test, calls, host }, async () => {
      await browser.close();
      await host.close();
      shelf.close();
      await test.close();
    });
  }
  const server = await serveStatic(rendererDir);
  await context.exposeBinding('__patchbayInvoke', async (source, channel: unknown, payload: unknown) => {
    // Mirrors the IPC router's sender check: only our page's main frame may call.
    if (source.frame !== source.page.mainFrame())
      return {
        ok: false,
        error: { code: 'forbidden_sender', message: 'Calls are accepted only from the Patchbay window.' },
      };
    const result = await test.rawUntrusted(channel, payload);
    calls.push({ channel: String(channel), payload, result });
    return result;
  });
  await context.addInitScript({ content: await bundlePreload() });
  const unsubscribe = test.core.events.onAny((event, payload) => {
    void page.evaluate(([e, p]) => window.__patchbayEmit(`event:${e}`, p), [event, payload] as const).catch(() => {});
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-testid^="page-"]');
  return handle({ page, browser, test, calls }, async () => {
    unsubscribe();
    await browser.close();
    await server.close();
    shelf.close();
    await test.close();
  });
}

function handle(
  parts: Pick<E2EApp, 'page' | 'browser' | 'test' | 'calls' | 'host'>,
  close: () => Promise<void>,
): E2EApp {
  const { page } = parts;
  return {
    ...parts,
    async goto(name) {
      await page.click(`[data-testid="nav-${name}"]`);
      await page.waitForSelector(`[data-testid="page-${name}"]`);
    },
    async screenshot(name) {
      mkdirSync(screenshotDir, { recursive: true });
      const path = `${screenshotDir}/${name}.png`;
      await page.screenshot({ path });
      return path;
    },
    close,
  };
}
