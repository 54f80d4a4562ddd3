import { AppError } from '../../../shared/errors';
import { errorMessage } from '../../../shared/error-message';

/** SQLite (and file-system) failure codes that mean the same thing to a user, whatever the database. */
const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE']);
const FULL = new Set(['SQLITE_FULL', 'ENOSPC']);
const READ_ONLY = new Set([
  'SQLITE_READONLY',
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_READONLY_RECOVERY',
  'SQLITE_READONLY_CANTINIT',
  'SQLITE_READONLY_CANTLOCK',
  'SQLITE_READONLY_DBMOVED',
  'SQLITE_CANTOPEN',
  'EROFS',
  'EACCES',
  'EPERM',
]);

export type StorageProblem = 'corrupt' | 'disk_full' | 'read_only';

export function storageProblem(error: unknown): StorageProblem | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (CORRUPT.has(code)) return 'corrupt';
  if (FULL.has(code)) return 'disk_full';
  // SQLite reports some disk-full cases as a generic I/O error with this text.
  if (code.startsWith('SQLITE_IOERR') && /disk|space|full/i.test(errorMessage(error))) return 'disk_full';
  if (READ_ONLY.has(code)) return 'read_only';
  return undefined;
}

/**
 * A storage failure as the one typed error the user can act on: disk_full and read_only say what to
 * do; anything else is returned as is (the caller keeps its own message).
 */
export function storageError(error: unknown, what: string, path?: string): AppError | undefined {
  const where = path ? `${what} (${path})` : what;
  const details = path ? { path } : undefined;
  switch (storageProblem(error)) {
    case 'disk_full':
      return new AppError(
        'disk_full',
        `The disk holding ${where} is full, so nothing was written. Free some space (or move the data folder with --data-dir / PATCHBAY_DATA_DIR) and try again; reading still works.`,
        details,
      );
    case 'read_only':
      // SQLite's own refusal comes from a database opened read-only at start (./open-sqlite): say why.
      if ((error as { code?: unknown }).code === 'SQLITE_READONLY')
        return new AppError(
          'read_only',
          `Nothing was changed: ${where} was opened read-only because the data folder could not be written when Patchbay started (a full disk or a read-only folder). Free some space or make the folder writable, then restart Patchbay; reading still works.`,
          details,
        );
      return new AppError(
        'read_only',
        `${where} cannot be written: the data folder is read-only. Make it writable (check its permissions or how the disk is mounted) or choose another with --data-dir / PATCHBAY_DATA_DIR; reading still works.`,
        details,
      );
    case 'corrupt':
      return new AppError(
        'database_corrupt',
        `${where} is damaged: ${errorMessage(error)}. Restart Patchbay to move it aside and recover what can be read.`,
        details,
      );
    default:
      return undefined;
  }
}
