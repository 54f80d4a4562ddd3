import { describe, expect, it } from 'vitest';
import { HealthStore } from '../../../electron/core/health/health-store';
import { runOutcome } from '../../../electron/core/health/run-outcome';
import { HealthTracker, type HealthSubject } from '../../../electron/core/health/tracker';
import type { KeyValueStore } from '../../../electron/core/settings/store';
import type { HealthAlert } from '../../../shared/models/health';
import { SyncRun } from '../../../shared/models/sync';

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

const subject: HealthSubject = { kind: 'sync', id: 's1', name: 'Nightly', pauseAfterFailures: 3, alertTargetId: null };

function tracker() {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const alerts: HealthAlert[] = [];
  const settings = memoryStore();
  const t = new HealthTracker({
    store: new HealthStore(settings),
    clock: () => new Date((now += 1000)),
    alert: (a) => alerts.push(a),
  });
  return { t, alerts, settings };
}

const run = (over: Partial<SyncRun>): SyncRun =>
  SyncRun.parse({
    id: 'r',
    syncId: 's1',
    status: 'succeeded',
    dryRun: false,
    mode: 'full',
    retryOf: null,
    mappingVersion: 1,
    previousMappingVersion: null,
    counters: { processed: 10, failed: 0 },
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:01:00Z',
    activeMs: 1,
    resumes: 0,
    error: null,
    ...over,
  });

describe('run outcomes', () => {
  it('judges a run by its records, and leaves dry runs and cancels out', () => {
    expect(runOutcome(run({}))!.outcome).toBe('ok');
    expect(
      runOutcome(
        run({ status: 'completed_with_errors', counters: SyncRun.shape.counters.parse({ processed: 10, failed: 2 }) }),
      )!.outcome,
    ).toBe('degraded');
    expect(
      runOutcome(
        run({ status: 'completed_with_errors', counters: SyncRun.shape.counters.parse({ processed: 4, failed: 4 }) }),
      )!.outcome,
    ).toBe('failed');
    expect(runOutcome(run({ status: 'failed', error: { code: 'http_error', message: 'billing down' } }))!.summary).toBe(
      'billing down',
    );
    expect(runOutcome(run({ dryRun: true }))).toBeNull();
    expect(runOutcome(run({ status: 'cancelled' }))).toBeNull();
  });
});

describe('HealthTracker', () => {
  it('alerts on the first failure, the pause and the recovery only', () => {
    const { t, alerts } = tracker();
    t.record(subject, 'ok', 'fine');
    expect(t.get('sync', 's1').state).toBe('healthy');
    t.record(subject, 'failed', 'down');
    t.record(subject, 'failed', 'down');
    expect(alerts.map((a) => a.type)).toEqual(['failing']);
    expect(t.get('sync', 's1')).toMatchObject({ state: 'failing', consecutiveFailures: 2 });
    t.record(subject, 'failed', 'down');
    expect(alerts.map((a) => a.type)).toEqual(['failing', 'paused']);
    expect(t.isPaused('sync', 's1')).toBe(true);
    t.record(subject, 'failed', 'still down');
    expect(alerts).toHaveLength(2);
    t.resume('sync', 's1');
    expect(t.get('sync', 's1')).toMatchObject({ state: 'failing', consecutiveFailures: 0, pause: null });
    t.record(subject, 'degraded', '1 of 10 failed');
    t.record(subject, 'ok', 'fine');
    expect(alerts.map((a) => a.type)).toEqual(['failing', 'paused', 'recovered']);
    expect(t.get('sync', 's1').state).toBe('healthy');
  });

  it('keeps a schema-drift pause through a successful run until resumed', () => {
    const { t } = tracker();
    t.pause(subject, 'schema_drift', 'field gone');
    t.record(subject, 'ok', 'fine');
    expect(t.get('sync', 's1').state).toBe('paused');
    t.resume('sync', 's1');
    expect(t.get('sync', 's1').state).toBe('healthy');
  });

  it('never pauses when the limit is off, and survives a restart from the store', () => {
    const { t, settings } = tracker();
    const never = { ...subject, pauseAfterFailures: null };
    for (let i = 0; i < 20; i++) t.record(never, 'failed', 'down');
    expect(t.get('sync', 's1')).toMatchObject({ state: 'failing', consecutiveFailures: 20 });
    const again = new HealthTracker({ store: new HealthStore(settings), clock: () => new Date(), alert: () => {} });
    expect(again.get('sync', 's1').consecutiveFailures).toBe(20);
  });
});
