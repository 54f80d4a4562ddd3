import { afterEach, describe, expect, it } from 'vitest';
import { demoPlan } from '../../helpers/demo-plan';
import { SyncRunner } from '../../../electron/core/sync/runner';
import type { SyncProgress } from '../../../shared/models/sync';
import { makeHarness, writtenCustomers, type Harness } from './harness';
import { join } from 'node:path';

let h: Harness | undefined;
let runner: SyncRunner | undefined;
afterEach(async () => {
  await runner?.close();
  await h?.close();
  h = runner = undefined;
});

// Each run starts a worker that compiles the engine (tsx) and goes through the connector runtime: slow on a busy machine.
describe('SyncRunner (worker thread)', { timeout: 180_000 }, () => {
  it('runs the engine in a worker, relays progress, refuses a second run of the same sync', async () => {
    h = await makeHarness({ sizes: { contacts: 600, customers: 0 } });
    runner = new SyncRunner({ dbPath: join(h.dir, 'state.db'), store: h.store });
    const progress: SyncProgress[] = [];
    runner.on('progress', (p) => progress.push(p));
    const plan = demoPlan(h.spec());
    const started = runner.start(plan);
    expect(runner.runningRun(plan.definition.id)).toBe(started.runId);
    expect(() => runner!.start(plan)).toThrowError(expect.objectContaining({ code: 'sync_busy' }));
    // The main thread's event loop stays free while the worker syncs.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const run = await started.done;
    clearInterval(timer);
    expect(run.id).toBe(started.runId);
    expect(run.status).toBe('succeeded');
    expect(run.counters.processed).toBe(600);
    expect(writtenCustomers(h).length).toBe(600 - 15);
    expect(progress.at(-1)!.phase).toBe('done');
    expect(progress.some((p) => p.processed > 0 && p.processed < 600)).toBe(true);
    expect(ticks).toBeGreaterThan(5);
    expect(runner.runningRun(plan.definition.id)).toBeNull();
  });

  it('cancels a run in the worker; the next start resumes it', async () => {
    h = await makeHarness({ sizes: { contacts: 600, customers: 0 } });
    runner = new SyncRunner({ dbPath: join(h.dir, 'state.db'), store: h.store });
    // Without the brake's look-ahead, so the cancel lands in the writing run (a cancelled look-ahead wrote nothing).
    const plan = { ...demoPlan(h.spec()), definition: { ...demoPlan(h.spec()).definition, brake: null } };
    const started = runner.start(plan);
    runner.on('progress', (p) => {
      if (p.processed >= 150) runner!.cancel(started.runId);
    });
    const cancelled = await started.done;
    expect(cancelled.status).toBe('cancelled');
    runner.removeAllListeners('progress');
    const again = runner.start(plan);
    expect(again.runId).toBe(started.runId);
    // The first run's worker waited for this one: no new thread, no second load of the engine.
    expect(again.threadId).toBe(started.threadId);
    const run = await again.done;
    expect(run.status).toBe('succeeded');
    expect(run.counters.processed).toBe(600);
    expect(writtenCustomers(h).length).toBe(600 - 15);
  });
});
