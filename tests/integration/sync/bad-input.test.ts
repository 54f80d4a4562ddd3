import { afterEach, describe, expect, it } from 'vitest';
import { runSync } from '../../../electron/core/sync/engine';
import type { SourceReader } from '../../../electron/core/sync/ports';
import { makeHarness, writtenCustomers, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const SYNC = 'demo-crm-to-billing';

describe('bad input, handled by policy and reported per record', () => {
  it('a 4xx from the target fails and quarantines that record only; retry-failed redoes just it', async () => {
    h = await makeHarness({ sizes: { contacts: 100, customers: 0 } });
    h.sandbox.servers.crm.store.update('contacts', 10, { company: 'x'.repeat(600) });
    const run = await h.run();
    expect(run.status).toBe('completed_with_errors');
    expect(run.counters.failed).toBe(1);
    expect(run.counters.created).toBe(100 - 2 - 1);
    const [failed] = h.store.outcomes(run.id, { kind: 'failed' });
    // The connector runtime's class for a 4xx other than 404/429; the vendor's words stay in the reason.
    expect(failed).toMatchObject({ sourceId: '11', code: 'http_error' });
    expect(failed!.reason).toMatch(/500 characters/);
    expect(h.store.quarantineCount(SYNC)).toBe(1);

    h.sandbox.servers.crm.store.update('contacts', 10, { company: 'Fixed SARL' });
    const retry = await h.run({}, { retryOf: run.id });
    expect(retry.retryOf).toBe(run.id);
    expect(retry.counters).toMatchObject({ processed: 1, created: 1, failed: 0 });
    expect(h.store.quarantineCount(SYNC)).toBe(0);
    expect(writtenCustomers(h).length).toBe(98);
  });

  it('stops after N errors (status failed, resumable) when the policy says so', async () => {
    h = await makeHarness({ sizes: { contacts: 300, customers: 0 } });
    for (const i of [5, 6, 7]) h.sandbox.servers.crm.store.update('contacts', i, { company: 'x'.repeat(600) });
    const run = await h.run({ definition: { failurePolicy: { quarantine: true, stopAfterErrors: 2 } } });
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('too_many_errors');
    expect(run.counters.processed).toBeLessThan(300);
  });

  it('a mapping changed between runs is recorded and every record re-evaluated', async () => {
    h = await makeHarness({ sizes: { contacts: 50, customers: 0 } });
    await h.run();
    const run = await h.run({ mappingVersion: 2 });
    expect(run.mappingVersion).toBe(2);
    expect(run.previousMappingVersion).toBe(1);
    expect(run.warnings.map((w) => w.code)).toContain('mapping_changed');
    expect(run.counters.unchanged).toBe(50);
  });

  it('a target record deleted behind our back is re-created (not silently dropped), and reported', async () => {
    h = await makeHarness({ sizes: { contacts: 20, customers: 0 } });
    await h.run();
    const victim = writtenCustomers(h).find((c) => (c.metadata as Record<string, string>).crm_id === '3')!;
    const del = await fetch(`${h.sandbox.urls.billing}/v1/customers/${victim.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${h.sandbox.credentials.billing.secretKey}` },
    });
    expect(del.status).toBe(200);
    h.sandbox.servers.crm.store.update('contacts', 2, { city: 'Gent' });
    const run = await h.run();
    expect(run.counters.created).toBe(1);
    const [o] = h.store.outcomes(run.id, { kind: 'created' });
    expect(o!.reason).toMatch(new RegExp(`${victim.id} no longer exists; re-created as cus_`));
    expect(h.store.mapBySource(SYNC, '3')!.targetId).toBe(o!.targetId);
  });

  it('a source cursor going backwards is reported and never moves the watermark back', async () => {
    h = await makeHarness({ sizes: { contacts: 60, customers: 0 } });
    const first = await h.run({ definition: { mode: 'incremental' } });
    expect(first.counters.created).toBe(60 - 1);
    const watermark = h.store.syncState(SYNC).watermark;
    expect(watermark).toBeGreaterThan(0);
    // An API that ignores "changed since" and returns everything again, older records included.
    const parts = h.parts({ definition: { mode: 'incremental' } });
    const inner = parts.reader;
    const sloppy: SourceReader = { read: (o) => inner.read({ ...o, since: undefined }) };
    const run = await runSync({ ...parts, reader: sloppy, store: h.store });
    expect(run.warnings.map((w) => w.code)).toContain('cursor_backwards');
    expect(run.counters.unchanged).toBe(60);
    expect(h.store.syncState(SYNC).watermark).toBe(watermark);
  });
});
