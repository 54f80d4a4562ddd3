import Database from 'better-sqlite3';
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookService, type Rejection } from '../../../electron/core/webhooks';
import type { VerificationSchemeInput } from '../../../shared/models/webhooks';
import type { AppLog } from '../../../electron/core/app-log';
import { FakeTimers } from '../../helpers/fake-timers';
import { MemoryKeyValueStore, MemorySecrets } from '../../helpers/webhook-memory';
import { makeTempDir } from '../../helpers/tmp';

/** The vendors' own signing code is the sender here: svix for Standard Webhooks, stripe for Stripe. */
const KEY = randomBytes(24).toString('base64');
const ENDPOINTS: Record<string, { scheme: VerificationSchemeInput; secret: string }> = {
  svix_prefixed: { scheme: { kind: 'standard' }, secret: `whsec_${KEY}` },
  svix_bare: { scheme: { kind: 'standard' }, secret: KEY },
  stripe: { scheme: { kind: 'stripe' }, secret: 'whsec_test_stripe_endpoint_secret' },
  shopify: { scheme: { kind: 'shopify' }, secret: 'shpss_test_shopify_secret' },
};

let tmp: ReturnType<typeof makeTempDir>;
let service: WebhookService;
let base: string;
let clock: FakeTimers;
let logged: { kind: string; message: string; details?: Record<string, unknown> }[];
let rejected: Rejection[];

beforeEach(async () => {
  tmp = makeTempDir('patchbay-vendors-');
  clock = new FakeTimers(Date.now());
  logged = [];
  rejected = [];
  const log: AppLog = { event: (_level, kind, message, details) => void logged.push({ kind, message, details }) };
  service = new WebhookService({
    dataDir: tmp.dir,
    settings: new MemoryKeyValueStore(),
    secrets: new MemorySecrets(),
    listener: { port: 0 },
    scheduler: clock,
    log,
    onRejected: (r) => rejected.push(r),
  });
  for (const [id, e] of Object.entries(ENDPOINTS)) {
    service.saveEndpoint({ id, name: id, path: `/hooks/${id}`, scheme: e.scheme });
    await service.setSecret(id, e.secret);
  }
  await service.start();
  base = service.listenerAddress()!.url;
});

afterEach(async () => {
  await service.close();
  tmp.cleanup();
});

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

function svixHeaders(secret: string, id: string, body: string, at = new Date(clock.now())) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new SvixWebhook(secret).sign(id, at, body),
  };
}

const stripe = new Stripe('sk_test_not_used');
function stripeHeaders(body: string, at = clock.now()) {
  return {
    'stripe-signature': stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: ENDPOINTS.stripe!.secret,
      timestamp: Math.floor(at / 1000),
    }),
  };
}

function shopifyHeaders(body: string, webhookId: string, triggeredAt: number | null = clock.now()) {
  return {
    'x-shopify-hmac-sha256': createHmac('sha256', ENDPOINTS.shopify!.secret).update(body).digest('base64'),
    'x-shopify-webhook-id': webhookId,
    'x-shopify-topic': 'orders/create',
    ...(triggeredAt === null ? {} : { 'x-shopify-triggered-at': new Date(triggeredAt).toISOString() }),
  };
}

function duplicatesOf(endpointId: string): number[] {
  const db = new Database(join(tmp.dir, 'webhooks.db'), { readonly: true });
  try {
    return db
      .prepare('SELECT duplicates FROM events WHERE endpoint_id = ? ORDER BY seq')
      .pluck()
      .all(endpointId) as number[];
  } finally {
    db.close();
  }
}

describe('Standard Webhooks signed by svix', () => {
  it('accepts the secret with and without whsec_, as svix itself does', async () => {
    const body = JSON.stringify({ type: 'contact.created', data: { id: 'c1' } });
    // Endpoint saved with the prefix, sender configured without it, and the other way round.
    const a = await post('/hooks/svix_prefixed', body, svixHeaders(KEY, 'msg_1', body));
    const b = await post('/hooks/svix_bare', body, svixHeaders(`whsec_${KEY}`, 'msg_2', body));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(rejected).toEqual([]);
    // svix's own verifier agrees with what we accepted.
    expect(() => new SvixWebhook(KEY).verify(body, svixHeaders(KEY, 'msg_3', body, new Date()))).not.toThrow();
  });

  it('accepts svix-* header names too', async () => {
    const body = JSON.stringify({ type: 'ping' });
    const h = svixHeaders(`whsec_${KEY}`, 'msg_svix', body);
    const r = await post('/hooks/svix_prefixed', body, {
      'svix-id': h['webhook-id'],
      'svix-timestamp': h['webhook-timestamp'],
      'svix-signature': h['webhook-signature'],
    });
    expect(r.status).toBe(200);
  });

  it('answers a retry (same webhook-id, new timestamp, new valid signature) with 2xx and records it as a duplicate', async () => {
    const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1' } });
    const first = await post('/hooks/svix_prefixed', body, svixHeaders(`whsec_${KEY}`, 'msg_retry', body));
    clock.t += 30_000;
    const retry = await post('/hooks/svix_prefixed', body, svixHeaders(`whsec_${KEY}`, 'msg_retry', body));
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(await retry.json()).toEqual({ received: true, duplicate: true });
    expect(duplicatesOf('svix_prefixed')).toEqual([1]);
  });
});

