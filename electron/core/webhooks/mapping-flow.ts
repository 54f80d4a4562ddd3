import type { MappedRecord } from '../../../shared/mapping/types';
import type { FlowEvent, FlowHandler, FlowResult } from './flow';
import { readPath } from './json-path';
import { errorMessage } from '../../../shared/error-message';

export interface MappingFlowOptions {
  /** A compiled mapping's apply (shared/mapping compileMapping): the sync engine's very transforms. */
  apply(record: Record<string, unknown>): Promise<MappedRecord>;
  /** Outbox target the mapped payload goes to (a registered call transport or a webhook target). */
  targetId: string;
  /** Where the source record sits in the event body ("" = the body itself, "data" for Standard Webhooks envelopes). */
  recordPath?: string;
  /** Build the target call's arguments from the mapped payload (e.g. wrap for a SOAP operation). */
  wrap?(payload: Record<string, unknown>, event: FlowEvent): unknown;
  /** Events without an entity key are delivered unordered; with one, in order per key. */
  orderingKey?(event: FlowEvent): string | null;
}

function describe(errors: MappedRecord['errors']): string {
  return errors.map((e) => `${e.field ?? '(record)'}: ${e.message}`).join('; ');
}

/** Event → mapping → one outbox delivery. A record the mapping rejects is parked with the field errors. */
export function mappingFlow(opts: MappingFlowOptions): FlowHandler {
  return {
    async handle(event): Promise<FlowResult> {
      const record = opts.recordPath ? readPath(event.body, opts.recordPath) : event.body;
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        return { kind: 'park', reason: `the event body has no object at "${opts.recordPath ?? '(root)'}" to map` };
      }
      let mapped: MappedRecord;
      try {
        mapped = await opts.apply(record as Record<string, unknown>);
      } catch (err) {
        return { kind: 'park', reason: `mapping failed: ${errorMessage(err)}` };
      }
      if (mapped.skip) return { kind: 'skip', reason: mapped.skipReason ?? 'skipped by the mapping' };
      if (mapped.errors.length) return { kind: 'park', reason: `mapping error: ${describe(mapped.errors)}` };
      const key = opts.orderingKey
        ? opts.orderingKey(event)
        : event.entityKey === null
          ? null
          : `${event.endpointId}:${event.entityKey}`;
      return {
        kind: 'deliver',
        deliveries: [
          {
            targetId: opts.targetId,
            orderingKey: key,
            payload: opts.wrap ? opts.wrap(mapped.payload, event) : mapped.payload,
          },
        ],
      };
    },
  };
}
