import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorCatalog, memoryConnectorStore } from '../../../electron/core/connectors/catalog';
import type { RunPlan } from '../../../electron/core/sync/plan';
import { SyncRunner } from '../../../electron/core/sync/runner';
import {
  ACCOUNTING_CRM_PROPERTIES,
  XERO_CONTACT_FIELDS,
  accountingMapping,
  accountingSync,
} from '../../../electron/demo/accounting-mapping';
import { CRM_CONTACT_FIELDS } from '../../../electron/demo/mapping';
import { SyncDefinition } from '../../../shared/models/sync';
import { testConnection } from '../../helpers/demo-plan';
import { makeHarness, type Harness } from './harness';

let h: Harness | undefined;
let runner: SyncRunner | undefined;
afterEach(async () => {
  await runner?.close();
  await h?.close();
  h = runner = undefined;
});

describe('CRM contacts → Xero contacts through the connector runtime', () => {
  it('creates one Xero contact per CRM person, found again by e-mail on the second run', async () => {
    h = await makeHarness({ sizes: { contacts: 50, accountingContacts: 0, accountingInvoices: 0 } });
    const catalog = await ConnectorCatalog.open(memoryConnectorStore());
    const fast = { requestsPerSecond: 500, burst: 100, maxConcurrency: 4 };
    const xero = h.sandbox.servers.accounting;
    const plan: RunPlan = {
      definition: SyncDefinition.parse(accountingSync()),
      mapping: accountingMapping({ crm: 'crm', accounting: 'accounting' }),
      sourceSchema: CRM_CONTACT_FIELDS,
      targetSchema: XERO_CONTACT_FIELDS,
      source: {
        kind: 'connector',
        definition: catalog.get('crm-hubspot'),
        connection: testConnection('crm', 'crm-hubspot', h.sandbox.urls.crm),
        secrets: { token: h.sandbox.credentials.crm.accessToken },
        resource: 'contacts',
        fields: ACCOUNTING_CRM_PROPERTIES,
        rateLimits: fast,
      },
      target: {
        kind: 'connector',
        definition: catalog.get('accounting-xero'),
        connection: testConnection('accounting', 'accounting-xero', h.sandbox.endpoints.accountingApi, {
          tenantId: h.sandbox.credentials.accounting.tenantId,
        }),
        secrets: { token: h.sandbox.credentials.accounting.accessToken },
        resource: 'contacts',
        rateLimits: fast,
      },
    };
    runner = new SyncRunner({ dbPath: join(h.dir, 'state.db'), store: h.store });
    const first = await runner.start(plan).done;
    expect(first.error, JSON.stringify(first.error)).toBeNull();
    expect(first.status).toBe('succeeded');
    expect(first.counters.processed).toBe(50);
    // Every 40th CRM record is the same person typed again: merged, not a second contact.
    expect(first.counters.merged).toBe(1);
    expect(first.counters.created).toBe(49);
    const contacts = xero.store.tables.Contacts.rows;
    expect(contacts).toHaveLength(49);
    expect(
      contacts.every((c) => /^CRM-\d+$/.test(String(c.ContactNumber)) && /\(CRM \d+\)$/.test(String(c.Name))),
    ).toBe(true);
    // Every write went as Xero takes it: a list under Contacts, with an Idempotency-Key.
    const writes = xero.log.all().filter((e) => e.method === 'PUT' || e.method === 'POST');
    expect(writes.every((e) => e.key)).toBe(true);

    const second = await runner.start(plan).done;
    // All 50 CRM records (the duplicate too) find their contact by e-mail and leave it as it is.
    expect(second.counters.unchanged).toBe(50);
    expect(xero.store.tables.Contacts.rows).toHaveLength(49);
  });
});
