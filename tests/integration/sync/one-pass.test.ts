import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorCatalog, memoryConnectorStore } from '../../../electron/core/connectors/catalog';
import {
  BILLING_CUSTOMER_FIELDS,
  CRM_CONTACT_FIELDS,
  DEMO_CRM_PROPERTIES,
  demoMapping,
  demoSync,
} from '../../../electron/demo/mapping';
import { runSync } from '../../../electron/core/sync/engine';
import { partsOf, type RunPlan } from '../../../electron/core/sync/plan';
import { searchRecipeFor } from '../../../electron/core/sync/search-recipes';
import type { CallEvent } from '../../../shared/models/call-event';
import type { ConnectorDefinition } from '../../../shared/models/connector';
import { SyncDefinition } from '../../../shared/models/sync';
import { testConnection } from '../../helpers/demo-plan';
import { makeHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The billing definition as an imported connector often is: no search operation, no match-key lookup. */
function unsearchable(definition: ConnectorDefinition): ConnectorDefinition {
  return {
    ...definition,
    resources: definition.resources.map((r) => {
      const { search: _search, ...operations } = r.operations;
      const { lookups: _lookups, ...rest } = r;
      return { ...rest, operations };
    }),
  };
}

async function planFor(hh: Harness, opts: { syncId: string; search: boolean }): Promise<RunPlan> {
  const catalog = await ConnectorCatalog.open(memoryConnectorStore());
  const billing = catalog.get('billing-stripe');
  return {
    definition: SyncDefinition.parse({ ...demoSync(), id: opts.syncId }),
    mapping: demoMapping({ crm: 'crm', billing: 'billing' }),
    sourceSchema: CRM_CONTACT_FIELDS,
    targetSchema: BILLING_CUSTOMER_FIELDS,
    source: {
      kind: 'connector',
      definition: catalog.get('crm-hubspot'),
      connection: testConnection('crm', 'crm-hubspot', hh.sandbox.urls.crm),
      secrets: { token: hh.sandbox.credentials.crm.accessToken },
      resource: 'contacts',
      fields: DEMO_CRM_PROPERTIES,
    },
    target: {
      kind: 'connector',
      definition: opts.search ? billing : unsearchable(billing),
      connection: testConnection('billing', 'billing-stripe', hh.sandbox.urls.billing),
      secrets: { token: hh.sandbox.credentials.billing.secretKey },
      resource: 'customers',
      ...(opts.search ? { search: searchRecipeFor('billing-stripe', 'customers', 'email') } : {}),
      rateLimits: { requestsPerSecond: 1000, burst: 100, maxConcurrency: 16 },
    },
  };
}

async function run(hh: Harness, plan: RunPlan) {
  const calls: CallEvent[] = [];
  const parts = partsOf(plan, { onCall: (e) => calls.push(e) });
  const result = await runSync({ ...parts, store: hh.store });
  return { result, calls };
}

describe('one pass over a target that cannot be searched', () => {
  it('lists the target once per run, and a target that already holds every record, equal, gets no write', async () => {
    h = await makeHarness({ sizes: { contacts: 150, customers: 40 } });
    const first = await run(h, await planFor(h, { syncId: 'fill', search: false }));
    expect(first.result.status).toBe('succeeded');
    const created = first.result.counters.created;
    expect(created).toBeGreaterThan(100);
    // Every lookup was answered from the run's index: the customer list was read once, page by page.
    const targetHost = new URL(h.sandbox.urls.billing).host;
    const targetReads = first.calls.filter((c) => c.host === targetHost && c.method === 'GET');
    expect(targetReads.length).toBeGreaterThan(0);
    expect(targetReads.every((c) => c.operation === 'list')).toBe(true);
    expect(targetReads.length).toBeLessThanOrEqual(3);

    // A new sync (no id map) over a target that now holds every record with the same values.
    const again = await run(h, await planFor(h, { syncId: 'fresh', search: false }));
    expect(again.result.status).toBe('succeeded');
    const writes = again.calls.filter((c) => c.host === targetHost && c.method !== 'GET');
    expect(writes).toEqual([]);
    expect(again.result.counters.unchanged + again.result.counters.merged).toBe(150);
    const reads = again.calls.filter((c) => c.host === targetHost);
    // ~1 list page per 100 target records; never one request per record.
    expect(reads.length).toBeLessThanOrEqual(Math.ceil((40 + created) / 100) + 1);
  });

  it("the sandbox's malformed fault on the connector path: the run finishes with every record accounted for", async () => {
    h = await makeHarness({ sizes: { contacts: 200, customers: 0 }, faults: 'malformed=0.05' });
    const { result } = await run(h, await planFor(h, { syncId: 'faulty', search: true }));
    expect(result.error).toBeNull();
    expect(['succeeded', 'completed_with_errors']).toContain(result.status);
    expect(result.counters.processed).toBe(200);
    const c = result.counters;
    expect(c.created + c.updated + c.unchanged + c.merged + c.failed + c.skipped).toBe(200);
    expect(h.sandbox.servers.billing.faults.injected.malformed).toBeGreaterThan(0);
    expect(h.sandbox.servers.billing.store.duplicates().byEmail).toEqual([]);
  });
});
