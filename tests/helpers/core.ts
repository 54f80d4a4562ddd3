import { createCore, type CoreOptions } from '../../electron/core/create-core';
import { createDemoTools } from '../../electron/demo';
import { createHandlers } from '../../electron/core/handlers';
import { dispatch } from '../../electron/core/ipc/dispatch';
import { KeytarSecretStore } from '../../electron/core/secrets';
import { randomBytes } from 'node:crypto';
import { openConfStore } from '../../electron/core/settings/open-conf';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { makeTempDir } from './tmp';

/**
 * A real core for tests: a temp data folder, `conf` on it, the real keychain (tests run inside
 * scripts/with-keyring.sh, a throwaway gnome-keyring), and the same handler table and dispatcher
 * the Electron IPC router uses.
 */
export async function makeTestCore(overrides: Partial<CoreOptions> = {}) {
  const tmp = makeTempDir();
  const dataDir = overrides.dataDir ?? tmp.dir;
  // A keychain service of its own, so parallel tests never see each other's entries.
  const keychainService = `patchbay-test-${randomBytes(6).toString('hex')}`;
  const core = await createCore({
    dataDir,
    openSettings: openConfStore,
    secrets: new KeytarSecretStore({ service: keychainService }),
    dev: true,
    log: { event() {} },
    demo: createDemoTools,
    ...overrides,
  });
  const handlers = createHandlers(core);
  const raw = (channel: unknown, payload: unknown) => dispatch(handlers, channel, payload, { validateOutput: true });
  /** As the renderer is served (router and e2e bridge): file-writing channels need a save-dialog grant. */
  const rawUntrusted = (channel: unknown, payload: unknown) =>
    dispatch(handlers, channel, payload, { validateOutput: true, fileGrants: core.fileGrants });
  async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await raw(channel, input);
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
    return result.value as ChannelOutput<C>;
  }
  return {
    core,
    handlers,
    dataDir,
    keychainService,
    raw,
    rawUntrusted,
    call,
    async close() {
      await core.close();
      tmp.cleanup();
    },
  };
}

export type TestCore = Awaited<ReturnType<typeof makeTestCore>>;
