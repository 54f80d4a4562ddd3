import { AppError } from '../../../shared/errors';
import type { DatasetInput, XrefEntryInput } from '../../../shared/models/datasets';
import type { BaseCore } from '../create-core';
import { readDemoState } from './state';

/**
 * The demo as core sees it: the one seam between product code and the sandbox tools (electron/sandbox,
 * local look-alikes of the SaaS APIs). Core never imports the sandbox or the demo module that drives it
 * (electron/demo); the shell, the CLI and tests inject a loader, which the app resolves with a dynamic
 * import so the sandbox ships as its own chunk and is read from disk only when the demo is used.
 */
export interface DemoTools {
  /** Start the sandbox tools (once) and (re)install the demo workspace on their ports. */
  start(): Promise<void>;
  /** Stop them, saving what syncs wrote for the next start. */
  stop(): Promise<void>;
  /** Base URLs of the running tools; undefined when stopped. */
  urls(): Record<string, string> | undefined;
  /** The "Sales overview" dataset over the given shop, billing and rates connections, with its product list. */
  salesOverview(opts: SalesOverviewOptions): { dataset: DatasetInput; xref: XrefEntryInput[] };
}

export interface SalesOverviewOptions {
  shopConnectionId: string;
  billingConnectionId: string;
  /** Connection of the "Exchange rates (ECB-compatible)" connector; without one, fixed rates are used. */
  ratesConnectionId?: string;
  /** The feed resource with full history. */
  ratesResource?: string;
  id?: string;
}

/** Builds the demo tools for a core (electron/demo's createDemoTools, usually behind `import()`). */
export type LoadDemoTools = (core: BaseCore) => Promise<DemoTools>;

export interface DemoStatus {
  installed: boolean;
  running: boolean;
  urls?: Record<string, string>;
}

/**
 * What the IPC handlers and the app's start-up call: loads the demo tools on first use and stops them
 * when the core closes. Without a loader (a build or test that leaves the demo out) every use says so.
 */
export class DemoHost {
  private tools?: Promise<DemoTools>;

  constructor(
    private readonly core: BaseCore,
    private readonly load?: LoadDemoTools,
  ) {
    core.onClose(() => this.stop());
  }

  get installed(): boolean {
    return readDemoState(this.core.settings) !== undefined;
  }

  private loaded(): Promise<DemoTools> {
    const load = this.load;
    if (!load) return Promise.reject(new AppError('unsupported', 'The demo tools are not part of this build.'));
    this.tools ??= load(this.core).catch((error: unknown) => {
      this.tools = undefined;
      throw error;
    });
    return this.tools;
  }

  async status(): Promise<DemoStatus> {
    const urls = this.tools ? (await this.tools.catch(() => undefined))?.urls() : undefined;
    return { installed: this.installed, running: !!urls, ...(urls ? { urls: { ...urls } } : {}) };
  }

  async start(): Promise<void> {
    await (await this.loaded()).start();
  }

  async stop(): Promise<void> {
    const tools = await this.tools?.catch(() => undefined);
    await tools?.stop();
  }

  /** Save the "Sales overview" dataset and its product cross-reference; returns the dataset id. */
  async installSalesOverview(opts: SalesOverviewOptions): Promise<string> {
    return saveDemoDataset(this.core, (await this.loaded()).salesOverview(opts));
  }
}

/** A demo dataset with its product cross-reference (saving again updates both); returns the dataset id. */
export function saveDemoDataset(core: BaseCore, spec: { dataset: DatasetInput; xref: XrefEntryInput[] }): string {
  const saved = core.datasets.save(spec.dataset);
  core.datasets.xref.upsert(saved.id, spec.xref);
  return saved.id;
}
