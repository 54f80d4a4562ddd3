import { join } from 'node:path';
import { DATASETS_DB_SPEC } from './datasets/db';
import { checkDatabase, type DatabaseRecovery } from './db/recover';
import type { DatabaseSpec } from './db/open-sqlite';
import { LOG_DB_SPEC } from './logs/db';
import { STATE_DB_SPEC } from './sync/state-db';
import { WEBHOOK_DB_SPEC } from './webhooks/db';
import { errorMessage } from '../../shared/error-message';

/** Every SQLite file of the data folder, in the order they are checked at start. */
export const DATA_FOLDER_DATABASES: readonly DatabaseSpec[] = [
  STATE_DB_SPEC,
  LOG_DB_SPEC,
  WEBHOOK_DB_SPEC,
  DATASETS_DB_SPEC,
];

export interface DatabaseCheckResult {
  recoveries: DatabaseRecovery[];
  /** A damaged file that could not be moved aside (a read-only folder…): the service will report its own error. */
  failures: string[];
}

/** Checks (and repairs) every database of the data folder once, before any service opens one. */
export function checkDataFolderDatabases(dataDir: string, now: Date): DatabaseCheckResult {
  const result: DatabaseCheckResult = { recoveries: [], failures: [] };
  for (const spec of DATA_FOLDER_DATABASES) {
    const path = join(dataDir, spec.file);
    try {
      const recovery = checkDatabase(path, spec, now);
      if (recovery) result.recoveries.push(recovery);
    } catch (error) {
      result.failures.push(
        `${spec.what} (${path}) needs repair but it could not be done: ${errorMessage(error)}. Make the data folder writable and start Patchbay again.`,
      );
    }
  }
  return result;
}
