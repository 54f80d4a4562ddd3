import Conf from 'conf';
import { settingsMigrations } from './migrations';
import { SETTINGS_SCHEMA_VERSION, type KeyValueStore } from './store';

/**
 * The plain-Node settings store (CLI, tests, workers): `conf`, which electron-store extends, so the
 * file format, atomic writes and migrations are the same as in the app.
 */
export function openConfStore(dataDir: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'config',
    projectName: 'patchbay',
    projectVersion: SETTINGS_SCHEMA_VERSION,
    migrations: settingsMigrations as never,
    clearInvalidConfig: false,
  });
  return conf;
}
