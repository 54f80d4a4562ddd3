import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookService, type Rejection } from '../../../electron/core/webhooks';
import type { VerificationSchemeInput, VerificationScheme } from '../../../shared/models/webhooks';
import { VerificationScheme as SchemeSchema } from '../../../shared/models/webhooks';
import { MemoryKeyValueStore, MemorySecrets } from '../../helpers/webhook-memory';
import { sendSigned } from '../../helpers/webhook-sender';
import { makeTempDir } from '../../helpers/tmp';

const SCHEMES: Record<string, VerificationSchemeInput> = {
  standard: { kind: 'standard' },
  shopify: { kind: 'shopify' },
  stripe: { kind: 'stripe' },
  hmac_hex: {
    kind: 'hmac',
    header: 'X-Hub-Signature-256',
    encoding: 'hex',
    prefix: 'sha256=',
    idHeader: 'X-Delivery',
    timestampHeader: 'X-Timestamp',
  },
  hmac_b64: { kind: 'hmac', header: 'X-Signature', encoding: 'base64' },
};
const SECRET: Record<string, string> = {
  standard: `whsec_${Buffer.from('standard-secret-0123456789abcdef').toString('base64')}`,
  shopify: 'shpss_shopify_secret',
  stripe: 'whsec_stripe_secret',
  hmac_hex: 'generic-hex-secret',
  hmac_b64: 'generic-b64-secret',
};

let tmp: ReturnType<typeof makeTempDir>;
let service: WebhookService;
let base: string;
let rejected: Rejection[];

beforeEach(async () => {
  tmp = makeTempDir('patchbay-webhooks-');
  rejected = [];
  const secrets = new MemorySecrets();
  service = new WebhookService({
    dataDir: tmp.dir,
    settings: new MemoryKeyValueStore(),
    secrets,
    listener: { port: 0, maxBodyBytes: 4096 },
    onRejected: (r) => rejected.push(r),
  });
  for (const [id, scheme] of Object.entries(SCHEMES)) {
    service.saveEndpoint({ id, name: id, path: `/hooks/${id}`, scheme });
    await service.setSecret(id, SECRET[id]!);
  }
  await service.start();
  base = service.listenerAddress()!.url;
});

afterEach(async () => {
  await service.close();
  tmp.cleanup();
});

const scheme = (id: string): VerificationScheme => SchemeSchema.parse(SCHEMES[id]);
const order = (n: number) => ({ id: 1000 + n, name: `#${1000 + n}`, updated_at: '2025-06-01T10:00:00Z' });

describe.each(Object.keys(SCHEMES))('scheme %s', (id) => {
  const url = () => `${base}/hooks/${id}`;

  it('accepts a correctly signed event and stores it before answering 2xx', async () => {
    const r = await sendSigned(url(), scheme(id), SECRET[id]!, order(1), { eventId: 'evt-accept' });
    expect(r.status).toBe(200);
    const { seq } = JSON.parse(r.body) as { seq: number };
    // A separate connection sees the row at the moment the 2xx arrives: it was committed first.
    const db = new Database(join(tmp.dir, 'webhooks.db'), { readonly: true });
    const row = db.prepare('SELECT endpoint_id, body FROM events WHERE seq = ?').get(seq) as {
      endpoint_id: string;
      body: string;
    };
    db.close();
    expect(row.endpoint_id).toBe(id);
    expect(JSON.parse(row.body)).toEqual(order(1));
    expect(rejected).toEqual([]);
  });

  it('rejects a forged signature with 401 and reports it', async () => {
    const r = await sendSigned(url(), scheme(id), 'not-the-secret', order(2));
    expect(r.status).toBe(401);
    expect(rejected.map((x) => [x.endpointId, x.reason])).toEqual([[id, 'bad_signature']]);
    // Same signature, tampered body.
    const headers = (await import('../../../electron/core/webhooks/schemes'))
      .schemeFor(scheme(id))
      .sign({ rawBody: JSON.stringify(order(3)), secret: SECRET[id]!, eventId: 'e3', nowMs: Date.now() });
    const tampered = await fetch(url(), {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(order(4)),
    });
    expect(tampered.status).toBe(401);
  });

  it('rejects an unsigned request with 401', async () => {
    const r = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(order(5)),
    });
    expect(r.status).toBe(401);
    expect(rejected[0]?.reason).toBe('unsigned');
  });

  it('answers a resent event id with 2xx, stores it once and counts the duplicate', async () => {
    const first = await sendSigned(url(), scheme(id), SECRET[id]!, order(6), { eventId: 'evt-replay' });
    expect(first.status).toBe(200);
    const again = await sendSigned(url(), scheme(id), SECRET[id]!, order(6), { eventId: 'evt-replay' });
    // Senders retry any non-2xx for days: a duplicate is acknowledged, never processed twice.
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toEqual({ received: true, duplicate: true });
    expect(rejected).toEqual([]);
    expect(service.recentEvents({ endpointId: id })).toHaveLength(1);
    const db = new Database(join(tmp.dir, 'webhooks.db'), { readonly: true });
    expect(db.prepare('SELECT duplicates FROM events WHERE endpoint_id = ?').pluck().get(id)).toBe(1);
    db.close();
  });

  // Schemes that carry a timestamp must refuse one outside the 5-minute tolerance.
  it.skipIf(id === 'hmac_b64')('rejects a stale timestamp', async () => {
    const r = await sendSigned(url(), scheme(id), SECRET[id]!, order(7), { nowMs: Date.now() - 6 * 60_000 });
    expect(r.status).toBe(401);
    expect(rejected[0]?.reason).toBe('stale');
    const future = await sendSigned(url(), scheme(id), SECRET[id]!, order(8), { nowMs: Date.now() + 6 * 60_000 });
    expect(future.status).toBe(401);
  });
});

