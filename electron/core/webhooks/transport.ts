import { AppError, type ErrorCode } from '../../../shared/errors';
import { parseRetryAfter } from '../rate-limit/retry-after';
import { standardScheme } from './schemes/standard';
import { errorMessage } from '../../../shared/error-message';
import { HttpRuntime } from '../connectors/http/runtime';
import type { RuntimeResponse } from '../connectors/http/types';

export interface DeliveryRequest {
  id: string;
  idempotencyId: string;
  targetId: string;
  orderingKey: string | null;
  payload: unknown;
  /** 1-based attempt number across the delivery's whole life. */
  attempt: number;
  signal: AbortSignal;
}

export type DeliveryOutcome =
  | { kind: 'delivered'; status?: number }
  | { kind: 'retry'; status?: number; error: string; retryAfterMs?: number | null }
  /** 410 Gone: the receiver asked us to stop; the target is disabled. */
  | { kind: 'gone'; status: number; error: string }
  /** Retrying cannot help (e.g. the payload is invalid): straight to "needs attention". */
  | { kind: 'failed'; status?: number; error: string };

/** Sends one delivery. Must not throw: every failure is an outcome the worker can schedule. */
export type Transport = (req: DeliveryRequest) => Promise<DeliveryOutcome>;

export interface WebhookTransportOptions {
  url: string;
  /** The target's signing secret from the keychain; null → retried (the user may set it). */
  getSecret(): Promise<string | null>;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * POST the payload as JSON, signed with Standard Webhooks; webhook-id is the idempotency id. The call
 * goes through the HTTP runtime connector calls use (timeouts, response cap, no credentials to any
 * host) with its retries off: the outbox owns the retry schedule, so every answer is an outcome here.
 */
export function webhookTransport(opts: WebhookTransportOptions): Transport {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const host = new URL(opts.url).host;
  return async (req) => {
    const secret = await opts.getSecret().catch(() => null);
    if (!secret) return { kind: 'retry', error: `no signing secret is set for target ${req.targetId}` };
    const body = JSON.stringify(req.payload);
    const headers = {
      'content-type': 'application/json',
      ...standardScheme.sign({ rawBody: body, secret, eventId: req.idempotencyId, nowMs: now() }),
    };
    // A runtime per delivery: its host limiter must not pace the next delivery after a 429; the outbox
    // schedule (which honours Retry-After) is the one place that decides when to try again.
    const runtime = new HttpRuntime({
      connectorId: 'webhooks',
      allowedHosts: [],
      retry: { maxAttempts: 1 },
      timeoutMs,
      // A redirect is answered, not followed: the receiver's URL is what the user configured.
      maxRedirects: 0,
    });
    let res: RuntimeResponse;
    try {
      res = await runtime.request({
        method: 'POST',
        url: opts.url,
        headers,
        body,
        operation: 'deliver',
        signal: req.signal,
        acceptErrorBody: () => true,
      });
    } catch (err) {
      return { kind: 'retry', error: `could not reach ${host}: ${unreachableReason(err, timeoutMs)}` };
    }
    if (res.status >= 200 && res.status < 300) return { kind: 'delivered', status: res.status };
    const text = res.body.toString('utf8');
    const detail = `HTTP ${res.status}${text ? ` — ${text.slice(0, 200)}` : ''}`;
    if (res.status === 410)
      return { kind: 'gone', status: 410, error: `${detail}; the receiver no longer wants these webhooks` };
    // Any other status is retried: a receiver that is being fixed should still get its events.
    return {
      kind: 'retry',
      status: res.status,
      error: detail,
      retryAfterMs: parseRetryAfter(res.headers['retry-after'], now()) ?? null,
    };
  };
}

/** Why no answer came: the timeout, the socket's own code (ECONNREFUSED), else the runtime's words. */
function unreachableReason(err: unknown, timeoutMs: number): string {
  if (AppError.is(err, 'timeout')) return `no response within ${timeoutMs} ms`;
  if (AppError.is(err) && typeof err.details?.errno === 'string') return err.details.errno;
  return errorMessage(err);
}

const PERMANENT: ReadonlySet<ErrorCode> = new Set([
  'invalid_input',
  'validation_failed',
  'mapping_error',
  'invalid_definition',
  'transform_error',
  'expression_error',
  'unsupported',
]);

/**
 * An event-driven call (e.g. SOAP CreateShipment through ConnectorClient): resolves = delivered;
 * an AppError is classified by code — data problems park at once, outages are retried on the
 * outbox schedule (the connector runtime's own short retries happen inside `call`).
 */
export function callTransport(
  call: (
    payload: unknown,
    ctx: { idempotencyId: string; orderingKey: string | null; signal: AbortSignal },
  ) => Promise<unknown>,
): Transport {
  return async (req) => {
    try {
      await call(req.payload, { idempotencyId: req.idempotencyId, orderingKey: req.orderingKey, signal: req.signal });
      return { kind: 'delivered' };
    } catch (err) {
      const status = AppError.is(err) && typeof err.details?.status === 'number' ? err.details.status : undefined;
      const message = errorMessage(err);
      if (status === 410) return { kind: 'gone', status, error: message };
      if (AppError.is(err) && PERMANENT.has(err.code)) return { kind: 'failed', status, error: message };
      if (AppError.is(err, 'soap_fault') && /^(\w+:)?(Client|Sender)/.test(String(err.details?.faultcode ?? '')))
        return { kind: 'failed', status, error: message };
      const retryAfterMs =
        AppError.is(err) && typeof err.details?.retryAfterMs === 'number' ? err.details.retryAfterMs : null;
      return { kind: 'retry', status, error: message, retryAfterMs };
    }
  };
}
