import type Database from 'better-sqlite3';
import { openSqlite, type DatabaseSpec } from '../db/open-sqlite';
import { join } from 'node:path';

export type DatasetDatabase = Database.Database;
export const DATASETS_DB_FILE = 'datasets.db';

/**
 * Shared tables of datasets.db. Each dataset also gets its own table (see ./table): one table per
 * dataset keeps its declared columns real SQL columns, so the dashboard's aggregates are plain SQL.
 */
const V1_SCHEMA = `
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

export const DATASETS_DB_SPEC: DatabaseSpec = {
  file: DATASETS_DB_FILE,
  what: 'the datasets database',
  // Released steps are never edited; a schema change is a new step at the end. Files of 0.1.0 carry
  // user_version 0 with these tables already there, which the IF NOT EXISTS of step 1 adopts.
  migrations: [{ version: 1, name: 'refresh state, rates, product cross-reference', up: V1_SCHEMA }],
  // Refreshes are re-runnable from the sources, so NORMAL durability is enough; index maintenance of a
  // 500k-row refresh and dashboard scans both live in a 64 MB page cache.
  cacheMb: 64,
};

export function openDatasetsDb(dataDir: string): DatasetDatabase {
  return openSqlite(join(dataDir, DATASETS_DB_FILE), DATASETS_DB_SPEC);
}
