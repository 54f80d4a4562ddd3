import { errorMessage } from '../../../shared/error-message';
import { AppError } from '../../../shared/errors';
import type { SyncDefinition } from '../../../shared/models/sync';
import type { SyncService } from '../sync/service';
import type { WebhookService } from '../webhooks/service';
import { runOutcome } from './run-outcome';
import { syncSubject } from './subjects';
import type { HealthTracker } from './tracker';

/** Every finished run of a sync feeds its health. */
export function watchSyncHealth(service: SyncService, health: HealthTracker): void {
  service.on('finished', (run) => {
    const result = runOutcome(run);
    if (!result) return;
    let definition: SyncDefinition;
    try {
      definition = service.definition(run.syncId);
    } catch {
      return; // removed while it ran
    }
    health.record(syncSubject(definition), result.outcome, result.summary, run.id);
  });
}

/**
 * A scheduled run that could not even start (a missing secret, a deleted mapping) is a failed run
 * for its sync; a run kept back on purpose (busy, paused for schema drift) is not.
 */
export function scheduledStartFailed(health: HealthTracker) {
  return (definition: SyncDefinition, detail: { run?: unknown; error?: unknown }): void => {
    if (detail.run || detail.error === undefined) return;
    if (AppError.is(detail.error, 'sync_busy') || AppError.is(detail.error, 'sync_paused')) return;
    health.record(syncSubject(definition), 'failed', errorMessage(detail.error));
  };
}

/** A webhook flow's health: each event it processed went through; each it parked failed. */
export function watchFlowHealth(webhooks: WebhookService, health: HealthTracker): void {
  webhooks.on('event', (e) => {
    if (e.status !== 'processed' && e.status !== 'parked') return;
    const endpoint = webhooks.endpoint(e.endpointId);
    if (!endpoint?.flowId) return;
    const subject = {
      kind: 'flow' as const,
      id: endpoint.id,
      name: endpoint.name,
      pauseAfterFailures: null,
      alertTargetId: null,
    };
    if (e.status === 'processed') health.record(subject, 'ok', `event ${e.seq} processed`);
    else health.record(subject, 'failed', `event ${e.seq} parked: ${e.reason ?? 'the flow failed'}`);
  });
}
