import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, writtenCustomers, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const billingPosts = (x: Harness) => x.sandbox.servers.billing.log.all().filter((e) => e.method === 'POST');

describe('sync engine against the sandbox (CRM contacts → billing customers)', () => {
  it('upserts, then a second run is mostly unchanged', async () => {
    h = await makeHarness({ sizes: { contacts: 400, customers: 400 } });
    const first = await h.run();
    expect(first.status).toBe('succeeded');
    const c = first.counters;
    // 400 contacts, every 40th a duplicate differing by e-mail case: 10 merged.
    expect(c.merged).toBe(10);
    expect(c.created + c.updated + c.unchanged).toBe(390);
    // One billing customer in ten is the same person as the CRM contact with the same index.
    expect(c.updated + c.unchanged).toBeGreaterThan(10);
    expect(c.failed).toBe(0);
    // Every create and update is a customer written through the API (generated rows not updated are not).
    expect(writtenCustomers(h).length).toBe(c.created + c.updated);
    expect(h.sandbox.servers.billing.store.duplicates().byEmail.length).toBe(0);

    const before = billingPosts(h).length;
    const second = await h.run();
    expect(second.status).toBe('succeeded');
    expect(second.counters.unchanged).toBe(400);
    expect(second.counters.created + second.counters.updated).toBe(0);
    expect(billingPosts(h).length).toBe(before);
  });

  it('partial updates send only the changed fields', async () => {
    h = await makeHarness({ sizes: { contacts: 100, customers: 0 } });
    await h.run();
    const crm = h.sandbox.servers.crm.store;
    crm.update('contacts', 5, { city: 'Lyon' });
    crm.update('contacts', 7, { jobtitle: 'CFO' });
    const parts = h.parts();
    const patches: Array<{ id: string; patch: Record<string, unknown> }> = [];
    const update = parts.writer.update.bind(parts.writer);
    parts.writer.update = (id, patch, signal) => {
      patches.push({ id, patch });
      return update(id, patch, signal);
    };
    const seq = h.sandbox.servers.billing.log.all().at(-1)!.seq;
    const { runSync } = await import('../../../electron/core/sync/engine');
    const run = await runSync({ ...parts, store: h.store });
    expect(run.counters.updated).toBe(2);
    expect(run.counters.updatedFields).toEqual({ address_city: 1, metadata_jobtitle: 1 });
    expect(patches.map((p) => p.patch)).toEqual(
      expect.arrayContaining([{ address_city: 'Lyon' }, { metadata_jobtitle: 'CFO' }]),
    );
    // The sandbox saw exactly two customer updates (POST /v1/customers/:id) and no create.
    const posts = h.sandbox.servers.billing.log.since(seq).filter((e) => e.method === 'POST');
    expect(posts.map((e) => e.path.replace(/cus_\w+/, ':id'))).toEqual(['/v1/customers/:id', '/v1/customers/:id']);
    const detail = h.store.outcomes(run.id, { kind: 'updated' });
    expect(detail.find((o) => o.sourceId === '6')!.changes).toEqual([
      { field: 'address_city', before: expect.anything(), after: 'Lyon' },
    ]);
  });

  it('merges contacts that differ only by e-mail case and reports it', async () => {
    h = await makeHarness({ sizes: { contacts: 80, customers: 0 } });
    const run = await h.run();
    expect(run.counters.merged).toBe(2);
    const merged = h.store.outcomes(run.id, { kind: 'merged' });
    // The duplicate (ids 40, 80) changed later than the original: newest wins, the originals are merged into it.
    expect(merged.map((o) => o.sourceId).sort()).toEqual(['39', '79']);
    expect(merged[0]!.reason).toMatch(/merged with \d+ on match key .* \(newest wins\)/);
    const emails = writtenCustomers(h).map((c) => String(c.email).toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.length).toBe(78);
  });

  it('dry run writes nothing and reports what it would do, with field diffs', async () => {
    h = await makeHarness({ sizes: { contacts: 120, customers: 200 } });
    const run = await h.run({}, { dryRun: true });
    expect(run.dryRun).toBe(true);
    expect(billingPosts(h)).toHaveLength(0);
    expect(h.store.mappedCount('demo-crm-to-billing')).toBe(0);
    expect(run.counters.created).toBeGreaterThan(90);
    const created = h.store.outcomes(run.id, { kind: 'created', limit: 1 })[0]!;
    expect(created.changes.find((c) => c.field === 'email')).toBeTruthy();
    // A real run afterwards does what the dry run announced.
    const real = await h.run();
    expect(real.counters.created).toBe(run.counters.created);
    expect(real.counters.updated).toBe(run.counters.updated);
    expect(real.counters.merged).toBe(run.counters.merged);
  });

  it('cancel stops at a page boundary and the next start resumes the same run', async () => {
    h = await makeHarness({ sizes: { contacts: 1000, customers: 0 } });
    const ac = new AbortController();
    let pages = 0;
    const first = await h.run(
      { definition: { pageSize: 100 } },
      {
        signal: ac.signal,
        onProgress: (p) => {
          if (p.phase === 'writing' && p.processed >= 300 && ++pages) ac.abort();
        },
      },
    );
    expect(first.status).toBe('cancelled');
    expect(first.counters.processed % 100).toBe(0);
    expect(first.counters.processed).toBeLessThan(1000);
    const resumed = await h.run({ definition: { pageSize: 100 } });
    expect(resumed.id).toBe(first.id);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.resumes).toBe(1);
    expect(resumed.counters.processed).toBe(1000);
    expect(writtenCustomers(h).length).toBe(1000 - 25);
  });
});
