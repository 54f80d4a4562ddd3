import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorCatalog, memoryConnectorStore } from '../../../electron/core/connectors/catalog';
import {
  BILLING_CUSTOMER_FIELDS,
  CRM_CONTACT_FIELDS,
  DEMO_CRM_PROPERTIES,
  demoMapping,
  demoSync,
} from '../../../electron/demo/mapping';
import type { RunPlan } from '../../../electron/core/sync/plan';
import { searchRecipeFor } from '../../../electron/core/sync/search-recipes';
import { SyncRunner } from '../../../electron/core/sync/runner';
import type { CallEvent } from '../../../shared/models/call-event';
import { SyncDefinition } from '../../../shared/models/sync';
import { testConnection } from '../../helpers/demo-plan';
import { makeHarness, writtenCustomers, type Harness } from './harness';

let h: Harness | undefined;
let runner: SyncRunner | undefined;
afterEach(async () => {
  await runner?.close();
  await h?.close();
  h = runner = undefined;
});

describe('the product path: connections through the connector runtime, in the worker', () => {
  it('syncs CRM → billing via ConnectorClient adapters, idempotency keys and a search lookup; second run unchanged', async () => {
    h = await makeHarness({ sizes: { contacts: 120, customers: 300 } });
    const catalog = await ConnectorCatalog.open(memoryConnectorStore());
    const fast = { requestsPerSecond: 500, burst: 100, maxConcurrency: 8 };
    const plan: RunPlan = {
      definition: SyncDefinition.parse(demoSync()),
      mapping: demoMapping({ crm: 'crm', billing: 'billing' }),
      sourceSchema: CRM_CONTACT_FIELDS,
      targetSchema: BILLING_CUSTOMER_FIELDS,
      source: {
        kind: 'connector',
        definition: catalog.get('crm-hubspot'),
        connection: testConnection('crm', 'crm-hubspot', h.sandbox.urls.crm),
        secrets: { token: h.sandbox.credentials.crm.accessToken },
        resource: 'contacts',
        fields: DEMO_CRM_PROPERTIES,
        rateLimits: fast,
      },
      target: {
        kind: 'connector',
        definition: catalog.get('billing-stripe'),
        connection: testConnection('billing', 'billing-stripe', h.sandbox.urls.billing),
        secrets: { token: h.sandbox.credentials.billing.secretKey },
        resource: 'customers',
        search: searchRecipeFor('billing-stripe', 'customers', 'email'),
        rateLimits: fast,
      },
    };
    runner = new SyncRunner({ dbPath: join(h.dir, 'state.db'), store: h.store });
    const calls: CallEvent[] = [];
    runner.on('calls', (e) => calls.push(...e));
    const first = await runner.start(plan).done;
    expect(first.error).toBeNull();
    expect(first.status).toBe('succeeded');
    expect(first.counters.processed).toBe(120);
    expect(first.counters.merged).toBe(3);
    expect(first.counters.created + first.counters.updated + first.counters.unchanged).toBe(117);
    const keys = h.sandbox.servers.billing.log
      .all()
      .filter((e) => e.method === 'POST' && e.path === '/v1/customers')
      .map((e) => e.key);
    expect(keys.every((k) => k?.startsWith('pb-'))).toBe(true);
    expect(h.sandbox.servers.billing.store.duplicates().byEmail).toEqual([]);
    expect(calls.length).toBeGreaterThan(100);
    expect(calls.every((c) => c.syncId === 'demo-crm-to-billing' && c.runId === first.id)).toBe(true);
    expect(JSON.stringify(calls)).not.toContain(h.sandbox.credentials.billing.secretKey);

    const written = writtenCustomers(h).length;
    const second = await runner.start(plan).done;
    expect(second.counters.unchanged).toBe(120);
    expect(writtenCustomers(h).length).toBe(written);
  });
});
