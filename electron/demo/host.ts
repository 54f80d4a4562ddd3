import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { BaseCore as Core } from '../core/create-core';
import type { DemoTools } from '../core/demo/port';
import { readDemoState } from '../core/demo/state';
import { startSandbox, type Sandbox } from '../sandbox';
import { salesOverviewDemo } from './sales-overview';
import { DEMO_RATES_FROM, DEMO_SIZES, demoCredentials, installDemoWorkspace } from './workspace';

/** Starts the sandbox tools for the demo workspace: pinned seed and keys, state kept in <data dir>/sandbox. */
export async function startDemoSandbox(core: Core): Promise<Sandbox> {
  const keychain = await core.secrets.available();
  if (!keychain.ok)
    throw new AppError(
      'keychain_unavailable',
      `${keychain.message} The demo keeps its sandbox keys in the keychain like real ones.`,
    );
  const pinned = await demoCredentials(core);
  const sandbox = await startSandbox({
    seed: pinned.seed,
    credentials: pinned.credentials,
    sizes: DEMO_SIZES,
    stateDir: join(core.dataDir, 'sandbox'),
  });
  sandbox.servers.rates.histStart = DEMO_RATES_FROM;
  sandbox.servers.rates.resetStore({});
  return sandbox;
}

/**
 * Core's demo port over the sandbox: in the app, the sandbox tools run as long as the app does, so the
 * demo connections always point at live servers. Started on demand ("Try the demo") or at launch when a
 * demo workspace exists; stopped (saving what syncs wrote) when the core closes.
 */
export class SandboxDemoTools implements DemoTools {
  private sandbox?: Sandbox;
  private starting?: Promise<void>;

  constructor(private readonly core: Core) {}

  urls(): Record<string, string> | undefined {
    return this.sandbox ? { ...this.sandbox.urls } : undefined;
  }

  /** Start the sandbox (once) and (re)install the workspace on its ports. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      const sandbox = this.sandbox ?? (await startDemoSandbox(this.core));
      try {
        const before = readDemoState(this.core.settings);
        // Without the previous sandbox data the id map would point at records that no longer exist.
        if (before && !sandbox.restored && !this.sandbox) this.core.sync.store.removeSync(before.syncId);
        await installDemoWorkspace(this.core, sandbox);
        this.sandbox = sandbox;
      } catch (error) {
        if (!this.sandbox) await sandbox.stop();
        throw error;
      }
    })().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async stop(): Promise<void> {
    const sandbox = this.sandbox;
    this.sandbox = undefined;
    await sandbox?.stop();
  }

  salesOverview: DemoTools['salesOverview'] = (opts) => salesOverviewDemo(opts);
}
