import { join } from 'node:path';
import type { ConnectionService } from '../connections';
import { SecretField } from '../../../shared/models/connection';
import type { AppLog } from '../app-log';
import type { CoreEvents } from '../events';
import type { Ledger, LogStore } from '../logs';
import { createSyncFeature, type SyncFeatureOptions } from './index';
import { ledgerEntriesFor } from './ledger-entries';
import type { RunPlan } from './plan';
import { createPlanResolver, type PlanResolverDeps } from './resolve-plan';
import type { KeyValueStore } from '../settings/store';
import { errorMessage } from '../../../shared/error-message';

export interface SyncWiringDeps extends PlanResolverDeps {
  /** Plans read connections; rotated credentials and re-authorization marks are written back. */
  connections: Pick<ConnectionService, 'get' | 'saveRotatedSecret' | 'markNeedsReauthorization' | 'recordLearnedRate'>;
  dataDir: string;
  settings: KeyValueStore;
  logs: Pick<LogStore, 'appendMany'>;
  ledger: Pick<Ledger, 'record'>;
  events: CoreEvents;
  log: AppLog;
  clock: () => Date;
  /** Health and schema-drift hooks (built by createCore beside the sync feature). */
  hooks?: Pick<SyncFeatureOptions, 'preflight' | 'isPaused' | 'timers' | 'onScheduledFailure'>;
}

/**
 * The sync feature as the app uses it: plans from mappings + connections + keychain, the runs' calls
 * into the call log, a data-access ledger line per endpoint after each run, progress and ends as
 * core events (the window and the CLI follow them).
 */
export function wireSync(d: SyncWiringDeps) {
  const resolve = createPlanResolver(d);
  // One run per sync at a time (the runner guarantees it), so the last plan of a sync is its run's.
  const plans = new Map<string, RunPlan>();
  const feature = createSyncFeature({
    stateDbPath: join(d.dataDir, 'state.db'),
    settings: d.settings,
    clock: d.clock,
    resolvePlan: async (definition) => {
      const plan = await resolve(definition);
      plans.set(definition.id, plan);
      return plan;
    },
    onCalls: (events) => d.logs.appendMany(events),
    ...d.hooks,
    log: (level, message) => d.log.event(level, 'sync', message),
  });
  feature.service.on('progress', (p) => d.events.emit('sync:progress', p));
  // Credentials rotated inside a worker are written back here (the worker never opens the keychain).
  feature.runner.on('secret', ({ connectionId, field, value }) => {
    const parsed = SecretField.safeParse(field);
    if (!parsed.success) return;
    d.connections
      .saveRotatedSecret(connectionId, parsed.data, value)
      .catch((error: Error) =>
        d.log.event(
          'error',
          'secret_rotation_lost',
          `A rotated credential of connection ${connectionId} could not be saved: ${error.message}. Sign in again on that connection.`,
        ),
      );
  });
  feature.runner.on(
    'reauth',
    (connectionId) => void d.connections.markNeedsReauthorization(connectionId, true).catch(() => undefined),
  );
  // The rate a run settled on is kept on the connection: the next run starts there, its panel shows it.
  feature.runner.on('learned', ({ connectionId, requestsPerSecond, source }) => {
    d.connections
      .recordLearnedRate(connectionId, { requestsPerSecond, source, at: new Date().toISOString() })
      .catch(() => undefined);
  });
  feature.service.on('finished', (run) => {
    const plan = plans.get(run.syncId);
    if (plan) {
      for (const entry of ledgerEntriesFor(plan, run)) {
        try {
          d.ledger.record(entry);
        } catch (error) {
          d.log.event(
            'warn',
            'ledger_failed',
            `The data-access ledger could not record run ${run.id}: ${errorMessage(error)}`,
          );
        }
      }
    }
    d.events.emit('sync:finished', run);
  });
  return feature;
}

export type WiredSync = ReturnType<typeof wireSync>;
