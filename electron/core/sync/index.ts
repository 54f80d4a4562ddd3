import type { CallEvent } from '../../../shared/models/call-event';
import type { SyncDefinition, SyncRun } from '../../../shared/models/sync';
import type { KeyValueStore } from '../settings/store';
import type { Timers } from '../schedule/timers';
import type { RunPlan } from './plan';
import { SyncRunner } from './runner';
import { SyncScheduler } from './scheduler';
import { SyncService } from './service';
import { openStateDb } from './state-db';
import { SyncStateStore } from './state-store';
import { errorMessage } from '../../../shared/error-message';

export { SyncService } from './service';
export { SyncRunner } from './runner';
export { SyncScheduler } from './scheduler';
export { describeCron, nextRun, checkSchedule } from './cron-preview';
export type { RunPlan, EndpointSpec } from './plan';
export { searchRecipeFor } from './search-recipes';
export type { SyncProgress, SyncRun, SyncRunDetail, SyncSummary, SyncDefinition } from '../../../shared/models/sync';

export interface SyncFeatureOptions {
  stateDbPath: string;
  settings: KeyValueStore;
  resolvePlan: (definition: SyncDefinition) => Promise<RunPlan>;
  /** A scheduled run could not start or failed (health counts it; the log says why). */
  onScheduledFailure?: (definition: SyncDefinition, detail: { run?: SyncRun; error?: unknown }) => void;
  /** Checked before every run (schema drift); throws to keep the run from starting. */
  preflight?: (definition: SyncDefinition) => Promise<void>;
  /** A sync whose schedule paused itself is left out of the cron loop. */
  isPaused?: (syncId: string) => boolean;
  /** The scheduler's time (tests run days of slots on fake timers). */
  timers?: Timers;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** The runs' API calls (append them to the LogStore). */
  onCalls?: (events: CallEvent[]) => void;
  clock?: () => Date;
  workerUrl?: URL;
}

/**
 * Builds the sync feature once (called from createCore): state.db, the worker runner, the service
 * the handlers/CLI use, and the scheduler (started by the app shell only — the CLI runs on demand).
 */
export function createSyncFeature(o: SyncFeatureOptions) {
  const db = openStateDb(o.stateDbPath);
  const store = new SyncStateStore(db);
  const runner = new SyncRunner({ dbPath: o.stateDbPath, store, workerUrl: o.workerUrl });
  if (o.onCalls) runner.on('calls', o.onCalls);
  const service = new SyncService({
    settings: o.settings,
    store,
    runner,
    resolvePlan: o.resolvePlan,
    preflight: o.preflight,
    clock: o.clock,
  });
  const scheduler = new SyncScheduler({
    definitions: () => service.definitions().filter((d) => !o.isPaused?.(d.id)),
    timers: o.timers,
    trigger: (syncId) => service.runToEnd(syncId),
    // Notifications come from health (first failure, recovery, pause), not from every failed run.
    onFailure: (def, detail) => {
      const { run, error } = detail;
      const message = run
        ? `${def.name}: run ${run.status.replace(/_/g, ' ')}${run.error ? ` — ${run.error.message}` : ` (${run.counters.failed} failed records)`}`
        : `${def.name}: ${errorMessage(error)}`;
      o.log?.('warn', message);
      o.onScheduledFailure?.(def, detail);
    },
    onSkipped: (def, reason) => o.log?.('info', `Scheduled run of ${def.name} skipped: ${reason}.`),
  });
  return {
    store,
    runner,
    service,
    scheduler,
    async close() {
      scheduler.stop();
      await runner.close();
      db.close();
    },
  };
}

export type SyncFeature = ReturnType<typeof createSyncFeature>;
