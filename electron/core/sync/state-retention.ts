import type { PruneStep } from '../db/open-sqlite';

/** Run details kept whatever their age: the last few runs of each sync stay explorable. */
export const KEEP_RUN_DETAILS_PER_SYNC = 5;

/**
 * What state.db may forget: the per-record outcomes of old finished runs (by far its largest table:
 * one row per record per run). Run summaries, id maps, target state and quarantined records are
 * what keeps syncs from duplicating records, so they are never pruned.
 */
export const STATE_DB_PRUNE: readonly PruneStep[] = [
  {
    label: 'per-record details of old runs',
    cutoff: 'iso',
    sql: `DELETE FROM outcomes WHERE (run_id, source_id) IN (
            SELECT o.run_id, o.source_id FROM outcomes o JOIN runs r ON r.id = o.run_id
            WHERE r.finished_at IS NOT NULL AND r.finished_at < ?
              AND r.id NOT IN (SELECT k.id FROM runs k WHERE k.sync_id = r.sync_id
                               ORDER BY k.started_at DESC LIMIT ${KEEP_RUN_DETAILS_PER_SYNC})
            LIMIT ?)`,
  },
];
