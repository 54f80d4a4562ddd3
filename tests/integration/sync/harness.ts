import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox';
import { demoParts, type DemoPlanSpec } from '../../helpers/demo-plan';
import { runSync, type EngineOptions } from '../../../electron/core/sync/engine';
import { openStateDb } from '../../../electron/core/sync/state-db';
import { SyncStateStore } from '../../../electron/core/sync/state-store';
import { makeTempDir } from '../../helpers/tmp';

/**
 * A sandbox (CRM + billing), a temp state.db, and a `run()` that runs the demo sync against them through
 * the connector runtime (the product path).
 */
export async function makeHarness(opts: SandboxOptions = {}) {
  const sandbox: Sandbox = await startSandbox({ rateLimits: false, ...opts });
  const tmp = makeTempDir('patchbay-sync-');
  const db = openStateDb(join(tmp.dir, 'state.db'));
  const store = new SyncStateStore(db);
  const spec = (extra: Partial<DemoPlanSpec> = {}): DemoPlanSpec => ({
    crm: { baseUrl: sandbox.urls.crm, token: sandbox.credentials.crm.accessToken },
    billing: { baseUrl: sandbox.urls.billing, secretKey: sandbox.credentials.billing.secretKey },
    timeoutMs: 5000,
    ...extra,
  });
  return {
    sandbox,
    store,
    dir: tmp.dir,
    spec,
    parts: (extra: Partial<DemoPlanSpec> = {}) => demoParts(spec(extra)),
    run(extra: Partial<DemoPlanSpec> = {}, options: Partial<EngineOptions> = {}) {
      const p = demoParts(spec(extra));
      return runSync({ ...p, store, ...options });
    },
    async close() {
      db.close();
      await sandbox.stop();
      tmp.cleanup();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof makeHarness>>;

/** Every customer written through the API (the sandbox's generated rows are not included). */
export function writtenCustomers(h: Harness): Array<Record<string, unknown>> {
  return [...h.sandbox.servers.billing.store.customers.written()].map((r) => ({ ...r.rec }));
}
