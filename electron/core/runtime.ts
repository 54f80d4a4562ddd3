import { createCore, type CoreOptions } from './create-core';
import { KeytarSecretStore } from './secrets';
import { APP_ID } from './version';
import type { KeyValueStore } from './settings/store';

/**
 * Builds the production core (real keychain) for the Electron shell and the CLI, which differ only
 * in their settings store and runtime versions.
 */
export async function createRuntimeCore(opts: {
  dataDir: string;
  openSettings: (dataDir: string) => KeyValueStore;
  runtimeVersions?: CoreOptions['runtimeVersions'];
  dev?: boolean;
  quiet?: boolean;
  openExternal?: CoreOptions['openExternal'];
  chooseSavePath?: CoreOptions['chooseSavePath'];
  notify?: CoreOptions['notify'];
  actor?: CoreOptions['actor'];
  chooseFolder?: CoreOptions['chooseFolder'];
  demo?: CoreOptions['demo'];
}) {
  return createCore({
    dataDir: opts.dataDir,
    openSettings: opts.openSettings,
    secrets: new KeytarSecretStore({ service: APP_ID }),
    runtimeVersions: opts.runtimeVersions,
    dev: opts.dev,
    openExternal: opts.openExternal,
    chooseSavePath: opts.chooseSavePath,
    notify: opts.notify,
    actor: opts.actor,
    chooseFolder: opts.chooseFolder,
    demo: opts.demo,
  });
}