describe('bad requests', () => {
  it('answers 404 for an unknown path, 413 for an oversize body, 400 for non-JSON, and keeps serving', async () => {
    const unknown = await sendSigned(`${base}/hooks/nope`, scheme('shopify'), SECRET.shopify!, order(1));
    expect(unknown.status).toBe(404);

    const big = { id: 1, pad: 'x'.repeat(10_000) };
    const tooBig = await sendSigned(`${base}/hooks/shopify`, scheme('shopify'), SECRET.shopify!, big);
    expect(tooBig.status).toBe(413);

    // Chunked upload (no content-length) over the limit: cut off while streaming.
    const stream = new ReadableStream({
      start(c) {
        for (let k = 0; k < 10; k++) c.enqueue(new TextEncoder().encode('y'.repeat(1000)));
        c.close();
      },
    });
    const chunked = await fetch(`${base}/hooks/shopify`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);

    const notJson = await sendSigned(`${base}/hooks/shopify`, scheme('shopify'), SECRET.shopify!, null, {
      raw: 'id=1&x=2',
    });
    expect(notJson.status).toBe(400);

    expect(rejected.map((r) => r.reason)).toEqual(['unknown_path', 'too_large', 'too_large', 'not_json']);
    const ok = await sendSigned(`${base}/hooks/shopify`, scheme('shopify'), SECRET.shopify!, order(9));
    expect(ok.status).toBe(200);
  });

  it('answers 503 while an endpoint has no secret, and never reads secrets from settings', async () => {
    service.saveEndpoint({ id: 'nosecret', name: 'n', path: '/hooks/nosecret', scheme: { kind: 'shopify' } });
    const r = await sendSigned(`${base}/hooks/nosecret`, scheme('shopify'), 'x', order(1));
    expect(r.status).toBe(503);
    expect(rejected[0]?.reason).toBe('no_secret');
  });

  it('binds to loopback unless LAN access is opted into', () => {
    expect(service.listenerAddress()!.host).toBe('127.0.0.1');
  });

  it('survives a burst of concurrent events with one event row each', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, k) =>
        sendSigned(`${base}/hooks/standard`, scheme('standard'), SECRET.standard!, order(k), { eventId: `burst-${k}` }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => (JSON.parse(r.body) as { seq: number }).seq)).size).toBe(200);
  });
});

describe('send test event', () => {
  it('signs with the endpoint secret and lands in the feed', async () => {
    const r = await service.sendTestEvent('stripe');
    expect(r.status).toBe(200);
    expect(service.recentEvents({ endpointId: 'stripe' })[0]?.source).toBe('test');
  });
});
