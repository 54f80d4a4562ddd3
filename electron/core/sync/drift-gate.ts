import { AppError } from '../../../shared/errors';
import type { DriftReport } from '../../../shared/models/drift';
import type { SyncDefinition } from '../../../shared/models/sync';
import type { HealthTracker } from '../health/tracker';
import { syncSubject } from '../health/subjects';
import type { DriftChecker } from './drift';

/** "source field customer_since removed; rule customer_since → metadata_customer_since lost its field". */
export function describeDrift(report: DriftReport): string {
  const parts = report.changes
    .filter((c) => c.change !== 'added')
    .map((c) =>
      c.change === 'removed'
        ? `${c.side} field ${c.field} removed`
        : `${c.side} field ${c.field} changed from ${c.before} to ${c.after}`,
    );
  for (const r of report.brokenRules) parts.push(`rule for ${r.target} lost its ${r.side} field ${r.field}`);
  const added = report.changes.filter((c) => c.change === 'added').length;
  if (added) parts.push(`${added} new field${added === 1 ? '' : 's'}`);
  return parts.join('; ') || 'no changes';
}

export interface DriftGateDeps {
  checker: DriftChecker;
  health: HealthTracker;
  /** Remembers each sync's last report (the Syncs page and `patchbay sync drift` show it). */
  reports: Map<string, DriftReport>;
  log: (level: 'info' | 'warn', message: string) => void;
}

/**
 * Runs before each run of a sync: checks its mapping's fields against the live ones and applies the
 * sync's policy. Under "pause" a breaking change stops the run before it starts and pauses the sync
 * with the reason; a later check that finds the mapping fixed lifts that pause.
 */
export function driftGate(d: DriftGateDeps): (definition: SyncDefinition) => Promise<void> {
  return async (definition) => {
    if (definition.schemaDrift === 'ignore') return;
    const report = await d.checker.check(definition.mappingId);
    d.reports.set(definition.id, report);
    const subject = syncSubject(definition);
    const pausedForDrift = d.health.get('sync', definition.id).pause?.reason === 'schema_drift';
    if (!report.breaking) {
      if (pausedForDrift) d.health.resume('sync', definition.id);
      if (report.changes.length) d.log('info', `${definition.name}: schema changes found: ${describeDrift(report)}.`);
      return;
    }
    const what = describeDrift(report);
    if (definition.schemaDrift === 'continue') {
      d.log('warn', `${definition.name}: running despite schema changes: ${what}.`);
      return;
    }
    const message = `Paused: the fields changed since the mapping was built (${what}). Update the mapping, then run or resume the sync.`;
    d.health.pause(subject, 'schema_drift', message);
    throw new AppError('sync_paused', `${definition.name}: ${message}`, {
      syncId: definition.id,
      reason: 'schema_drift',
      changes: report.changes.filter((c) => c.change !== 'added').length,
      brokenRules: report.brokenRules.length,
    });
  };
}
