import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

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
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DATASETS_DB_FILE);
  let db: DatasetDatabase;
  try {
    db = new Database(path);
  } catch (error) {
    throw new AppError('io_error', `Could not open ${path}: ${(error as Error).message}. Check that the data folder is writable.`, { path });
  }
  db.pragma('journal_mode = WAL');
  // Refreshes are re-runnable from the sources, so a power cut may lose the last transaction but never corrupts.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Index maintenance of a 500k-row refresh and dashboard scans both live in the page cache.
  db.pragma('cache_size = -65536');
  db.exec(SCHEMA);
  return db;
}
