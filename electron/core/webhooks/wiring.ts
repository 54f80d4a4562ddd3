import type { ListenerSettingsInput } from '../../../shared/models/webhooks';
import type { AppLog } from '../app-log';
import type { CoreEvents } from '../events';
import type { LogStore } from '../logs';
import { LogStoreAppLog } from '../logs/app-log-adapter';
import type { SecretStore } from '../secrets';
import type { KeyValueStore } from '../settings/store';
import { createTargetKind, mappingCatchUpKind, mappingFlowKind, type AppFlowDeps } from './app-flows';
import { secretsFromStore } from './secrets';
import { WebhookService, type WebhookServiceOptions } from './service';

export interface WebhookWiringDeps extends Omit<AppFlowDeps, 'log'> {
  dataDir: string;
  settings: KeyValueStore;
  secrets: SecretStore;
  logs: LogStore;
  events: CoreEvents;
  log: AppLog;
  /** The user's port and LAN choice (preferences webhookPort / webhookBindLan), read at each listener start. */
  listener: () => ListenerSettingsInput;
  /** Saves the port the first start picked (preferences webhookPort), so the address stays the same. */
  keepPort: (port: number) => void;
  /** Tests: a short retry schedule, a fake clock… */
  options?: Partial<Pick<WebhookServiceOptions, 'schedule' | 'jitter' | 'scheduler' | 'concurrency' | 'secretCacheMs'>>;
}

/**
 * The webhooks feature as the app uses it: secrets in the keychain, the app's flow kinds (saved
 * mapping → connector create, catch-up through the source connector), refused requests in the app
 * event log, and every change pushed as a core event for the page and the CLI.
 */
export function wireWebhooks(d: WebhookWiringDeps): WebhookService {
  // Straight to the log store: a refused request is an audit fact, whatever AppLog the caller passed.
  const appEvents = new LogStoreAppLog(d.logs, d.log);
  const service = new WebhookService({
    dataDir: d.dataDir,
    settings: d.settings,
    secrets: secretsFromStore(d.secrets),
    log: d.log,
    listener: d.listener,
    keepPort: d.keepPort,
    rejectionLog: appEvents,
    ...d.options,
  });
  const flowDeps: AppFlowDeps = { ...d, log: d.log };
  service.registerKind('flow', 'mapping', mappingFlowKind(flowDeps));
  service.registerKind('target', 'create', createTargetKind(flowDeps));
  service.registerKind('catchUp', 'mapping', mappingCatchUpKind(flowDeps));
  service.on('event', (e) => d.events.emit('webhooks:event', { ...e, reason: e.reason ?? null }));
  service.on('delivery', (e) => d.events.emit('webhooks:delivery', e));
  service.on('rejected', (r) =>
    d.events.emit('webhooks:rejected', {
      reason: r.reason,
      status: r.status,
      message: r.message,
      path: r.path,
      endpointId: r.endpointId ?? null,
    }),
  );
  service.on('listener', (e) => d.events.emit('webhooks:listener', e));
  return service;
}
