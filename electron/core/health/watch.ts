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

/**
 * A webhook flow's health, per endpoint: a delivery that reached its target went through; an event
 * the flow parked and a delivery that gave up (needs attention) failed. A delivery that is only
 * retrying says nothing yet: its final answer will. A processed event is not counted on its own: its
 * delivery is, so a target refusing everything cannot look recovered at each new event.
 */
export function watchFlowHealth(webhooks: WebhookService, health: HealthTracker): void {
  const subjectOf = (endpointId: string) => {
    const endpoint = webhooks.endpoint(endpointId);
    if (!endpoint?.flowId) return null;
    return {
      kind: 'flow' as const,
      id: endpoint.id,
      name: endpoint.name,
      pauseAfterFailures: null,
      alertTargetId: null,
    };
  };
  webhooks.on('event', (e) => {
    if (e.status !== 'parked') return;
    const subject = subjectOf(e.endpointId);
    if (subject) health.record(subject, 'failed', `event ${e.seq} parked: ${e.reason ?? 'the flow failed'}`);
  });
  webhooks.on('delivery', (d) => {
    if (d.state !== 'delivered' && d.state !== 'needs_attention') return;
    // Deliveries that no event caused (health alerts themselves, manual sends) belong to no flow.
    const delivery = webhooks.delivery(d.id);
    const event = delivery.sourceEventSeq === null ? undefined : webhooks.events.get(delivery.sourceEventSeq);
    const subject = event ? subjectOf(event.endpoint_id) : null;
    if (!subject) return;
    if (d.state === 'delivered') health.record(subject, 'ok', `delivery ${d.id} delivered`);
    else health.record(subject, 'failed', `delivery ${d.id} needs attention: ${delivery.lastError ?? 'gave up'}`);
  });
}
