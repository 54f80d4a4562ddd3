import type Database from 'better-sqlite3';
import { openSqlite, type DatabaseSpec } from '../db/open-sqlite';
import { join } from 'node:path';

export type LogDatabase = Database.Database;

export const LOG_DB_FILE = 'logs.db';

/**
 * Schema of logs.db: call events, app events, the data-access ledger, and an external-content
 * FTS5 index kept in step by triggers (so retention deletes also clean the index).
 * Times are epoch milliseconds so range filters and keyset cursors compare integers.
 */
const V1_SCHEMA = `
CREATE TABLE IF NOT EXISTS call_events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  time_ms INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  run_id TEXT, sync_id TEXT, connection_id TEXT, connector_id TEXT, resource TEXT, operation TEXT,
  method TEXT NOT NULL, url TEXT NOT NULL, host TEXT NOT NULL,
  status INTEGER, status_class TEXT NOT NULL,
  error_class TEXT, error_code TEXT, error_message TEXT,
  attempt INTEGER NOT NULL DEFAULT 1, retry_wait_ms REAL,
  bytes_in INTEGER NOT NULL DEFAULT 0, bytes_out INTEGER NOT NULL DEFAULT 0,
  records_in INTEGER, records_out INTEGER,
  rate_limit TEXT, request_headers TEXT, response_headers TEXT, request_body TEXT, response_body TEXT
);
CREATE INDEX IF NOT EXISTS call_events_time ON call_events(time_ms);
CREATE INDEX IF NOT EXISTS call_events_conn_time ON call_events(connection_id, time_ms);
CREATE INDEX IF NOT EXISTS call_events_run_time ON call_events(run_id, time_ms);
CREATE INDEX IF NOT EXISTS call_events_sync_time ON call_events(sync_id, time_ms);
CREATE INDEX IF NOT EXISTS call_events_class_time ON call_events(status_class, time_ms);
CREATE INDEX IF NOT EXISTS call_events_error_time ON call_events(error_code, time_ms) WHERE error_code IS NOT NULL;

CREATE VIRTUAL TABLE IF NOT EXISTS call_fts USING fts5(
  url, error_message, request_body, response_body,
  content='call_events', content_rowid='seq',
  -- Results are ordered by time, not rank, so per-row column sizes (bm25 input) are not stored.
  columnsize=0
);
CREATE TRIGGER IF NOT EXISTS call_events_ai AFTER INSERT ON call_events BEGIN
  INSERT INTO call_fts(rowid, url, error_message, request_body, response_body)
  VALUES (new.seq, new.url, new.error_message, new.request_body, new.response_body);
END;
CREATE TRIGGER IF NOT EXISTS call_events_ad AFTER DELETE ON call_events BEGIN
  INSERT INTO call_fts(call_fts, rowid, url, error_message, request_body, response_body)
  VALUES ('delete', old.seq, old.url, old.error_message, old.request_body, old.response_body);
END;

CREATE TABLE IF NOT EXISTS app_events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  time_ms INTEGER NOT NULL,
  level TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  details TEXT,
  run_id TEXT,
  connection_id TEXT
);
CREATE INDEX IF NOT EXISTS app_events_time ON app_events(time_ms);
CREATE INDEX IF NOT EXISTS app_events_run ON app_events(run_id, time_ms);

CREATE TABLE IF NOT EXISTS data_access (
  id INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  flow_kind TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  sync_id TEXT,
  connection_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  direction TEXT NOT NULL,
  fields TEXT NOT NULL,
  record_count INTEGER NOT NULL,
  host TEXT NOT NULL,
  auth_kind TEXT NOT NULL,
  integrator_header TEXT
);
CREATE INDEX IF NOT EXISTS data_access_time ON data_access(time_ms);
CREATE INDEX IF NOT EXISTS data_access_flow ON data_access(flow_id);
`;

export const LOG_DB_SPEC: DatabaseSpec = {
  file: LOG_DB_FILE,
  what: 'the log database',
  // Released steps are never edited; a schema change is a new step at the end.
  migrations: [{ version: 1, name: 'call log, app events, ledger, full-text index', up: V1_SCHEMA }],
  // Six indexes plus FTS at a million rows: a 32 MB page cache keeps their hot pages in memory.
  cacheMb: 32,
  // Deleted call rows must not leave readable bytes behind in free pages.
  pragmas: ['secure_delete = FAST'],
};

/** Open (or create) `<dataDir>/logs.db` with WAL and incremental auto-vacuum. */
export function openLogDatabase(dataDir: string): LogDatabase {
  return openSqlite(dataDir === ':memory:' ? dataDir : join(dataDir, LOG_DB_FILE), LOG_DB_SPEC);
}
