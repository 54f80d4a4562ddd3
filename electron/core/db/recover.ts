import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { PATCHBAY_APPLICATION_ID } from './migrations';
import { openSqlite, type DatabaseSpec } from './open-sqlite';
import { salvageInto, type SalvagedTable } from './salvage';
import { errorMessage } from '../../../shared/error-message';

export type DatabaseProblem = 'empty' | 'not_a_database' | 'foreign' | 'damaged';

/** What happened to one database file at start, in words for the user and numbers for tests. */
export interface DatabaseRecovery {
  path: string;
  what: string;
  problem: DatabaseProblem;
  /** SQLite's own words ("database disk image is malformed"), or what the check found. */
  detail: string;
  /** Where the old file (and its -wal) now is: nothing is deleted. */
  movedTo: string;
  tables: SalvagedTable[];
  recoveredRows: number;
  message: string;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Makes sure `path` is a healthy Patchbay database before services open it: a 0-byte file, a file
 * that is not SQLite, another program's SQLite file, or one that fails `PRAGMA quick_check` is moved
 * aside with a timestamp (with its -wal and -shm), a fresh file is created at the latest schema, and
 * every row that can still be read is copied into it. Returns what was done, or undefined when the
 * file was fine (or absent). A healthy file is left for openSqlite to migrate.
 */
export function checkDatabase(path: string, spec: DatabaseSpec, now: Date): DatabaseRecovery | undefined {
  if (!existsSync(path)) return undefined;
  const found = diagnose(path, spec);
  if (!found) return undefined;
  const suffix = found.problem === 'foreign' ? 'foreign' : 'corrupt';
  const movedTo = `${path}.${suffix}-${now.toISOString().replace(/[:.]/g, '-')}`;
  // The -wal holds committed pages not yet in the main file: it moves with it so salvage can read them.
  for (const ext of ['', '-wal', '-shm']) if (existsSync(path + ext)) renameSync(path + ext, movedTo + ext);
  const fresh = openSqlite(path, spec);
  let tables: SalvagedTable[] = [];
  try {
    if (found.problem === 'damaged') tables = salvageInto(movedTo, fresh);
  } finally {
    fresh.close();
  }
  const recoveredRows = tables.reduce((n, t) => n + t.recovered, 0);
  const recovery = { path, what: spec.what, ...found, movedTo, tables, recoveredRows };
  return { ...recovery, message: describeRecovery(recovery) };
}

function diagnose(path: string, spec: DatabaseSpec): { problem: DatabaseProblem; detail: string } | undefined {
  if (statSync(path).size === 0) return { problem: 'empty', detail: 'the file is empty (0 bytes)' };
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) return { problem: 'not_a_database', detail: 'the file is not a SQLite database' };
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter(
      (t) => !t.startsWith('sqlite_'),
    );
    const ours = expectedTables(spec);
    if (
      (applicationId !== 0 && applicationId !== PATCHBAY_APPLICATION_ID) ||
      (applicationId === 0 && tables.length > 0 && !tables.some((t) => ours.has(t)))
    )
      return {
        problem: 'foreign',
        detail: `the file is another program's SQLite database (tables: ${tables.slice(0, 5).join(', ') || 'none'})`,
      };
    const check = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
    const problems = check.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length) return { problem: 'damaged', detail: problems.join('; ') };
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') return { problem: 'not_a_database', detail: errorMessage(error) };
    if (code?.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_IOERR_SHORT_READ')
      return { problem: 'damaged', detail: errorMessage(error) };
    // Anything else (a lock, a permission) is not damage: the normal open reports it.
    return undefined;
  } finally {
    db?.close();
  }
}

const expectedCache = new WeakMap<DatabaseSpec, Set<string>>();

/** The tables a database of this kind has at the latest schema (built once in memory from the migrations). */
function expectedTables(spec: DatabaseSpec): Set<string> {
  let tables = expectedCache.get(spec);
  if (!tables) {
    const db = new Database(':memory:');
    try {
      for (const m of spec.migrations) {
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
      }
      tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    } finally {
      db.close();
    }
    expectedCache.set(spec, tables);
  }
  return tables;
}

function describeRecovery(r: Omit<DatabaseRecovery, 'message'>): string {
  const name = `${capitalize(r.what)} (${basename(r.path)})`;
  const kept = `The old file was kept as ${r.movedTo}.`;
  switch (r.problem) {
    case 'empty':
      return `${name} was an empty file (0 bytes), so its history is lost. Patchbay started a fresh one. ${kept}`;
    case 'not_a_database':
      return `${name} was not a database (${r.detail}), so nothing could be read from it. Patchbay started a fresh one. ${kept}`;
    case 'foreign':
      return `${name} was not Patchbay's (${r.detail}). Patchbay started a fresh one and left that file untouched. ${kept}`;
    case 'damaged': {
      const total = r.tables.every((t) => t.total !== undefined)
        ? r.tables.reduce((n, t) => n + (t.total ?? 0), 0)
        : undefined;
      const lost = r.tables
        .filter((t) => t.total === undefined || t.recovered < t.total)
        .map((t) => `${t.name} ${t.recovered} of ${t.total ?? 'an unknown number'}`);
      const summary =
        total !== undefined
          ? `${r.recoveredRows} of ${total} rows were recovered`
          : `${r.recoveredRows} rows were recovered`;
      return `${name} was damaged (${r.detail}). Patchbay moved it aside and started a fresh one: ${summary}${
        lost.length ? ` (incomplete: ${lost.join(', ')}); the rest could not be read` : ''
      }. ${kept}`;
    }
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
