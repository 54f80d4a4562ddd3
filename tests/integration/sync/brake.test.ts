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

const writes = (hh: Harness) =>
  hh.sandbox.servers.billing.log.all().filter((e) => e.method === 'POST' && e.path.startsWith('/v1/customers')).length;

describe('the brake (connector runtime, worker, sandbox CRM → billing)', () => {
  it('holds a mapping change that would update 80% of the target before any write, and runs it once confirmed', async () => {
    h = await makeHarness({ sizes: { contacts: 50, customers: 0 } });
    const first = await demoConnectorPlan(h);
    runner = new SyncRunner({ dbPath: join(h.dir, 'state.db'), store: h.store });
    const created = await runner.start(first).done;
    expect(created.status).toBe('succeeded');
    const synced = h.store.mappedCount(first.definition.id);
    expect(synced).toBe(50);

    // Version 2 tags contacts 11..50 differently: 40 of the 50 synced customers would change.
    const changed = await demoConnectorPlan(h, {
      mapping: (m) => ({
        ...m,
        version: 2,
        rules: m.rules!.map((r) =>
          r.id === 'r-source'
            ? {
                ...r,
                transforms: [{ kind: 'expression', expression: "$number(id) <= 10 ? 'patchbay-demo' : 'patchbay-v2'" }],
              }
            : r,
        ),
      }),
    });
    const before = writes(h);
    const held = await runner.start(changed).done;
    expect(held.status).toBe('needs_confirmation');
    // 40 contacts change; the seed's duplicate e-mails merge a pair onto one customer, so 39 or 40 updates.
    const updates = held.counters.updated;
    expect(updates).toBeGreaterThanOrEqual(38);
    expect(updates).toBeLessThanOrEqual(40);
    expect(held.error?.message).toContain(
      `would update or delete ${updates} target records (${Math.round((updates / 50) * 100)}% of the 50 records`,
    );
    expect(writes(h)).toBe(before);
    // The held run's outcomes are the sample: which record, which field, before and after.
    const sample = h.store.outcomes(held.id, { kind: 'updated', limit: 3 });
    expect(sample[0]?.changes).toEqual([{ field: 'metadata_source', before: 'patchbay-demo', after: 'patchbay-v2' }]);

    // Running again without confirming holds again; confirming lets it through once.
    expect((await runner.start(changed).done).status).toBe('needs_confirmation');
    const confirmed = await runner.start(changed, { confirmed: true }).done;
    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.dryRun).toBe(false);
    expect(confirmed.counters.updated).toBe(updates);
    const tagged = writtenCustomers(h).filter((c) => (c.metadata as Record<string, string>).source === 'patchbay-v2');
    expect(tagged).toHaveLength(updates);

    // Nothing left to change: the next run passes the brake and writes nothing.
    const after = await runner.start(changed).done;
    expect(after.status).toBe('succeeded');
    expect(after.counters.updated + after.counters.created).toBe(0);
  });

  it('flags a match key that finds two target records before any write, and never updates either', async () => {
    h = await makeHarness({ sizes: { contacts: 12, customers: 0 } });
    const email = String(h.sandbox.servers.crm.store.tables.contacts.get(0)!.properties.email);
    const twins: string[] = [];
    for (const name of ['First twin', 'Second twin']) {
      const res = await fetch(`${h.sandbox.urls.billing}/v1/customers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${h.sandbox.credentials.billing.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ email, name }).toString(),
      });
      twins.push(((await res.json()) as { id: string }).id);
    }
    const plan = await demoConnectorPlan(h);
    runner = new SyncRunner({ dbPath: join(h.dir, 'state.db'), store: h.store });
    const before = writes(h);
    const held = await runner.start(plan).done;
    expect(held.status).toBe('needs_confirmation');
    expect(held.counters.ambiguous).toBe(1);
    expect(held.error?.message).toContain('1 source record(s) match more than one target record');
    expect(writes(h)).toBe(before);
    const [flag] = h.store.outcomes(held.id, { kind: 'ambiguous', limit: 5 });
    expect(flag).toMatchObject({ sourceId: '1', code: 'ambiguous_match', targetId: null });
    expect(flag!.reason).toContain(`2 target records have match key ${email.toLowerCase()} (`);
    for (const id of twins) expect(flag!.reason).toContain(id);

    // Confirmed, the run writes everything else; the ambiguous contact still touches neither twin.
    const run = await runner.start(plan, { confirmed: true }).done;
    expect(run.counters.ambiguous).toBe(1);
    expect(run.counters.created + run.counters.merged).toBe(11);
    const names = writtenCustomers(h)
      .filter((c) => twins.includes(String(c.id)))
      .map((c) => c.name);
    expect(names.sort()).toEqual(['First twin', 'Second twin']);
    expect(h.store.mapBySource(plan.definition.id, '1')).toBeNull();
  });
});
