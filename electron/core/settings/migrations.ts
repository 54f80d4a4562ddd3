import type { KeyValueStore } from './store';

/**
 * conf / electron-store migrations, keyed by the app version that introduced them. They run once when
 * a config written by an older version is opened. Add one per breaking change of a stored shape.
 */
export const settingsMigrations: Record<string, (store: KeyValueStore) => void> = {
  '1.0.0': (store) => {
    // First schema: make sure every collection exists so repositories can append without checks.
    for (const key of ['connections', 'mappings', 'syncs', 'webhookEndpoints', 'datasets']) {
      if (!store.has(key)) store.set(key, []);
    }
  },
};
