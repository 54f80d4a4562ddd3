import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqlite, type DatabaseSpec } from '../db/open-sqlite';
import { WEBHOOK_DB_PRUNE } from './retention';

export type WebhookDatabase = Database.Database;
export const WEBHOOK_DB_FILE = 'webhooks.db';

const V1_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  source TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  entity_key TEXT,
  entity_version TEXT,
  status TEXT NOT NULL,
  reason TEXT,
  body TEXT NOT NULL,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX IF NOT EXISTS events_received ON events (seq) WHERE status = 'received';
CREATE INDEX IF NOT EXISTS events_entity ON events (endpoint_id, entity_key);

CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  idempotency_id TEXT NOT NULL,
  target_id TEXT NOT NULL,
  ordering_key TEXT,
  state TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  round_attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT,
  source_event_seq INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at, seq) WHERE state IN ('pending', 'retrying');
CREATE INDEX IF NOT EXISTS outbox_key ON outbox (ordering_key, seq) WHERE state IN ('pending', 'retrying');
CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state, seq);

CREATE TABLE IF NOT EXISTS attempts (
  delivery_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  status INTEGER,
  outcome TEXT NOT NULL,
  error TEXT,
  retry_after_ms INTEGER,
  PRIMARY KEY (delivery_id, n)
);

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/**
 * webhooks.db: received events, the outbox and attempt history. A dedicated file so that
 * synchronous=FULL (an fsync per commit, the "written before 2xx" promise survives power loss, not
 * just a process kill) does not slow down the log and state databases.
 */
export const WEBHOOK_DB_SPEC: DatabaseSpec = {
  file: WEBHOOK_DB_FILE,
  what: 'the webhooks database',
  // Released steps are never edited; a schema change is a new step at the end. Files of 0.1.0 carry
  // user_version 0 with these tables already there, which the IF NOT EXISTS of step 1 adopts.
  migrations: [
    { version: 1, name: 'events, outbox, attempts', up: V1_SCHEMA },
    {
      version: 2,
      name: 'duplicate deliveries counted; body hash for schemes that do not sign the event id',
      up: `
        ALTER TABLE events ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE events ADD COLUMN last_duplicate_at INTEGER;
        ALTER TABLE events ADD COLUMN body_sha256 TEXT;
        CREATE INDEX events_body ON events (endpoint_id, body_sha256) WHERE body_sha256 IS NOT NULL;
      `,
    },
    {
      version: 3,
      name: 'deliveries by source event, so pruning finds the events nothing waits on',
      up: `CREATE INDEX outbox_event ON outbox (source_event_seq);`,
    },
  ],
  synchronous: 'FULL',
  prune: WEBHOOK_DB_PRUNE,
};

export function openWebhookDatabase(dataDirOrFile: string): WebhookDatabase {
  const file = dataDirOrFile.endsWith('.db') ? dataDirOrFile : join(dataDirOrFile, WEBHOOK_DB_FILE);
  return openSqlite(file, WEBHOOK_DB_SPEC);
}
