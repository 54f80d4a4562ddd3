import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncRunner } from '../../../electron/core/sync/runner';
import { demoConnectorPlan } from './connector-plan';
import { makeHarness, writtenCustomers, type Harness } from './harness';

let h: Harness | undefined;
let runner: SyncRunner | undefined;
afterEach(async () => {
  await runner?.close();
  await h?.close();
  h = runner = undefined;
});

const CUSTOMER_STAGES = ['customer', 'evangelist'];

describe('a record filter in a real sync (connector runtime, worker, sandbox CRM → billing)', () => {
  it('sends only matching contacts, reports every other one as filtered with its reason, in dry runs too', async () => {
    h = await makeHarness({ sizes: { contacts: 80, customers: 0 } });
    const contacts = [...Array(80).keys()].map((i) => h!.sandbox.servers.crm.store.tables.contacts.get(i)!);
    const matching = contacts.filter((c) => CUSTOMER_STAGES.includes(String(c.properties.lifecyclestage)));
    // The seed must give both kinds, or the test proves nothing.
    expect(matching.length).toBeGreaterThan(5);
    expect(matching.length).toBeLessThan(75);

    const plan = await demoConnectorPlan(h, {
      mapping: (m) => ({
        ...m,
        filter: { match: 'all', conditions: [{ field: 'lifecyclestage', op: 'in', value: CUSTOMER_STAGES }] },
      }),
    });
    runner = new SyncRunner({ dbPath: join(h.dir, 'state.db'), store: h.store });

    const dry = await runner.start(plan, { dryRun: true }).done;
    expect(dry.error).toBeNull();
    expect(dry.counters.filtered).toBe(80 - matching.length);
    expect(writtenCustomers(h)).toHaveLength(0);

    const run = await runner.start(plan).done;
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.counters.processed).toBe(80);
    expect(run.counters.filtered).toBe(80 - matching.length);
    expect(run.counters.created + run.counters.merged).toBe(matching.length);
    const written = writtenCustomers(h);
    expect(written.every((c) => (c.metadata as Record<string, string>).lifecycle === 'customer')).toBe(true);

    const filtered = h.store.outcomes(run.id, { kind: 'filtered', limit: 500 });
    expect(filtered).toHaveLength(80 - matching.length);
    const lead = contacts.find((c) => !CUSTOMER_STAGES.includes(String(c.properties.lifecyclestage)))!;
    expect(filtered.find((o) => o.sourceId === lead.id)?.reason).toBe(
      `lifecyclestage is "${String(lead.properties.lifecyclestage)}" (the filter needs is one of ["customer","evangelist"])`,
    );

    // A contact that becomes a customer passes the filter on the next run and is created then.
    const index = contacts.indexOf(lead);
    h.sandbox.servers.crm.store.update('contacts', index, { lifecyclestage: 'customer' });
    const next = await runner.start(plan).done;
    expect(next.counters.filtered).toBe(80 - matching.length - 1);
    expect(writtenCustomers(h).length).toBe(written.length + 1);
  });
});
