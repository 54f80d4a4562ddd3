import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { DatabaseSpec } from './open-sqlite';

export interface FileSizes {
  bytes: number;
  walBytes: number;
  freeBytes: number;
}

const sizeOf = (path: string): number => (existsSync(path) ? statSync(path).size : 0);

/** What a database file takes on disk, read without writing anything (works on a read-only folder). */
export function databaseFileSizes(path: string): FileSizes {
  const bytes = sizeOf(path);
  const walBytes = sizeOf(`${path}-wal`);
  if (bytes === 0) return { bytes, walBytes, freeBytes: 0 };
  let freeBytes = 0;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const free = db.pragma('freelist_count', { simple: true }) as number;
      freeBytes = free * (db.pragma('page_size', { simple: true }) as number);
    } finally {
      db.close();
    }
  } catch {
    // A file being recovered or locked still has a size; its free pages are simply unknown.
  }
  return { bytes, walBytes, freeBytes };
}

export interface CompactOptions {
  /** Rows deleted per transaction: short ones, so the services writing the same file never wait long. */
  batchRows?: number;
  /** Pages handed back to the file system per incremental-vacuum step. */
  vacuumPages?: number;
  /**
   * A file made before incremental auto-vacuum was the default cannot give pages back a slice at a
   * time; a full VACUUM converts it once. It locks the file while it runs, so only a compaction the
   * user asked for does it, never the background one.
   */
  convertLegacy?: boolean;
}

export interface CompactFileResult {
  pruned: { label: string; rows: number }[];
  bytesBefore: number;
  bytesAfter: number;
}

/**
 * Drops the history a database declared it may forget (rows older than `cutoffMs`), then gives the
 * freed pages back (incremental vacuum: files are created with auto_vacuum=INCREMENTAL) and folds the
 * WAL into the main file and truncates it. Works on its own connection beside the services' (WAL
 * allows it), in small transactions separated by turns of the event loop, so nothing stalls.
 */
export async function compactDatabaseFile(
  path: string,
  spec: DatabaseSpec,
  cutoffMs: number,
  options: CompactOptions = {},
): Promise<CompactFileResult> {
  const batch = options.batchRows ?? 2000;
  const pages = options.vacuumPages ?? 1000;
  const before = databaseFileSizes(path);
  const result: CompactFileResult = { pruned: [], bytesBefore: before.bytes + before.walBytes, bytesAfter: 0 };
  if (!existsSync(path)) return result;
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    for (const step of spec.prune ?? []) {
      const stmt = db.prepare(step.sql);
      const cutoff = step.cutoff === 'iso' ? new Date(cutoffMs).toISOString() : cutoffMs;
      let rows = 0;
      for (;;) {
        const n = stmt.run(cutoff, batch).changes;
        rows += n;
        if (n < batch) break;
        await yieldToLoop();
      }
      result.pruned.push({ label: step.label, rows });
    }
    const incremental = (db.pragma('auto_vacuum', { simple: true }) as number) === 2;
    if (!incremental && options.convertLegacy && (db.pragma('freelist_count', { simple: true }) as number) > 0) {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.exec('VACUUM');
    }
    for (;;) {
      const free = db.pragma('freelist_count', { simple: true }) as number;
      if (free === 0) break;
      db.pragma(`incremental_vacuum(${pages})`);
      if ((db.pragma('freelist_count', { simple: true }) as number) >= free) break;
      await yieldToLoop();
    }
    // TRUNCATE waits (busy_timeout) for readers to finish the WAL frames they hold, then empties it.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const after = databaseFileSizes(path);
  result.bytesAfter = after.bytes + after.walBytes;
  return result;
}
