import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncFeature, type SyncFeature } from '../../../electron/core/sync';
import { demoSync } from '../../../electron/demo/mapping';
import { demoPlan } from '../../helpers/demo-plan';
import type { KeyValueStore } from '../../../electron/core/settings/store';
import { makeHarness, type Harness } from './harness';

let h: Harness | undefined;
let f: SyncFeature | undefined;
afterEach(async () => {
  await f?.close();
  await h?.close();
  h = f = undefined;
});

function memoryStore(): KeyValueStore {
  const m = new Map<string, unknown>();
  return {
    get: (k) => m.get(k),
    set: (k, v) => void m.set(k, structuredClone(v)),
    delete: (k) => void m.delete(k),
    has: (k) => m.has(k),
    path: ':memory:',
  };
}

describe('SyncService (what handlers and the CLI call)', () => {
  it('saves definitions with a schedule preview, runs, lists history and run details, retries failures, removes', async () => {
    h = await makeHarness({ sizes: { contacts: 150, customers: 0 } });
    const spec = h.spec();
    f = createSyncFeature({
      stateDbPath: join(h.dir, 'svc-state.db'),
      settings: memoryStore(),
      resolvePlan: async (def) => ({ ...demoPlan(spec), definition: def }),
    });
    const svc = f.service;
    svc.save({ ...demoSync(), schedule: { cron: '0 7 * * 1-5', timezone: 'UTC' } });
    expect(() => svc.save({ ...demoSync(), schedule: { cron: 'every day' } })).toThrowError(
      /cannot be used: .*five, six/,
    );
    const [summary] = svc.list();
    expect(summary!.schedulePreview).toMatch(/07:00/);
    expect(summary!.nextRunAt).toMatch(/T07:00:00/);

    h.sandbox.servers.crm.store.update('contacts', 4, { company: 'x'.repeat(600) });
    const dry = await svc.runToEnd('Demo: CRM contacts → billing customers', { dryRun: true });
    expect(dry.dryRun).toBe(true);
    const progress: number[] = [];
    svc.on('progress', (p) => progress.push(p.processed));
    const started = await svc.run(demoSync().id!);
    await expect(svc.run(demoSync().id!)).rejects.toMatchObject({ code: 'sync_busy' });
    const run = await started.done;
    expect(run.status).toBe('completed_with_errors');
    expect(progress.length).toBeGreaterThan(0);
    expect(svc.history(demoSync().id!).map((r) => r.id)).toEqual([run.id, dry.id]);
    const detail = svc.runDetail(run.id, { kind: 'failed' });
    expect(detail.outcomes).toHaveLength(1);
    expect(detail.outcomes[0]!.reason).toMatch(/500 characters/);
    expect(svc.list()[0]!.lastRun!.id).toBe(run.id);

    h.sandbox.servers.crm.store.update('contacts', 4, { company: 'ok' });
    const retry = await (await svc.retryFailed(run.id)).done;
    expect(retry.counters.created).toBe(1);
    svc.remove(demoSync().id!);
    expect(svc.list()).toEqual([]);
    expect(f.store.mappedCount(demoSync().id!)).toBe(0);
  });
});