describe('Stripe events signed by the stripe library', () => {
  it('answers a redelivered event id with 2xx, stored once', async () => {
    const body = JSON.stringify({ id: 'evt_1Nabc', object: 'event', type: 'customer.created', data: {} });
    const first = await post('/hooks/stripe', body, stripeHeaders(body));
    clock.t += 60_000;
    const again = await post('/hooks/stripe', body, stripeHeaders(body));
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(duplicatesOf('stripe')).toEqual([1]);
    // The stripe library verifies what it signed (the same check we apply).
    const header = stripeHeaders(body, Date.now())['stripe-signature'];
    expect(stripe.webhooks.constructEvent(body, header, ENDPOINTS.stripe!.secret).id).toBe('evt_1Nabc');
  });

  it('refuses a signature made with another secret and one outside the tolerance window', async () => {
    const body = JSON.stringify({ id: 'evt_2', object: 'event' });
    const forged = stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_wrong' });
    expect((await post('/hooks/stripe', body, { 'stripe-signature': forged })).status).toBe(401);
    const stale = await post('/hooks/stripe', body, stripeHeaders(body, clock.now() - 10 * 60_000));
    expect(stale.status).toBe(401);
    expect(rejected.map((r) => r.reason)).toEqual(['bad_signature', 'stale']);
  });
});

describe('Shopify replay protection (the HMAC covers only the body)', () => {
  const body = JSON.stringify({ id: 820982911946154500, name: '#1001', updated_at: '2026-01-01T10:00:00Z' });

  it('a captured request resent under a new X-Shopify-Webhook-Id is a duplicate, not a new event', async () => {
    expect((await post('/hooks/shopify', body, shopifyHeaders(body, 'wh-1'))).status).toBe(200);
    clock.t += 10_000;
    const resent = await post('/hooks/shopify', body, shopifyHeaders(body, 'wh-forged-2'));
    expect(resent.status).toBe(200);
    expect(await resent.json()).toEqual({ received: true, duplicate: true });
    expect(service.recentEvents({ endpointId: 'shopify' })).toHaveLength(1);
    expect(duplicatesOf('shopify')).toEqual([1]);
  });

  it('needs X-Shopify-Triggered-At within the window', async () => {
    const missing = await post('/hooks/shopify', body, shopifyHeaders(body, 'wh-3', null));
    const old = await post('/hooks/shopify', body, shopifyHeaders(body, 'wh-4', clock.now() - 6 * 60_000));
    expect([missing.status, old.status]).toEqual([401, 401]);
    expect(rejected.map((r) => r.reason)).toEqual(['unsigned', 'stale']);
    expect(service.recentEvents({ endpointId: 'shopify' })).toHaveLength(0);
  });
});

describe('refused requests are logged in aggregate', () => {
  it('2,000 forged signatures in a minute become two log lines with the counts', async () => {
    const body = JSON.stringify({ id: 'evt_x', object: 'event' });
    const forged = { 'stripe-signature': `t=${Math.floor(clock.now() / 1000)},v1=${'0'.repeat(64)}` };
    for (let batch = 0; batch < 20; batch++)
      await Promise.all(Array.from({ length: 100 }, () => post('/hooks/stripe', body, forged)));
    expect(rejected).toHaveLength(2000);
    const lines = () => logged.filter((l) => l.kind === 'webhook_rejected');
    // The first refusal is written at once, so the user sees the problem without waiting.
    expect(lines()).toHaveLength(1);
    expect(lines()[0]!.message).toMatch(/\/hooks\/stripe refused \(bad_signature, HTTP 401\)/);
    clock.advance(60_000);
    expect(lines()).toHaveLength(2);
    expect(lines()[1]!.message).toMatch(/1999 more requests refused in the minute from .*\(bad_signature 1999\)/);
    expect(lines()[1]!.details).toMatchObject({ total: 1999, byReason: { bad_signature: 1999 } });
  });
});
