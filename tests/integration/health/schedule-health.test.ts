import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDemoWorkspace } from '../../../electron/demo/workspace';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import type { SyncRun } from '../../../shared/models/sync';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { FakeTimers } from '../../helpers/fake-timers';

const EVERY_5_MIN = 5 * 60_000;

/**
 * Health from run outcomes on the real scheduler (fake time), the real worker, the sandbox billing
 * API down: ten failed runs in a row pause the schedule with the reason, the user is told once when
 * it starts failing and once when it recovers, never on every failure.
 */
describe('sync health and the self-pausing schedule', () => {
  let sandbox: Sandbox;
  let t: TestCore;
  let syncId: string;
  const timers = new FakeTimers(Date.parse('2026-03-02T08:00:00Z'));
  const notes: { title: string; body: string }[] = [];
  const finished: SyncRun[] = [];
  const titles = (prefix: string) => notes.filter((n) => n.title.startsWith(prefix));

  /** One cron slot passes; waits for the run it started to finish. */
  const nextSlot = async () => {
    const before = finished.length;
    timers.advance(EVERY_5_MIN);
    await expect.poll(() => finished.length, { timeout: 60_000, interval: 20 }).toBe(before + 1);
    return finished[finished.length - 1]!;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      rateLimits: false,
      sizes: { contacts: 12, customers: 0, companies: 3, invoices: 0, orders: 0 },
    });
    t = await makeTestCore({ scheduleTimers: timers, notify: (n) => notes.push(n) });
    t.core.events.on('sync:finished', (r) => finished.push(r));
    syncId = (await installDemoWorkspace(t.core, sandbox)).state.syncId;
    const def = t.core.sync.service.definition(syncId);
    t.core.sync.service.save({ ...def, schedule: { cron: '*/5 * * * *', timezone: 'UTC' } });
    t.core.sync.scheduler.start();
  }, 60_000);
  afterAll(async () => {
    t?.core.sync.scheduler.stop();
    await t?.close();
    await sandbox?.stop();
  });

  it('a healthy scheduled run leaves the sync healthy, with no notification', async () => {
    const run = await nextSlot();
    expect(run.status).toBe('succeeded');
    const [h] = await t.call('health:list', {});
    expect(h).toMatchObject({ kind: 'sync', id: syncId, state: 'healthy', consecutiveFailures: 0 });
    expect(notes).toEqual([]);
  });

  it('ten failed runs in a row notify once, then pause the schedule and say why', async () => {
    sandbox.servers.billing.setDown(24 * 3600);
    for (let i = 1; i <= 10; i++) {
      // A changed contact makes every run write to the (down) billing API.
      sandbox.servers.crm.store.update('contacts', 0, { jobtitle: `Engineer ${i}` });
      const run = await nextSlot();
      expect(run.status).toBe('failed');
      const h = t.core.health.get('sync', syncId);
      expect(h.consecutiveFailures).toBe(i);
      expect(h.state).toBe(i < 10 ? 'failing' : 'paused');
    }
    expect(titles('Failing')).toHaveLength(1);
    expect(titles('Paused')).toHaveLength(1);
    const [h] = await t.call('health:list', {});
    expect(h!.pause).toMatchObject({ reason: 'consecutive_failures' });
    expect(h!.pause!.message).toMatch(/10 failed runs in a row/);
    // Out of the cron loop: an hour of slots starts nothing.
    expect(t.core.sync.scheduler.nextRuns().has(syncId)).toBe(false);
    const count = finished.length;
    timers.advance(12 * EVERY_5_MIN);
    expect(t.core.sync.runner.runningRun(syncId)).toBeNull();
    expect(finished.length).toBe(count);
  }, 300_000);

  it('after a resume the first success notifies the recovery exactly once', async () => {
    sandbox.servers.billing.setDown(0);
    const resumed = await t.call('health:resume', { kind: 'sync', id: syncId });
    expect(resumed.pause).toBeNull();
    expect(t.core.sync.scheduler.nextRuns().has(syncId)).toBe(true);
    const ok = await nextSlot();
    expect(ok.status).toBe('succeeded');
    expect(t.core.health.get('sync', syncId).state).toBe('healthy');
    expect(titles('Recovered')).toHaveLength(1);
    expect((await nextSlot()).status).toBe('succeeded');
    expect(titles('Recovered')).toHaveLength(1);
    expect(titles('Failing')).toHaveLength(1);
  }, 120_000);
});
