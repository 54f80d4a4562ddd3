import type Database from 'better-sqlite3';
import { openSqlite } from '../db/open-sqlite';
import { join } from 'node:path';

export type DatasetDatabase = Database.Database;
export const DATASETS_DB_FILE = 'datasets.db';

/**
 * Shared tables of datasets.db. Each dataset also gets its own table (see ./table): one table per
 * dataset keeps its declared columns real SQL columns, so the dashboard's aggregates are plain SQL.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS dataset_sources_state (
  dataset_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  cursor TEXT,
  last_refresh_at TEXT,
  last_error TEXT,
  PRIMARY KEY (dataset_id, source_id)
);
CREATE TABLE IF NOT EXISTS dataset_state (
  dataset_id TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  rates_version TEXT,
  last_refresh_at TEXT
);
CREATE TABLE IF NOT EXISTS rates (
  rate_key TEXT NOT NULL,
  currency TEXT NOT NULL,
  date TEXT NOT NULL,
  rate TEXT NOT NULL,
  PRIMARY KEY (rate_key, currency, date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS xref (
  dataset_id TEXT NOT NULL,
  system TEXT NOT NULL,
  key TEXT NOT NULL,
  external_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  product_name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (dataset_id, system, key)
) WITHOUT ROWID;
`;

export function openDatasetsDb(dataDir: string): DatasetDatabase {
  // Refreshes are re-runnable from the sources, so NORMAL durability is enough; index maintenance of a
  // 500k-row refresh and dashboard scans both live in a 64 MB page cache.
  return openSqlite(join(dataDir, DATASETS_DB_FILE), { what: 'the datasets database', schema: SCHEMA, cacheMb: 64 });
}
