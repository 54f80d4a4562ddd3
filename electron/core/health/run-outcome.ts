import type { HealthOutcome } from '../../../shared/models/health';
import type { SyncRun } from '../../../shared/models/sync';

/**
 * What a finished run says about its sync, from its record counts and final status: the call-level
 * retries inside it are not looked at. Null: the run says nothing (a dry run, a cancel, a crash
 * that resumes next time).
 */
export function runOutcome(run: SyncRun): { outcome: HealthOutcome; summary: string } | null {
  if (run.dryRun) return null;
  const c = run.counters;
  switch (run.status) {
    case 'succeeded':
    case 'partial':
      return { outcome: 'ok', summary: `${c.processed} records, none failed` };
    case 'completed_with_errors':
      // Every record failing is a failed run in all but name (a target refusing everything).
      if (c.processed > 0 && c.failed >= c.processed)
        return { outcome: 'failed', summary: `all ${c.processed} records failed` };
      return { outcome: 'degraded', summary: `${c.failed} of ${c.processed} records failed` };
    case 'failed':
      return { outcome: 'failed', summary: run.error?.message ?? 'the run failed' };
    default:
      return null;
  }
}
