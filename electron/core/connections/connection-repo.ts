import { AppError, describeZodIssues } from '../../../shared/errors';
import { Connection } from '../../../shared/models/connection';
import type { KeyValueStore } from './key-value-store';

export const CONNECTIONS_KEY = 'connections';
export const CONNECTIONS_SCHEMA_VERSION = 1;

interface StoredDoc {
  version: number;
  items: unknown[];
}

/**
 * Migrations from older layouts of the `connections` key to the current one. Version 0 was a bare
 * array (early builds); each step takes the previous document and returns the next.
 */
function migrate(raw: unknown): StoredDoc {
  if (raw === undefined || raw === null) return { version: CONNECTIONS_SCHEMA_VERSION, items: [] };
  let doc: StoredDoc = Array.isArray(raw) ? { version: 0, items: raw } : (raw as StoredDoc);
  if (typeof doc !== 'object' || !Array.isArray(doc.items) || typeof doc.version !== 'number') {
    throw new AppError('io_error', `The settings key "${CONNECTIONS_KEY}" is not in a format Patchbay understands.`);
  }
  if (doc.version > CONNECTIONS_SCHEMA_VERSION) {
    throw new AppError(
      'io_error',
      `Connections were saved by a newer Patchbay (format ${doc.version}); update Patchbay to open them.`,
    );
  }
  if (doc.version === 0) {
    doc = {
      version: 1,
      items: doc.items.map((c) => ({ warnings: [], needsReauthorization: false, secrets: {}, ...(c as object) })),
    };
  }
  return doc;
}

/** Load/save all connections as one document (a handful of entries; one atomic write each). */
export class ConnectionRepo {
  constructor(private readonly store: KeyValueStore) {}

  async load(): Promise<Connection[]> {
    const doc = migrate(await this.store.get(CONNECTIONS_KEY));
    return doc.items.map((item, i) => {
      const parsed = Connection.safeParse(item);
      if (!parsed.success) {
        throw new AppError(
          'io_error',
          `Saved connection #${i + 1} is damaged: ${describeZodIssues(parsed.error).message}`,
        );
      }
      return parsed.data;
    });
  }

  async save(items: Connection[]): Promise<void> {
    // Re-parse on the way out: only schema fields (never a stray secret) reach the file.
    const clean = items.map((c) => Connection.parse(c));
    await this.store.set(CONNECTIONS_KEY, { version: CONNECTIONS_SCHEMA_VERSION, items: clean });
  }
}
