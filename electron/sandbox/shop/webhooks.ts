import { createHmac, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Outgoing order webhooks, signed the way Shopify does (X-Shopify-Hmac-Sha256 = base64
 * HMAC-SHA256 of the raw body with the app's secret) or per Standard Webhooks (webhook-id,
 * webhook-timestamp, webhook-signature via the `standardwebhooks` library). A "bad" event is
 * signed with a wrong secret so receivers can be tested against forgeries.
 */
export type WebhookScheme = 'shopify' | 'standard';

export interface WebhookEvent {
  topic: string;
  order: Record<string, unknown>;
  bad?: boolean;
}

export interface EmitOptions {
  url: string;
  scheme?: WebhookScheme;
  /** Parallel sends; 1 (default) keeps per-order order: create before update. */
  concurrency?: number;
  timeoutMs?: number;
}

export interface EmitResult {
  webhookId: string;
  orderId: unknown;
  topic: string;
  bad: boolean;
  status: number;
  error?: string;
}

export function shopifyHmac(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

const STANDARD_TYPES: Record<string, string> = {
  'orders/create': 'order.created',
  'orders/updated': 'order.updated',
  'orders/cancelled': 'order.cancelled',
  'orders/paid': 'order.paid',
};

export function buildRequest(
  ev: WebhookEvent,
  scheme: WebhookScheme,
  secrets: { shopify: string; standard: string },
  shopDomain: string,
  apiVersion: string,
): { headers: Record<string, string>; body: string; webhookId: string } {
  const webhookId = randomUUID();
  const now = new Date();
  if (scheme === 'standard') {
    const body = JSON.stringify({
      type: STANDARD_TYPES[ev.topic] ?? ev.topic,
      timestamp: now.toISOString(),
      data: ev.order,
    });
    const wrong = `whsec_${Buffer.from('not-the-right-secret-000000000000').toString('base64')}`;
    const signature = new Webhook(ev.bad ? wrong : secrets.standard).sign(webhookId, now, body);
    return {
      webhookId,
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': webhookId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
    };
  }
  const body = JSON.stringify(ev.order);
  return {
    webhookId,
    body,
    headers: {
      'content-type': 'application/json',
      'X-Shopify-Topic': ev.topic,
      'X-Shopify-Hmac-Sha256': shopifyHmac(ev.bad ? `${secrets.shopify}-wrong` : secrets.shopify, body),
      'X-Shopify-Shop-Domain': shopDomain,
      'X-Shopify-API-Version': apiVersion,
      'X-Shopify-Webhook-Id': webhookId,
      'X-Shopify-Event-Id': randomUUID(),
      'X-Shopify-Triggered-At': now.toISOString(),
    },
  };
}

export async function emit(
  events: WebhookEvent[],
  opts: EmitOptions,
  secrets: { shopify: string; standard: string },
  shopDomain: string,
  apiVersion: string,
): Promise<EmitResult[]> {
  const results: EmitResult[] = new Array(events.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < events.length) {
      const k = next++;
      const ev = events[k]!;
      const req = buildRequest(ev, opts.scheme ?? 'shopify', secrets, shopDomain, apiVersion);
      const base = { webhookId: req.webhookId, orderId: ev.order.id, topic: ev.topic, bad: Boolean(ev.bad) };
      try {
        const res = await fetch(opts.url, {
          method: 'POST',
          headers: req.headers,
          body: req.body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
        await res.arrayBuffer();
        results[k] = { ...base, status: res.status };
      } catch (e) {
        results[k] = { ...base, status: 0, error: (e as Error).message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
  return results;
}
