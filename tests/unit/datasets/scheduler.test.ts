import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { DatasetScheduler, type ScheduledDataset } from '../../../electron/core/datasets/scheduler';
import { FakeTimers } from '../../helpers/fake-timers';

/** Lets the refresh promises the loop started settle. */
const settle = () => new Promise((r) => setImmediate(r));

describe('dataset scheduler', () => {
  let scheduler: DatasetScheduler | undefined;
  afterEach(() => scheduler?.stop());

  it('refreshes on the cron slot, follows schedule changes and reports a bad expression once', async () => {
    const timers = new FakeTimers(Date.parse('2025-06-02T09:59:30Z'));
    let list: ScheduledDataset[] = [{ datasetId: 'sales', name: 'Sales', cron: '0 * * * *' }];
    const refreshed: string[] = [];
    const failures: string[] = [];
    scheduler = new DatasetScheduler({
      scheduled: () => list,
      refresh: async (id) => void refreshed.push(`${id}@${new Date(timers.now()).toISOString()}`),
      onFailure: (_d, m) => failures.push(m),
      timers,
    });
    scheduler.start();
    expect(scheduler.active).toEqual(['sales']);
    timers.advance(29_000);
    expect(refreshed).toEqual([]);
    timers.advance(2 * 3600_000);
    expect(refreshed).toEqual(['sales@2025-06-02T10:00:00.000Z', 'sales@2025-06-02T11:00:00.000Z']);

    list = [{ datasetId: 'sales', name: 'Sales', cron: 'not a cron' }];
    scheduler.reconcile();
    expect(scheduler.active).toEqual([]);
    timers.advance(3600_000);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/"not a cron" of dataset Sales is not a valid cron expression/);
    list = [];
    timers.advance(3600_000);
    expect(refreshed).toHaveLength(2);
  });

  it('skips a slot while the previous refresh still runs, and reports real failures', async () => {
    const timers = new FakeTimers(Date.parse('2025-06-02T10:00:00Z'));
    const failures: string[] = [];
    let calls = 0;
    scheduler = new DatasetScheduler({
      scheduled: () => [{ datasetId: 'd', name: 'D', cron: '*/5 * * * *' }],
      refresh: async () => {
        calls++;
        throw calls === 1 ? new AppError('sync_busy', 'busy') : new Error('source down');
      },
      onFailure: (_d, m) => failures.push(m),
      timers,
    });
    scheduler.start();
    timers.advance(10 * 60_000);
    await settle();
    expect(calls).toBe(2);
    expect(failures).toEqual(['Scheduled refresh of D failed: source down']);
  });

  it('runs a slot the computer slept through once on waking', async () => {
    const timers = new FakeTimers(Date.parse('2025-06-02T05:00:00Z'));
    const refreshed: string[] = [];
    scheduler = new DatasetScheduler({
      scheduled: () => [{ datasetId: 'nightly', name: 'Nightly', cron: '0 6 * * *' }],
      refresh: async () => void refreshed.push(new Date(timers.now()).toISOString()),
      onFailure: () => undefined,
      timers,
    });
    scheduler.start();
    // Asleep from 05:00 for three days: three 06:00 slots passed.
    timers.jump(3 * 86_400_000);
    expect(refreshed).toEqual([]);
    timers.advance(60_000);
    expect(refreshed).toEqual(['2025-06-05T05:01:00.000Z']);
    timers.advance(3600_000);
    expect(refreshed).toHaveLength(2);
    scheduler.stop();
    expect(timers.pending).toBe(0);
  });
});
