import { z } from 'zod';
import {
  Delivery,
  DeliveryAttempt,
  EventStatus,
  OutboxState,
  ReceivedEvent,
  RejectReason,
  VerificationScheme,
  WebhookEndpoint,
  WebhookTarget,
} from '../models/webhooks';
import { channel } from './define';

const Id = z.object({ id: z.string().min(1).max(100) }).strict();
const NoInput = z.object({}).strict();
const Removed = z.object({ removed: z.boolean() });

/** An endpoint as the page shows it: never its secret, only whether one is set, and the URL to paste. */
export const EndpointView = WebhookEndpoint.extend({ hasSecret: z.boolean(), url: z.string().nullable() });
export type EndpointView = z.infer<typeof EndpointView>;
export const TargetView = WebhookTarget.extend({ hasSecret: z.boolean() });
export type TargetView = z.infer<typeof TargetView>;

const FlowRef = z.string().regex(/^[a-z]+:[^\s]{1,200}$/, 'a flow reference such as "mapping:<mappingId>"');

export const EndpointSaveInput = z
  .object({
    /** Absent = a new endpoint (the id is made from the name). */
    id: WebhookEndpoint.shape.id.optional(),
    name: z.string().trim().min(1).max(120),
    path: WebhookEndpoint.shape.path,
    scheme: VerificationScheme,
    enabled: z.boolean().default(true),
    /** `mapping:<mappingId>`: each accepted event runs that mapping and creates the record on its target. */
    flowId: FlowRef.nullable().default(null),
    /** `mapping:<mappingId>`: missed events are listed from the mapping's source. */
    catchUpId: FlowRef.nullable().default(null),
    entityIdPath: z.string().min(1).max(200).default('id'),
    entityVersionPath: z.string().min(1).max(200).default('updated_at'),
  })
  .strict();
export type EndpointSaveInput = z.input<typeof EndpointSaveInput>;

export const ListenerStatus = z.object({
  running: z.boolean(),
  /** Base URL endpoints' paths are appended to (null while stopped). */
  url: z.string().nullable(),
  port: z.number().int().nullable(),
  /** The saved choice: 0 = not chosen yet (the next start picks a free port and keeps it). */
  configuredPort: z.number().int(),
  allowLan: z.boolean(),
  /** Addresses other machines can use when LAN access is on. */
  lanUrls: z.array(z.string()),
  /** Why the last start failed (e.g. the saved port is in use), while stopped; null otherwise. */
  problem: z
    .object({ code: z.enum(['port_in_use', 'io_error']), message: z.string(), port: z.number().int() })
    .nullable(),
});
export type ListenerStatus = z.infer<typeof ListenerStatus>;

export const OutboxCounts = z.record(OutboxState, z.number().int());
export type OutboxCounts = z.infer<typeof OutboxCounts>;

export const CatchUpResult = z.object({
  endpointId: z.string(),
  since: z.string().nullable(),
  listed: z.number().int(),
  added: z.number().int(),
  duplicates: z.number().int(),
});

export const webhooksChannels = {
  'webhooks:endpoints': channel(
    NoInput,
    z.array(EndpointView),
    'Webhook endpoints with their URL to paste into the sending tool and whether a secret is set.',
  ),
  'webhooks:saveEndpoint': channel(
    EndpointSaveInput,
    EndpointView,
    'Create or change an endpoint (path, verification scheme, flow, catch-up).',
  ),
  'webhooks:removeEndpoint': channel(
    Id,
    Removed,
    'Delete an endpoint and its keychain secret (received events stay in the feed).',
  ),
  'webhooks:setSecret': channel(
    z.object({ id: z.string().min(1).max(100), secret: z.string().min(1).max(4096) }).strict(),
    z.object({ set: z.literal(true) }),
    'Set or replace the signing secret of an endpoint or target: it goes to the OS keychain and is never returned.',
  ),
  'webhooks:sendTestEvent': channel(
    Id,
    z.object({ status: z.number().int(), body: z.unknown() }),
    "Sign a sample event with the endpoint's secret and scheme and post it to the running listener.",
  ),
  'webhooks:targets': channel(NoInput, z.array(TargetView), 'Outgoing webhook URLs (Standard Webhooks signed).'),
  'webhooks:saveTarget': channel(WebhookTarget.strict(), TargetView, 'Create or change an outgoing webhook target.'),
  'webhooks:removeTarget': channel(Id, Removed, 'Delete an outgoing target and its keychain secret.'),
  'webhooks:listener': channel(
    z
      .object({
        action: z.enum(['status', 'start', 'stop', 'restart']).default('status'),
        /** Saved in the preferences before acting (0 = pick a free port at the next start, then keep it). */
        port: z.number().int().min(0).max(65535).optional(),
        /** Opt-in: listen on every network interface instead of this computer only. */
        allowLan: z.boolean().optional(),
      })
      .strict(),
    ListenerStatus,
    'The incoming-webhook listener: status, start, stop, restart; port and LAN access.',
  ),
  'webhooks:events': channel(
    z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        endpointId: z.string().max(100).optional(),
        beforeSeq: z.number().int().optional(),
      })
      .strict(),
    z.array(ReceivedEvent),
    'Received events, newest first (webhooks, catch-up and test events) with what their flow did.',
  ),
  'webhooks:outbox': channel(
    z
      .object({
        state: OutboxState.optional(),
        targetId: z.string().max(300).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        before: z.number().int().optional(),
      })
      .strict(),
    z.object({ items: z.array(Delivery), counts: OutboxCounts }),
    'Outgoing deliveries, optionally of one state, with the count of each state.',
  ),
  'webhooks:delivery': channel(Id, Delivery, 'One delivery with its payload.'),
  'webhooks:attempts': channel(Id, z.array(DeliveryAttempt), "A delivery's attempt history: status, error, timing."),
  'webhooks:editPayload': channel(
    z.object({ id: z.string().min(1).max(100), payload: z.json() }).strict(),
    Delivery,
    'Change the payload of a delivery that is not delivered yet (before a replay).',
  ),
  'webhooks:replay': channel(
    z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(1000) }).strict(),
    z.array(Delivery),
    'Send deliveries again now, keeping their idempotency ids.',
  ),
  'webhooks:catchUp': channel(
    z.object({ endpointId: z.string().min(1).max(100) }).strict(),
    CatchUpResult,
    "List what the endpoint's source changed since the last event and take in what was missed (no duplicates).",
  ),
};

export const webhooksEvents = {
  'webhooks:event': z.object({
    seq: z.number().int(),
    endpointId: z.string(),
    status: EventStatus,
    reason: z.string().nullable(),
  }),
  'webhooks:delivery': z.object({ id: z.string(), state: OutboxState }),
  'webhooks:rejected': z.object({
    reason: RejectReason,
    status: z.number().int(),
    message: z.string(),
    path: z.string(),
    endpointId: z.string().nullable(),
  }),
  'webhooks:listener': z.object({ running: z.boolean(), url: z.string().nullable() }),
};
