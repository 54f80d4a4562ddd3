import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';

export interface OpenSqliteOptions {
  /** Human name for error messages: "the log database". */
  what: string;
  /** SQL run on every open (CREATE … IF NOT EXISTS). */
  schema: string;
  /** Stored in user_version; a file from a newer Patchbay is refused rather than misread. */
  schemaVersion?: number;
  /**
   * NORMAL survives a process crash in WAL mode (only an OS crash may lose the last commits);
   * FULL fsyncs every commit, for promises that must survive a power cut (webhooks accepted before 2xx).
   */
  synchronous?: 'NORMAL' | 'FULL';
  cacheMb?: number;
  /** Pragmas that only work before the first table exists (auto_vacuum). */
  onCreate?: (db: Database.Database) => void;
  /** Pragmas after the journal mode (secure_delete…). */
  pragmas?: string[];
}

/**
 * Every SQLite file of the data folder opens the same way: folder created, a clear io_error when it
 * cannot be opened, WAL (a worker thread writes while the main thread reads), a busy timeout instead
 * of "database is locked", the schema, and a schema-version guard.
 */
export function openSqlite(path: string, o: OpenSqliteOptions): Database.Database {
  let db: Database.Database;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw new AppError(
      'io_error',
      `Cannot open ${o.what} ${path}: ${(error as Error).message}. Check that the data folder exists and is writable.`,
      { path },
    );
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (o.schemaVersion !== undefined && version > o.schemaVersion) {
    db.close();
    throw new AppError(
      'io_error',
      `${path} was written by a newer Patchbay (schema ${version}); update Patchbay to open it.`,
      { path },
    );
  }
  if (version === 0) o.onCreate?.(db);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${o.synchronous ?? 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  if (o.cacheMb) db.pragma(`cache_size = -${o.cacheMb * 1024}`);
  for (const pragma of o.pragmas ?? []) db.pragma(pragma);
  db.exec(o.schema);
  if (o.schemaVersion !== undefined && version < o.schemaVersion) db.pragma(`user_version = ${o.schemaVersion}`);
  return db;
}
