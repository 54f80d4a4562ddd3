import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';
import { shopifyHmac } from '../../../electron/sandbox/shop/webhooks';

let sb: Sandbox;
let H: Record<string, string>;

beforeAll(async () => {
  sb = await startSandbox({ sizes: { orders: 120 } });
  H = { 'X-Shopify-Access-Token': sb.credentials.shop.accessToken };
});
afterAll(() => sb.stop());

function nextLink(link: string | null): string | null {
  const m = /<([^>]+)>;\s*rel="next"/.exec(link ?? '');
  return m ? m[1]! : null;
}

describe('Shop sandbox (Shopify Admin REST shapes)', () => {
  it('rejects a missing token', async () => {
    const r = await fetch(`${sb.endpoints.shopApi}/orders.json`);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { errors: string }).errors).toContain('Invalid API key');
  });

  it('follows RFC 8288 Link page_info cursors over every order; money strings, EUR, offset dates', async () => {
    let url: string | null = `${sb.endpoints.shopApi}/orders.json?limit=50&status=any`;
    const ids: number[] = [];
    while (url) {
      const r = await fetch(url, { headers: H });
      expect(r.headers.get('x-shopify-shop-api-call-limit')).toMatch(/^\d+\/40$/);
      const b = (await r.json()) as {
        orders: Array<{
          id: number;
          total_price: string;
          currency: string;
          created_at: string;
          line_items: Array<{ sku: string | null; price: string }>;
        }>;
      };
      for (const o of b.orders) {
        expect(o.total_price).toMatch(/^\d+\.\d{2}$/);
        expect(o.currency).toBe('EUR');
        expect(o.created_at).toMatch(/[+-]\d{2}:\d{2}$/);
      }
      ids.push(...b.orders.map((o) => o.id));
      url = nextLink(r.headers.get('link'));
      if (url) expect(new URL(url).searchParams.has('status')).toBe(false);
    }
    expect(ids.length).toBe(120);
    expect(new Set(ids).size).toBe(120);
  });

  it('filters with updated_at_min and fields=', async () => {
    const since = new Date().toISOString();
    sb.servers.shop.touchOrder(5, { note: 'gift' });
    const r = await fetch(
      `${sb.endpoints.shopApi}/orders.json?status=any&updated_at_min=${encodeURIComponent(since)}&fields=id,note`,
      { headers: H },
    );
    const b = (await r.json()) as { orders: Array<Record<string, unknown>> };
    expect(b.orders).toEqual([{ id: 5_100_000_000_005, note: 'gift' }]);
  });

  it('empties a leaky bucket into 429 with Retry-After', async () => {
    const small = await startSandbox({ sizes: { orders: 5 }, limits: { shop: { size: 3, leakPerS: 1 } } });
    try {
      const h = { 'X-Shopify-Access-Token': small.credentials.shop.accessToken };
      const st: number[] = [];
      let retry: string | null = null;
      for (let k = 0; k < 5; k++) {
        const r = await fetch(`${small.endpoints.shopApi}/products.json`, { headers: h });
        st.push(r.status);
        if (r.status === 429) retry = r.headers.get('retry-after');
        await r.arrayBuffer();
      }
      expect(st.slice(0, 3)).toEqual([200, 200, 200]);
      expect(st[3]).toBe(429);
      expect(Number(retry)).toBeGreaterThanOrEqual(1);
    } finally {
      await small.stop();
    }
  });

  it('emits Shopify-signed and Standard-Webhooks-signed order webhooks, plus forged ones on request', async () => {
    const got: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const rx = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(rx.address() as AddressInfo).port}/hooks`;
    try {
      const res = await sb.servers.shop.emitWebhooks({
        url,
        count: 2,
        topics: ['orders/create', 'orders/updated'],
        bad: 1,
      });
      expect(res.map((x) => x.status)).toEqual([200, 200, 200, 200]);
      const valid = got.map(
        (g) => g.headers['x-shopify-hmac-sha256'] === shopifyHmac(sb.credentials.shop.webhookSecret, g.body),
      );
      expect(valid).toEqual([false, true, true, true]);
      expect(got.map((g) => g.headers['x-shopify-topic'])).toEqual([
        'orders/create',
        'orders/updated',
        'orders/create',
        'orders/updated',
      ]);
      got.length = 0;
      await sb.servers.shop.emitWebhooks({ url, count: 1, scheme: 'standard' });
      const wh = new Webhook(sb.credentials.shop.standardWebhookSecret);
      const payload = wh.verify(got[0]!.body, got[0]!.headers as Record<string, string>) as {
        type: string;
        data: { id: number };
      };
      expect(payload.type).toBe('order.created');
      expect(payload.data.id).toBe(5_100_000_000_000);
    } finally {
      rx.close();
    }
  });
});
