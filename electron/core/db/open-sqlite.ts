import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import { migrate, type Migration } from './migrations';
import { storageError } from './sqlite-errors';
import { errorMessage } from '../../../shared/error-message';

/** How one database file of the data folder is opened: its name, schema steps and tuning. */
export interface DatabaseSpec {
  /** File name inside the data folder: "logs.db". */
  file: string;
  /** Human name for messages: "the log database". */
  what: string;
  /** Numbered schema steps, oldest first (see ./migrations). */
  migrations: readonly Migration[];
  /**
   * NORMAL survives a process crash in WAL mode (only an OS crash may lose the last commits);
   * FULL fsyncs every commit, for promises that must survive a power cut (webhooks accepted before 2xx).
   */
  synchronous?: 'NORMAL' | 'FULL';
  cacheMb?: number;
  /** Pragmas after the journal mode (secure_delete…). */
  pragmas?: readonly string[];
  /** History this file may forget after the retention period (./housekeeping); none by default. */
  prune?: readonly PruneStep[];
}

/**
 * One kind of old rows a database may drop: a DELETE whose first parameter is the cutoff (rows older
 * than it go) and second a row limit, so each step is a short transaction.
 */
export interface PruneStep {
  /** For the report: "per-record run details". */
  label: string;
  sql: string;
  /** How the table stores time: epoch milliseconds or ISO-8601 text. */
  cutoff: 'epoch_ms' | 'iso';
}

/**
 * Every SQLite file of the data folder opens the same way: folder created, a typed error when it
 * cannot be opened, incremental auto-vacuum for new files (so pruning can give space back), WAL (a
 * worker thread writes while the main thread reads), a busy timeout instead of "database is
 * locked", then the numbered migrations. Damage is checked and repaired once at start
 * (./recover), not on every open.
 */
export function openSqlite(path: string, spec: DatabaseSpec): Database.Database {
  let db: Database.Database;
  // On a read-only mount SQLite would open the file read-only by itself, then fail at the first write
  // with no word of why: open the in-memory copy instead, whose refusals say it.
  if (existsSync(path) && !folderWritable(dirname(path))) return openReadOnlyCopy(path, spec);
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    const typed = storageError(error, spec.what, path);
    if (typed && canReadCopy(typed, path)) return openReadOnlyCopy(path, spec);
    throw (
      typed ??
      new AppError(
        'io_error',
        `Cannot open ${spec.what} ${path}: ${errorMessage(error)}. Check that the data folder exists and is writable.`,
        { path },
      )
    );
  }
  try {
    // auto_vacuum only takes effect before the first table exists, so only a new file gets it.
    if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${spec.synchronous ?? 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    if (spec.cacheMb) db.pragma(`cache_size = -${spec.cacheMb * 1024}`);
    for (const pragma of spec.pragmas ?? []) db.pragma(pragma);
    migrate(db, spec.migrations, spec.what, path);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    const typed = storageError(error, spec.what, path);
    if (typed && canReadCopy(typed, path)) return openReadOnlyCopy(path, spec);
    throw typed ?? error;
  }
}

function folderWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Above this, a file is not copied into memory to be read: the app would rather say it cannot open it. */
const READ_COPY_MAX_BYTES = 256 * 1024 * 1024;

/**
 * WAL needs to create or grow its -shm and -wal files even to read, which a full disk or a read-only
 * folder refuses. Reading must still work then (so the user can see their syncs and export what they
 * need), so the file is read into memory and opened from there, migrated in memory if it is older,
 * with every write refused by SQLite itself (query_only).
 */
function canReadCopy(error: AppError, path: string): boolean {
  if (error.code !== 'disk_full' && error.code !== 'read_only') return false;
  return existsSync(path) && statSync(path).size > 0 && statSync(path).size <= READ_COPY_MAX_BYTES;
}

function openReadOnlyCopy(path: string, spec: DatabaseSpec): Database.Database {
  const image = readFileSync(path);
  // Header bytes 18 and 19 say "WAL"; an in-memory image must say "rollback journal" to open.
  image[18] = 1;
  image[19] = 1;
  const db = new Database(image);
  migrate(db, spec.migrations, spec.what, path);
  db.pragma('query_only = 1');
  return db;
}

/** False for a database opened read-only because the data folder could not be written (see above). */
export function acceptsWrites(db: Database.Database): boolean {
  return !db.readonly && db.pragma('query_only', { simple: true }) === 0;
}
