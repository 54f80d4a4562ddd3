import { z } from 'zod';

/**
 * Webhooks in (listener endpoints) and out (outbox deliveries). Secrets are never part of these
 * shapes: each endpoint/target secret lives in the keychain under `<id>/secret`, and settings only
 * record whether one is set. Times cross the boundary as ISO strings; the store keeps epoch ms.
 */

export const VerificationScheme = z.discriminatedUnion('kind', [
  /** webhook-id / webhook-timestamp / webhook-signature (standardwebhooks.com). */
  z.object({ kind: z.literal('standard') }),
  /** X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the raw body; event id from X-Shopify-Webhook-Id. */
  z.object({ kind: z.literal('shopify') }),
  /** Stripe-Signature: t=<unix>,v1=<hex HMAC of "t.body">; event id = body.id. */
  z.object({ kind: z.literal('stripe') }),
  /** HMAC-SHA256 of the raw body in a configurable header, hex or base64, optional "sha256=" style prefix. */
  z.object({
    kind: z.literal('hmac'),
    header: z.string().min(1).default('x-signature'),
    encoding: z.enum(['hex', 'base64']).default('hex'),
    prefix: z.string().default(''),
    /** Header carrying the sender's event id (replay protection); without it the body's `id`, else a body hash. */
    idHeader: z.string().optional(),
    /** Header carrying a unix-seconds or ISO timestamp, checked against the tolerance when present. */
    timestampHeader: z.string().optional(),
  }),
]);
export type VerificationScheme = z.infer<typeof VerificationScheme>;
export type VerificationSchemeInput = z.input<typeof VerificationScheme>;
export const SCHEME_KINDS = ['standard', 'shopify', 'stripe', 'hmac'] as const;

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, 'use letters, digits, "-" or "_" (no "/")');

export const WebhookEndpoint = z.object({
  id: Id,
  name: z.string().min(1),
  /** URL path on the listener, e.g. "/hooks/shop-orders". */
  path: z.string().regex(/^\/[A-Za-z0-9._~\-/]*$/, 'a URL path starting with "/"'),
  scheme: VerificationScheme,
  enabled: z.boolean().default(true),
  /** Flow run for each accepted event (registered with WebhookService.registerFlow). */
  flowId: z.string().optional(),
  /** Where the entity id / version live in the body: used for per-key ordering and catch-up dedup. */
  entityIdPath: z.string().default('id'),
  entityVersionPath: z.string().default('updated_at'),
  /** Catch-up source registered with WebhookService.registerCatchUp, if the sender supports listing. */
  catchUpId: z.string().optional(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;
export type WebhookEndpointInput = z.input<typeof WebhookEndpoint>;

/** An outgoing webhook URL; signed with Standard Webhooks using the secret `<id>/secret`. */
export const WebhookTarget = z.object({
  id: Id,
  name: z.string().min(1),
  url: z.url(),
  /** Set when the receiver answered 410 Gone; deliveries to it park until the user re-enables it. */
  disabled: z.boolean().default(false),
  disabledReason: z.string().optional(),
});
export type WebhookTarget = z.infer<typeof WebhookTarget>;
export type WebhookTargetInput = z.input<typeof WebhookTarget>;

export const ListenerSettings = z.object({
  /** 127.0.0.1 unless the user opted into LAN access. */
  host: z.string().default('127.0.0.1'),
  allowLan: z.boolean().default(false),
  port: z.number().int().min(0).max(65535).default(8787),
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  toleranceSeconds: z.number().int().min(1).max(3600).default(300),
});
export type ListenerSettings = z.infer<typeof ListenerSettings>;
export type ListenerSettingsInput = z.input<typeof ListenerSettings>;

export const EventStatus = z.enum(['received', 'processed', 'parked', 'skipped']);
export type EventStatus = z.infer<typeof EventStatus>;

export const ReceivedEvent = z.object({
  seq: z.number().int(),
  endpointId: z.string(),
  eventId: z.string(),
  source: z.enum(['webhook', 'catch_up', 'test']),
  receivedAt: z.string(),
  entityKey: z.string().nullable(),
  entityVersion: z.string().nullable(),
  status: EventStatus,
  reason: z.string().nullable(),
  body: z.unknown(),
});
export type ReceivedEvent = z.infer<typeof ReceivedEvent>;

export const OUTBOX_STATES = ['pending', 'retrying', 'delivered', 'needs_attention'] as const;
export const OutboxState = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof OutboxState>;

export const Delivery = z.object({
  id: z.string(),
  /** Sent as webhook-id / idempotency key; kept across replays so the receiver can dedupe. */
  idempotencyId: z.string(),
  targetId: z.string(),
  orderingKey: z.string().nullable(),
  state: OutboxState,
  payload: z.unknown(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sourceEventSeq: z.number().int().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryAttempt = z.object({
  deliveryId: z.string(),
  n: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number(),
  /** HTTP status when there was a response. */
  status: z.number().int().nullable(),
  outcome: z.enum(['delivered', 'retry', 'gone', 'failed']),
  error: z.string().nullable(),
  retryAfterMs: z.number().nullable(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const OutboxQuery = z.object({
  state: OutboxState.optional(),
  targetId: z.string().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  /** Keyset paging: rows created before this delivery's position. */
  before: z.number().int().optional(),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;
export type OutboxQueryInput = z.input<typeof OutboxQuery>;

/** Why the listener refused a request; the `webhook_rejected` app event carries it. */
export const RejectReason = z.enum([
  'unknown_path',
  'disabled',
  'too_large',
  'unsigned',
  'bad_signature',
  'stale',
  'replay',
  'not_json',
  'no_secret',
]);
export type RejectReason = z.infer<typeof RejectReason>;
