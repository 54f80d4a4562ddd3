import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { errorMessage } from '../../../shared/error-message';

/**
 * One schema step. Steps are never edited once released: a change is a new step, so every file,
 * however old, reaches today's schema by running the steps it has not seen, in order.
 */
export interface Migration {
  /** 1, 2, 3… with no gaps; stored in PRAGMA user_version once applied. */
  version: number;
  /** What the step does, for error messages. */
  name: string;
  up: string | ((db: Database.Database) => void);
}

/** PRAGMA application_id of every Patchbay database ("PBAY"): tells our files from other programs' SQLite files. */
export const PATCHBAY_APPLICATION_ID = 0x50424159;

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

export function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
}

/**
 * Brings `db` to the latest version. Each step runs in its own IMMEDIATE transaction that re-reads
 * user_version first, so two processes opening the same file at once (the app and a sync worker)
 * never apply a step twice; a failed step rolls back and leaves the file at the previous version.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], what: string, path: string): number {
  assertOrdered(migrations);
  const latest = latestVersion(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest)
    throw new AppError(
      'io_error',
      `${path} was written by a newer Patchbay (schema ${current}, this version knows ${latest}); update Patchbay to open it.`,
      { path, version: current },
    );
  for (const m of migrations) {
    if (m.version <= current) continue;
    const step = db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`application_id = ${PATCHBAY_APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      step.immediate();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'io_error',
        `Could not upgrade ${what} (${path}) to schema ${m.version} ("${m.name}"): ${errorMessage(error)}. The file was left as it was.`,
        { path, version: m.version },
      );
    }
  }
  // Files of 0.1.0 already at the latest version ran no step above: mark them as ours once.
  if ((db.pragma('application_id', { simple: true }) as number) === 0)
    db.pragma(`application_id = ${PATCHBAY_APPLICATION_ID}`);
  return latest;
}
