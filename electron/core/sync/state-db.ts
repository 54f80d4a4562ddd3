import type Database from 'better-sqlite3';
import { openSqlite, type DatabaseSpec } from '../db/open-sqlite';
import { STATE_DB_PRUNE } from './state-retention';

export type StateDatabase = Database.Database;
export const STATE_DB_FILE = 'state.db';

/**
 * state.db: what the sync engine must remember across runs and crashes.
 *  - runs: one row per run, with its counters and the page checkpoint (`cursor`);
 *  - id_map: per source record, the target record it became, its last-synced mapped values and
 *    content hash (several source records share a target id when deduplication merged them);
 *  - target_state: per target record, the values we last wrote (partial updates diff against them);
 *  - outcomes: per run and source record, what happened and why (written in the same
 *    transaction as the id map, so a record with an outcome is done, even after a SIGKILL);
 *  - quarantine: records that failed, with the error and the source data, for "retry failed";
 *  - match_index: per run, the target's records by normalized match key, read once from a target
 *    that cannot be searched (so a lookup per record costs no request, and memory stays flat).
 */
const V1_SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  sync_id TEXT NOT NULL,
  status TEXT NOT NULL,
  dry_run INTEGER NOT NULL,
  mode TEXT NOT NULL,
  retry_of TEXT,
  mapping_version INTEGER NOT NULL,
  previous_mapping_version INTEGER,
  counters TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  active_ms INTEGER NOT NULL DEFAULT 0,
  resumes INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  warnings TEXT NOT NULL DEFAULT '[]',
  cursor TEXT,
  pages INTEGER NOT NULL DEFAULT 0,
  since_ms INTEGER,
  max_updated_at INTEGER
);
CREATE INDEX IF NOT EXISTS runs_sync ON runs(sync_id, started_at);
CREATE TABLE IF NOT EXISTS sync_state (
  sync_id TEXT PRIMARY KEY,
  watermark INTEGER,
  mapping_version INTEGER,
  last_run_id TEXT
);
CREATE TABLE IF NOT EXISTS id_map (
  sync_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  target_id TEXT NOT NULL,
  match_key TEXT,
  content_hash TEXT NOT NULL,
  vals TEXT NOT NULL,
  source_updated_at INTEGER,
  mapping_version INTEGER NOT NULL,
  synced_at TEXT NOT NULL,
  PRIMARY KEY (sync_id, source_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS id_map_key ON id_map(sync_id, match_key);
CREATE INDEX IF NOT EXISTS id_map_target ON id_map(sync_id, target_id);
CREATE TABLE IF NOT EXISTS target_state (
  sync_id TEXT NOT NULL,
  target_id TEXT NOT NULL,
  vals TEXT NOT NULL,
  PRIMARY KEY (sync_id, target_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outcomes (
  run_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  target_id TEXT,
  match_key TEXT,
  reason TEXT,
  code TEXT,
  changes TEXT,
  conflicts TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (run_id, source_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS outcomes_seq ON outcomes(run_id, seq);
CREATE TABLE IF NOT EXISTS quarantine (
  sync_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  code TEXT NOT NULL,
  error TEXT NOT NULL,
  record TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (sync_id, source_id)
) WITHOUT ROWID;
`;

const V2_MATCH_INDEX = `
CREATE TABLE IF NOT EXISTS match_index (
  run_id TEXT NOT NULL,
  match_key TEXT NOT NULL,
  target_id TEXT NOT NULL,
  vals TEXT NOT NULL,
  PRIMARY KEY (run_id, match_key)
) WITHOUT ROWID;
`;

export const STATE_DB_SPEC: DatabaseSpec = {
  file: STATE_DB_FILE,
  what: 'the sync state database',
  // Released steps are never edited; a schema change is a new step at the end.
  migrations: [
    { version: 1, name: 'runs, id map, target state, outcomes, quarantine', up: V1_SCHEMA },
    { version: 2, name: 'per-run match index of the target', up: V2_MATCH_INDEX },
  ],
  prune: STATE_DB_PRUNE,
};

/** Opens (creating if needed) state.db in WAL mode; safe to open from the main thread and a worker at once. */
export function openStateDb(path: string): StateDatabase {
  // The worker writes while the main thread reads history: WAL + busy timeout (openSqlite) allow both.
  return openSqlite(path, STATE_DB_SPEC);
}
