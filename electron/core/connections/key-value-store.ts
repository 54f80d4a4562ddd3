/**
 * The slice of the settings store this feature needs. The Electron shell passes electron-store,
 * the CLI and tests pass `conf` (same API): both have a synchronous get/set with atomic writes.
 */
export interface KeyValueStore {
  get(key: string): unknown | Promise<unknown>;
  set(key: string, value: unknown): void | Promise<void>;
}
