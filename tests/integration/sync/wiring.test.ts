import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDemoWorkspace } from '../../../electron/demo/workspace';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import type { SyncProgress, SyncRun } from '../../../shared/models/sync';
import { makeCanary, scanDirForCanaries } from '../../helpers/canary';
import { makeTestCore, type TestCore } from '../../helpers/core';

/**
 * The sync engine wired into the app: connections and keychain → plan → worker → call log, ledger,
 * events — driven through the same channels the window uses.
 */
describe('syncs wired into core', () => {
  let sandbox: Sandbox;
  let t: TestCore;
  let syncId: string;
  const canaries = { crm: makeCanary('crm'), billing: `sk_test_${makeCanary('billing')}` };
  const responses: unknown[] = [];
  const progress: SyncProgress[] = [];
  const finished: SyncRun[] = [];

  const call: TestCore['call'] = async (channel, input) => {
    const value = await t.call(channel, input);
    responses.push(value);
    return value;
  };
  const waitFinished = async (runId: string) => {
    await expect.poll(() => finished.some((r) => r.id === runId), { timeout: 60_000, interval: 50 }).toBe(true);
    return finished.find((r) => r.id === runId)!;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      rateLimits: false,
      sizes: { contacts: 80, customers: 10, companies: 10, invoices: 10, orders: 10 },
      credentials: { crm: { accessToken: canaries.crm }, billing: { secretKey: canaries.billing } },
    });
    t = await makeTestCore();
    t.core.events.on('sync:progress', (p) => progress.push(p));
    t.core.events.on('sync:finished', (r) => finished.push(r));
    const ws = await installDemoWorkspace(t.core, sandbox);
    syncId = ws.state.syncId;
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it('lists the demo sync with its mapping and no run yet', async () => {
    const list = await call('syncs:list', {});
    expect(list).toHaveLength(1);
    expect(list[0]!.definition.id).toBe(syncId);
    expect(list[0]!.mappingName).toBe('CRM contacts → billing customers');
    expect(list[0]!.lastRun).toBeNull();
  });

  it('a dry run goes through the whole pipeline and writes nothing', async () => {
    const { runId } = await call('syncs:run', { id: syncId, dryRun: true });
    const run = await waitFinished(runId);
    expect(run.dryRun).toBe(true);
    expect(run.status).toBe('succeeded');
    expect(run.counters.created).toBeGreaterThan(0);
    expect(sandbox.servers.billing.store.customers.writtenCount).toBe(0);
    const ledger = await call('ledger:report', { flowId: runId });
    expect(ledger.rows.map((r) => r.direction)).toEqual(['read']);
  });

  it('a real run creates customers, with progress events, history, detail, call logs and ledger lines', async () => {
    const before = progress.length;
    const { runId } = await call('syncs:run', { id: syncId, dryRun: false });
    const run = await waitFinished(runId);
    expect(run.status).toBe('succeeded');
    expect(run.counters.created).toBeGreaterThan(0);
    expect(sandbox.servers.billing.store.customers.created).toBe(run.counters.created);

    const mine = progress.slice(before).filter((p) => p.runId === runId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p) => p.syncId === syncId)).toBe(true);
    expect(mine[mine.length - 1]!.processed).toBe(run.counters.processed);

    const history = await call('syncs:history', { id: syncId });
    expect(history.map((r) => r.id)[0]).toBe(runId);
    expect(history).toHaveLength(2);
    const detail = await call('syncs:runDetail', { runId, kind: 'created', limit: 5 });
    expect(detail.outcomes).toHaveLength(5);
    expect(detail.outcomes.every((o) => o.outcome === 'created' && o.targetId?.startsWith('cus_'))).toBe(true);
    expect(detail.outcomeCount).toBeGreaterThanOrEqual(run.counters.created);

    const calls = await call('logs:query', { runId, limit: 1000 });
    expect(calls.items.length).toBeGreaterThan(run.counters.created);
    expect(calls.items.every((c) => c.syncId === syncId)).toBe(true);

    const ledger = await call('ledger:report', { flowId: runId });
    const read = ledger.rows.find((r) => r.direction === 'read')!;
    const write = ledger.rows.find((r) => r.direction === 'write')!;
    const ws = t.core.settings.get('demo') as { connections: { crm: string; billing: string } };
    expect(read).toMatchObject({
      connectionId: ws.connections.crm,
      resource: 'contacts',
      host: new URL(sandbox.urls.crm).host,
      authKind: 'bearer',
      records: run.counters.processed,
    });
    expect(read.fields).toEqual(expect.arrayContaining(['email', 'firstname']));
    expect(write).toMatchObject({
      connectionId: ws.connections.billing,
      resource: 'customers',
      host: new URL(sandbox.urls.billing).host,
      records: run.counters.created + run.counters.updated,
    });
    expect(write.fields).toEqual(expect.arrayContaining(['email', 'name', 'metadata_crm_id']));
    expect(write.integratorHeader).toMatch(/^User-Agent: Patchbay\//);

    const [summary] = await call('syncs:list', {});
    expect(summary!.lastRun).toMatchObject({ id: runId, status: 'succeeded' });
  });

  it('a second run is unchanged; a change in the CRM becomes a partial update', async () => {
    sandbox.servers.crm.store.update('contacts', 7, { jobtitle: 'Chief Wiring Officer' });
    const { runId } = await call('syncs:run', { id: syncId, dryRun: false });
    const run = await waitFinished(runId);
    expect(run.counters.created).toBe(0);
    expect(run.counters.updated).toBe(1);
    expect(run.counters.updatedFields).toEqual({ metadata_jobtitle: 1 });
    expect(run.counters.unchanged).toBeGreaterThan(70);
    const detail = await call('syncs:runDetail', { runId, kind: 'updated' });
    expect(detail.outcomes[0]!.changes).toEqual([
      expect.objectContaining({ field: 'metadata_jobtitle', after: 'Chief Wiring Officer' }),
    ]);
  });

  it('saves a scheduled sync with a cron preview, rejects a bad cron clearly, and removes it', async () => {
    const mappingId = (t.core.settings.get('demo') as { mappingId: string }).mappingId;
    const saved = await call('syncs:save', {
      name: 'Weekday mornings',
      mappingId,
      mode: 'incremental',
      writeStrategy: 'update_only',
      schedule: { cron: '0 7 * * 1-5', timezone: 'UTC' },
    });
    const item = await call('syncs:get', { id: saved.id });
    expect(item.schedulePreview).toBe('at 07:00, Monday through Friday');
    expect(item.nextRunAt).toMatch(/T07:00:00/);
    const preview = await call('syncs:cronPreview', { cron: '30 6 * * *', timezone: 'Europe/Paris' });
    expect(preview.text).toMatch(/06:30/);
    expect(preview.next).toHaveLength(3);
    await expect(t.call('syncs:cronPreview', { cron: 'every day' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(t.call('syncs:save', { name: 'Broken', mappingId: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await call('syncs:remove', { id: saved.id });
    expect((await call('syncs:list', {})).map((s) => s.definition.id)).toEqual([syncId]);
  });

  it('never lets a sandbox key reach the data folder, the call log, the ledger or a response', async () => {
    // Open SQLite files are scanned as they are, WAL included.
    expect(scanDirForCanaries(t.dataDir, Object.values(canaries))).toEqual([]);
    const text = JSON.stringify([responses, progress, finished]);
    for (const c of Object.values(canaries)) expect(text).not.toContain(c);
  });
});
