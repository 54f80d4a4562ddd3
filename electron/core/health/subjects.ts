import type { SyncDefinition } from '../../../shared/models/sync';
import type { HealthSubject } from './tracker';

export const syncSubject = (d: SyncDefinition): HealthSubject => ({
  kind: 'sync',
  id: d.id,
  name: d.name,
  pauseAfterFailures: d.alerts.pauseAfterFailures,
  alertTargetId: d.alerts.webhookTargetId,
});
