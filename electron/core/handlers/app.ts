import type { Core } from '../create-core';
import { runDoctor } from '../doctor';
import { APP_VERSION } from '../version';
import type { HandlerTable } from '../ipc/dispatch';

type AppHandlers = Pick<
  HandlerTable,
  | 'app:info'
  | 'app:doctor'
  | 'app:notices'
  | 'app:dismissNotice'
  | 'app:storage'
  | 'app:compactStorage'
  | 'settings:get'
  | 'settings:update'
>;

export function appHandlers(core: Core): AppHandlers {
  return {
    'app:info': () => ({
      name: 'Patchbay' as const,
      version: APP_VERSION,
      dataDir: core.dataDir,
      platform: process.platform,
      versions: { node: process.versions.node, ...core.runtimeVersions },
    }),
    'app:doctor': () =>
      runDoctor({
        dataDir: core.dataDir,
        checkKeychain: core.probeKeychain,
        settingsPath: core.paths.settings,
        ports: [core.preferences.get().webhookPort],
        databases: core.databaseFiles,
        recoveries: core.databaseRecoveries,
      }),
    'app:notices': () => core.notices.list(),
    'app:dismissNotice': ({ id }) => ({ dismissed: core.notices.dismiss(id) }),
    'app:storage': () => core.storage.report(),
    'app:compactStorage': () => core.storage.compact(true),
    'settings:get': () => core.preferences.get(),
    'settings:update': (patch) => {
      const next = core.preferences.update(patch);
      core.logs.retention.configure({ maxAgeDays: next.logRetentionDays, maxBytes: next.logRetentionMb * 1024 * 1024 });
      return next;
    },
  };
}
