import { storageError } from '../db/sqlite-errors';
import type { KeyValueStore } from './store';

/**
 * The settings store with its write failures made actionable: a full disk or a read-only folder
 * becomes the typed `disk_full` / `read_only` error (conf writes atomically, so the file on disk is
 * still the previous one), whichever feature was saving.
 */
export function withTypedWrites(store: KeyValueStore): KeyValueStore {
  const guard = (write: () => void) => {
    try {
      write();
    } catch (error) {
      throw storageError(error, 'the settings file', store.path) ?? error;
    }
  };
  return {
    get: (key) => store.get(key),
    has: (key) => store.has(key),
    set: (key, value) => guard(() => store.set(key, value)),
    delete: (key) => guard(() => store.delete(key)),
    get path() {
      return store.path;
    },
  };
}
