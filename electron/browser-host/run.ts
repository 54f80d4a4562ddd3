import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/app-error';
import { createHandlers } from '../core/handlers';
import { createRuntimeCore } from '../core/runtime';
import { isSafeExternalUrl } from '../core/security/urls';
import { openConfStore } from '../core/settings/open-conf';
import { DownloadShelf } from './downloads';
import { acquireInstanceLock } from './instance-lock';
import { openInBrowser } from './open-browser';
import { startBrowserHost, type BrowserHost } from './server';

export interface BrowserModeOptions {
  dataDir: string;
  port?: number;
  open: boolean;
  out(text: string): void;
  env?: NodeJS.ProcessEnv;
}

/** The checkout or install folder (the one with package.json), from here or from the dist/ bundle. */
export function appRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Could not find the Patchbay folder (package.json).');
    dir = parent;
  }
  return dir;
}

/**
 * `patchbay ui` / `npm start` without Electron: the app in the default browser, served by the same
 * core the window uses, until the last tab has been closed for a while or Ctrl+C. A second start on
 * the same data folder opens the running one instead. Resolves with the exit code.
 */
export async function runBrowserMode(o: BrowserModeOptions): Promise<number> {
  const root = appRoot();
  const rendererDir = join(root, 'out', 'renderer');
  const bridgeFile = join(root, 'out', 'browser-bridge', 'bridge.js');
  if (!existsSync(join(rendererDir, 'index.html')) || !existsSync(bridgeFile))
    throw new AppError('not_found', 'The app is not built yet: run `npm run build:renderer` (npm start does it).');
  const open = (url: string) => (o.open ? openInBrowser(url, o.env) : false);

  let host: BrowserHost | undefined;
  const lock = await acquireInstanceLock(o.dataDir, () => host?.openUrl);
  if (!lock.owner) {
    o.out(`Patchbay is already running for ${o.dataDir}: ${lock.url}`);
    open(lock.url);
    return 0;
  }
  const downloads = new DownloadShelf();
  const closers: (() => unknown)[] = [() => lock.release(), () => downloads.close()];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await Promise.resolve(close()).catch(() => {});
  };
  try {
    const core = await createRuntimeCore({
      dataDir: o.dataDir,
      openSettings: openConfStore,
      // OAuth sign-in opens a tab next to the app's; only plain web links are opened.
      openExternal: (url) => {
        if (!isSafeExternalUrl(url)) return;
        if (!open(url)) o.out(`Open this address in your browser to sign in:\n${url}`);
      },
      chooseSavePath: downloads.chooseSavePath,
    });
    closers.push(() => core.close());
    let stop!: (reason: string) => void;
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    host = await startBrowserHost({
      handlers: createHandlers(core),
      events: core.events,
      fileGrants: core.fileGrants,
      downloads,
      rendererDir,
      bridgeFile,
      port: o.port,
      log: core.log,
      onIdle: () => stop('the last Patchbay tab was closed'),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        throw new AppError('conflict', `Port ${o.port} is in use on 127.0.0.1: choose another with --port N.`, {
          field: 'port',
        });
      throw error;
    });
    closers.push(() => host?.close());
    void core.startServices();
    o.out(`Patchbay is running in your browser at ${host.openUrl}`);
    o.out('This address is the key to this session: do not share it. Press Ctrl+C to stop.');
    open(host.openUrl);
    const onSignal = () => stop('Ctrl+C');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const reason = await stopped;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    o.out(`Stopping Patchbay: ${reason}.`);
    return 0;
  } finally {
    await closeAll();
  }
}
