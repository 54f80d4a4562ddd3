/**
 * The settings store as core sees it: the subset of the conf / electron-store API we use.
 * The Electron shell passes an electron-store instance; the CLI and tests pass `conf` pointed at the
 * same folder, so both read and write the same `config.json`.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  has(key: string): boolean;
  readonly path: string;
}

export const SETTINGS_FILE = 'config.json';
/** Bumped when a migration is added in ./migrations. */
export const SETTINGS_SCHEMA_VERSION = '1.0.0';
