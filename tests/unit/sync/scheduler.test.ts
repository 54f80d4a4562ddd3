import { describe, expect, it } from 'vitest';
import { SyncDefinition, type SyncRun } from '../../../shared/models/sync';
import { describeCron, nextRun } from '../../../electron/core/sync/cron-preview';
import { SyncScheduler } from '../../../electron/core/sync/scheduler';
import { AppError } from '../../../shared/errors';
import { FakeTimers } from '../../helpers/fake-timers';

const def = (over: Partial<SyncDefinition> = {}) =>
  SyncDefinition.parse({
    id: 's1',
    name: 'Nightly',
    mappingId: 'm',
    schedule: { cron: '0 7 * * 1-5', timezone: 'UTC' },
    ...over,
  });
const run = (status: SyncRun['status']): Pick<SyncRun, 'status'> => ({ status });
/** Lets the run promises the loop started settle. */
const settle = () => new Promise((r) => setImmediate(r));

function scheduler(
  defs: () => SyncDefinition[],
  trigger: (id: string, reason: string) => Promise<Pick<SyncRun, 'status'>>,
) {
  const timers = new FakeTimers(Date.parse('2024-06-10T06:00:00Z'));
  const failures: string[] = [];
  const skipped: string[] = [];
  const s = new SyncScheduler({
    definitions: defs,
    trigger: async (id, reason) => (await trigger(id, reason)) as SyncRun,
    onFailure: (d) => failures.push(d.name),
    onSkipped: (d) => skipped.push(d.name),
    timers,
    tickMs: 30_000,
  });
  return { s, timers, failures, skipped };
}

describe('cron preview', () => {
  it('says a cron in words and computes the next run in the zone', () => {
    expect(describeCron('0 7 * * 1-5')).toMatch(/07:00.*monday through friday/i);
    expect(nextRun({ cron: '0 7 * * 1-5', timezone: 'UTC' }, new Date('2024-06-14T08:00:00Z'))!.toISOString()).toBe(
      '2024-06-17T07:00:00.000Z',
    );
    expect(() => describeCron('not a cron')).toThrowError(/not a cron expression/);
  });
});

describe('SyncScheduler', () => {
  it('runs on the slot in the schedule zone, and reports the next run', () => {
    const calls: string[] = [];
    const { s, timers } = scheduler(
      () => [def({ schedule: { cron: '0 9 * * *', timezone: 'Europe/Paris' } })],
      async (id, reason) => (calls.push(`${id}:${reason}@${new Date(timers.now()).toISOString()}`), run('succeeded')),
    );
    s.start();
    expect(s.nextRuns().get('s1')?.toISOString()).toBe('2024-06-10T07:00:00.000Z');
    timers.advance(86_400_000);
    expect(calls).toEqual(['s1:schedule@2024-06-10T07:00:00.000Z']);
    s.stop();
    expect(s.started).toBe(false);
  });

  it('runs a schedule missed during sleep once, however many slots were missed', () => {
    const calls: string[] = [];
    const { s, timers } = scheduler(
      () => [def()],
      async (id, reason) => (calls.push(`${id}:${reason}`), run('succeeded')),
    );
    s.start();
    // Asleep from Monday 06:00 to Wednesday 09:00: three 07:00 slots passed.
    timers.jump(51 * 3600_000);
    timers.advance(30_000);
    expect(calls).toEqual(['s1:missed']);
    // Awake until Thursday 06:00: nothing more.
    timers.advance(21 * 3600_000);
    expect(calls).toEqual(['s1:missed']);
    timers.advance(3600_000);
    expect(calls).toEqual(['s1:missed', 's1:schedule']);
    s.stop();
  });

  it('does nothing for disabled or unscheduled syncs, and follows a refresh()', () => {
    const calls: string[] = [];
    let defs = [def({ id: 'a', enabled: false }), def({ id: 'b', schedule: null })];
    const { s, timers } = scheduler(
      () => defs,
      async (id) => (calls.push(id), run('succeeded')),
    );
    s.start();
    timers.advance(3 * 86_400_000);
    expect(calls).toEqual([]);
    defs = [def({ id: 'a' })];
    s.refresh();
    timers.advance(86_400_000);
    expect(calls).toEqual(['a']);
    s.stop();
  });

  it('reports failures (desktop notification hook) and skips a sync already running', async () => {
    let busy = false;
    const { s, timers, failures, skipped } = scheduler(
      () => [def()],
      async () => {
        if (busy) throw new AppError('sync_busy', 'busy');
        return run('failed');
      },
    );
    s.start();
    timers.advance(3600_000);
    await settle();
    expect(failures).toEqual(['Nightly']);
    busy = true;
    timers.advance(86_400_000);
    await settle();
    expect(skipped).toEqual(['Nightly']);
    expect(failures).toEqual(['Nightly']);
    s.stop();
  });
});
