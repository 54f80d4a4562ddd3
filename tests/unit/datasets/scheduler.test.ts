import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { DatasetScheduler, type ScheduledDataset } from '../../../electron/core/datasets/scheduler';

describe('dataset scheduler', () => {
  let scheduler: DatasetScheduler | undefined;
  afterEach(() => scheduler?.stop());

  it('refreshes on the cron tick, follows schedule changes and reports bad expressions', async () => {
    let list: ScheduledDataset[] = [{ datasetId: 'sales', name: 'Sales', cron: '* * * * * *' }];
    const refreshed: string[] = [];
    const failures: string[] = [];
    scheduler = new DatasetScheduler({
      scheduled: () => list,
      refresh: async (id) => void refreshed.push(id),
      onFailure: (_d, m) => failures.push(m),
    });
    scheduler.start(60_000);
    expect(scheduler.active).toEqual(['sales']);
    await new Promise((r) => setTimeout(r, 2_200));
    expect(refreshed.length).toBeGreaterThanOrEqual(1);

    list = [{ datasetId: 'sales', name: 'Sales', cron: 'not a cron' }];
    scheduler.reconcile();
    expect(scheduler.active).toEqual([]);
    expect(failures.join()).toMatch(/not a valid cron expression/);
    list = [];
    scheduler.reconcile();
    const count = refreshed.length;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(refreshed.length).toBe(count);
  });

  it('skips a tick while the previous refresh still runs, and reports real failures', async () => {
    const failures: string[] = [];
    let calls = 0;
    scheduler = new DatasetScheduler({
      scheduled: () => [{ datasetId: 'd', name: 'D', cron: '* * * * * *' }],
      refresh: async () => {
        calls++;
        throw calls === 1 ? new AppError('sync_busy', 'busy') : new Error('source down');
      },
      onFailure: (_d, m) => failures.push(m),
    });
    scheduler.start(60_000);
    await new Promise((r) => setTimeout(r, 2_300));
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(failures.length).toBe(calls - 1);
    expect(failures[0]).toMatch(/Scheduled refresh of D failed: source down/);
  });
});
