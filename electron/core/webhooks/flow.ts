import type { ReceivedEvent } from '../../../shared/models/webhooks';
import type { NewDelivery } from './outbox-store';

export interface FlowEvent {
  seq: number;
  endpointId: string;
  eventId: string;
  source: ReceivedEvent['source'];
  receivedAt: number;
  entityKey: string | null;
  entityVersion: string | null;
  body: unknown;
}

export type FlowResult =
  /** Enqueue these outbox deliveries (their ids derive from the event, so a re-run cannot duplicate them). */
  | { kind: 'deliver'; deliveries: Omit<NewDelivery, 'sourceEventSeq'>[] }
  /** Data problem with this event: keep it aside with the reason; other events continue. */
  | { kind: 'park'; reason: string }
  | { kind: 'skip'; reason: string };

/**
 * What an accepted event turns into. Must be deterministic and side-effect free: it may run again
 * for the same event after a crash, and only its result (outbox rows) is committed. Side effects
 * belong to the outbox's transports.
 */
export interface FlowHandler {
  handle(event: FlowEvent): Promise<FlowResult>;
}
