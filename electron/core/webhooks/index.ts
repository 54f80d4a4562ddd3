// Public surface of the webhooks feature: listener, flows, outbox, dead letters, catch-up.
export {
  WebhookService,
  type WebhookServiceOptions,
  type ServiceEvents,
  type EndpointView,
  type TargetView,
  type WebhookLog,
} from './service';
export { secretsFromStore, CachedSecrets, type WebhookSecrets } from './secrets';
export { mappingFlow, type MappingFlowOptions } from './mapping-flow';
export type { FlowHandler, FlowEvent, FlowResult } from './flow';
export {
  callTransport,
  webhookTransport,
  type Transport,
  type DeliveryRequest,
  type DeliveryOutcome,
} from './transport';
export type { CatchUpSource, CatchUpResult } from './catch-up';
export type { Rejection } from './listener';
export type { NewDelivery } from './outbox-store';
export { realTimers, type Timers } from '../schedule/timers';
export { DEFAULT_SCHEDULE_MS } from './backoff';
export { schemeFor } from './schemes';
export { openWebhookDatabase, WEBHOOK_DB_FILE } from './db';
