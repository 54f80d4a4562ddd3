import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDemoWorkspace } from '../../../electron/demo/workspace';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import type { SyncRun } from '../../../shared/models/sync';
import { makeTestCore, type TestCore } from '../../helpers/core';

/**
 * Schema drift on the sandbox CRM: an admin renames a custom property the demo mapping reads. The
 * check reports it (removed + added, the rule that lost its field), and under the "pause" policy the
 * run does not start and the sync says why; fixing the field lets the next run go.
 */
describe('schema drift before a run', () => {
  let sandbox: Sandbox;
  let t: TestCore;
  let syncId: string;
  const finished: SyncRun[] = [];
  const save = async (schemaDrift: 'pause' | 'continue' | 'ignore') => {
    const def = t.core.sync.service.definition(syncId);
    return t.call('syncs:save', { id: def.id, name: def.name, mappingId: def.mappingId, schemaDrift });
  };
  const runToEnd = async () => {
    const { runId } = await t.call('syncs:run', { id: syncId, dryRun: false });
    await expect.poll(() => finished.some((r) => r.id === runId), { timeout: 60_000, interval: 20 }).toBe(true);
    return finished.find((r) => r.id === runId)!;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      rateLimits: false,
      sizes: { contacts: 10, customers: 0, companies: 3, invoices: 0, orders: 0 },
    });
    t = await makeTestCore();
    t.core.events.on('sync:finished', (r) => finished.push(r));
    syncId = (await installDemoWorkspace(t.core, sandbox)).state.syncId;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it('finds nothing breaking on the fields the demo mapping was built on', async () => {
    const report = await t.call('drift:check', { syncId });
    expect(report.unavailable).toEqual([]);
    expect(report.brokenRules).toEqual([]);
    expect(report.changes.filter((c) => c.change !== 'added')).toEqual([]);
    expect(report.breaking).toBe(false);
  });

  it('reports a renamed source field as removed + added, with the rule that lost it', async () => {
    sandbox.servers.crm.renameProperty('contacts', 'customer_since', 'customer_since_date');
    const report = await t.call('drift:check', { syncId });
    expect(report.changes).toContainEqual({
      side: 'source',
      field: 'customer_since',
      change: 'removed',
      before: 'date',
      after: null,
    });
    expect(report.changes).toContainEqual(
      expect.objectContaining({ side: 'source', field: 'customer_since_date', change: 'added' }),
    );
    expect(report.brokenRules).toContainEqual(
      expect.objectContaining({ side: 'source', field: 'customer_since', target: 'metadata_customer_since' }),
    );
    expect(report.newFields).toContainEqual(expect.objectContaining({ side: 'source', name: 'customer_since_date' }));
    expect(report.breaking).toBe(true);
    // The mapping editor asks by mapping id and gets the same broken rules.
    const byMapping = await t.call('drift:check', { mappingId: t.core.sync.service.definition(syncId).mappingId });
    expect(byMapping.brokenRules).toEqual(report.brokenRules);
  });

  it('under the pause policy the run does not start and the sync says why', async () => {
    await save('pause');
    await expect(t.call('syncs:run', { id: syncId, dryRun: false })).rejects.toMatchObject({
      code: 'sync_paused',
      message: expect.stringMatching(/customer_since removed/),
    });
    expect(t.core.sync.service.history(syncId)).toEqual([]);
    expect(sandbox.servers.billing.store.customers.writtenCount).toBe(0);
    const health = (await t.call('health:list', {})).find((h) => h.id === syncId)!;
    expect(health.state).toBe('paused');
    expect(health.pause).toMatchObject({ reason: 'schema_drift' });
    expect(health.pause!.message).toMatch(/metadata_customer_since lost its source field customer_since/);
  });

  it('under the continue policy the run goes ahead despite the change', async () => {
    await save('continue');
    const run = await runToEnd();
    expect(run.dryRun).toBe(false);
    expect(run.counters.created).toBeGreaterThan(0);
  });

  it('once the field is back, a run under the pause policy lifts the pause and runs', async () => {
    sandbox.servers.crm.renameProperty('contacts', 'customer_since_date', 'customer_since');
    await save('pause');
    const run = await runToEnd();
    expect(['succeeded', 'completed_with_errors']).toContain(run.status);
    const health = (await t.call('health:list', {})).find((h) => h.id === syncId)!;
    expect(health.pause).toBeNull();
    expect(health.state).not.toBe('paused');
  });
});
