import { describe, expect, it } from 'vitest';
import { SyncDefinition, type SyncRun } from '../../../shared/models/sync';
import { describeCron, nextRun } from '../../../electron/core/sync/cron-preview';
import { SyncScheduler } from '../../../electron/core/sync/scheduler';
import { AppError } from '../../../shared/errors';

const def = (over: Partial<SyncDefinition> = {}) =>
  SyncDefinition.parse({
    id: 's1',
    name: 'Nightly',
    mappingId: 'm',
    schedule: { cron: '0 7 * * 1-5', timezone: 'UTC' },
    ...over,
  });
const run = (status: SyncRun['status']) => ({ status, counters: { failed: 1 }, error: null }) as unknown as SyncRun;

describe('cron preview', () => {
  it('says a cron in words and computes the next run in the zone', () => {
    expect(describeCron('0 7 * * 1-5')).toMatch(/07:00.*monday through friday/i);
    expect(nextRun({ cron: '0 7 * * 1-5', timezone: 'UTC' }, new Date('2024-06-14T08:00:00Z'))!.toISOString()).toBe(
      '2024-06-17T07:00:00.000Z',
    );
    expect(() => describeCron('not a cron')).toThrowError(/not a cron expression/);
  });
});

describe('SyncScheduler wake-up catch-up', () => {
  it('runs a schedule missed during sleep once, however many slots were missed', async () => {
    const calls: string[] = [];
    let now = new Date('2024-06-10T06:00:00Z');
    const s = new SyncScheduler({
      definitions: () => [def()],
      trigger: async (id, reason) => (calls.push(`${id}:${reason}`), run('succeeded')),
      now: () => now,
      tickMs: 30_000,
    });
    s.tick();
    // Asleep from Monday 06:00 to Wednesday 09:00: three 07:00 slots passed.
    now = new Date('2024-06-12T09:00:00Z');
    s.tick();
    await Promise.resolve();
    expect(calls).toEqual(['s1:missed']);
    // A normal tick right after does nothing more.
    now = new Date('2024-06-12T09:00:30Z');
    s.tick();
    expect(calls).toHaveLength(1);
  });

  it('does nothing on a short gap, and nothing for disabled or unscheduled syncs', () => {
    const calls: string[] = [];
    let now = new Date('2024-06-10T06:59:50Z');
    const defs = [def({ id: 'a', enabled: false }), def({ id: 'b', schedule: null })];
    const s = new SyncScheduler({
      definitions: () => defs,
      trigger: async (id) => (calls.push(id), run('succeeded')),
      now: () => now,
    });
    s.tick();
    now = new Date('2024-06-12T09:00:00Z');
    s.tick();
    expect(calls).toEqual([]);
  });

  it('reports failures (desktop notification hook) and skips a sync already running', async () => {
    const failures: string[] = [];
    const skipped: string[] = [];
    let now = new Date('2024-06-10T06:00:00Z');
    let busy = false;
    const s = new SyncScheduler({
      definitions: () => [def()],
      trigger: async () => {
        if (busy) throw new AppError('sync_busy', 'busy');
        return run('failed');
      },
      onFailure: (d) => failures.push(d.name),
      onSkipped: (d) => skipped.push(d.name),
      now: () => now,
    });
    s.catchUp(now.getTime(), new Date('2024-06-10T08:00:00Z').getTime());
    await new Promise((r) => setTimeout(r, 0));
    expect(failures).toEqual(['Nightly']);
    busy = true;
    now = new Date('2024-06-11T08:00:00Z');
    s.catchUp(new Date('2024-06-11T06:00:00Z').getTime(), now.getTime());
    await new Promise((r) => setTimeout(r, 0));
    expect(skipped).toEqual(['Nightly']);
  });
});
