import Store from 'electron-store';
import { settingsMigrations } from '../core/settings/migrations';
import { SETTINGS_SCHEMA_VERSION, type KeyValueStore } from '../core/settings/store';

/** The app's settings store: electron-store on the same config.json that `conf` opens in the CLI. */
export function openElectronStore(dataDir: string): KeyValueStore {
  const store = new Store<Record<string, unknown>>({
    cwd: dataDir,
    name: 'config',
    projectVersion: SETTINGS_SCHEMA_VERSION,
    migrations: settingsMigrations as never,
    clearInvalidConfig: false,
  });
  return store;
}
