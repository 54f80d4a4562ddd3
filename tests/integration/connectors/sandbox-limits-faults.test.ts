import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorCatalog, memoryConnectorStore } from '../../../electron/core/connectors/catalog';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { bearer, headerKey, wsseToken } from './test-appliers';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.stop();
  sb = undefined;
});

async function count(it: AsyncIterable<Record<string, unknown>>, key = 'id'): Promise<{ n: number; unique: number }> {
  const seen = new Set<unknown>();
  let n = 0;
  for await (const r of it) {
    n++;
    seen.add(r[key]);
  }
  return { n, unique: seen.size };
}

describe('rate limits and faults against the sandbox', () => {
  it('never sends a request before a Retry-After expires (from the server log)', async () => {
    sb = await startSandbox({ sizes: { contacts: 120 }, limits: { crm: { max: 4, windowMs: 1000 } } });
    const catalog = await ConnectorCatalog.open(memoryConnectorStore());
    // No client-side pacing: the server's 429s alone must slow us down.
    const crm = new ConnectorClient(
      catalog.get('crm-hubspot'),
      { baseUrl: sb.urls.crm },
      bearer(sb.credentials.crm.accessToken),
      undefined,
      { rateLimits: undefined, retry: { maxAttempts: 10 } },
    );
    expect(await count(crm.list('contacts', { pageSize: 10 }))).toEqual({ n: 120, unique: 120 });
    const log = sb.servers.crm.log.all();
    const limited = log.filter((e) => e.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const e of limited) {
      const until = e.t + (e.retryAfterS ?? 1) * 1000;
      const early = log.filter((x) => x.seq > e.seq && x.t < until);
      expect(early, `requests within Retry-After of #${e.seq}`).toEqual([]);
    }
  });

  it('paces by the Shopify call-limit bucket header without hitting 429', async () => {
    sb = await startSandbox({ sizes: { orders: 120 }, limits: { shop: { size: 8, leakPerS: 4 } } });
    const catalog = await ConnectorCatalog.open(memoryConnectorStore());
    const def = catalog.get('shop-shopify');
    const shop = new ConnectorClient(
      def,
      { baseUrl: sb.endpoints.shopApi },
      headerKey('X-Shopify-Access-Token', sb.credentials.shop.accessToken),
      undefined,
      {
        rateLimits: {
          requestsPerSecond: 4,
          burst: 8,
          maxConcurrency: 1,
          bucketHeader: 'X-Shopify-Shop-Api-Call-Limit',
        },
      },
    );
    expect(await count(shop.list('orders', { pageSize: 5 }))).toEqual({ n: 120, unique: 120 });
    expect(sb.servers.shop.log.all().filter((e) => e.status === 429)).toEqual([]);
  });

  it('the full --faults mix loses no record (CRM, billing, shop, WMS)', async () => {
    const sizes = { contacts: 700, customers: 400, orders: 400, shipments: 300 };
    sb = await startSandbox({
      sizes,
      rateLimits: false,
      faults: '5xx=0.1,429=0.05,timeout=0.02,reset=0.01,malformed=0.01,latency=2ms,hold=1500ms',
    });
    const catalog = await ConnectorCatalog.open(memoryConnectorStore());
    const opts = {
      timeoutMs: 1000,
      retry: { maxAttempts: 10, baseDelayMs: 20, maxDelayMs: 200 },
      rateLimits: { requestsPerSecond: 1000, burst: 100, maxConcurrency: 4 },
    };
    const crm = new ConnectorClient(
      catalog.get('crm-hubspot'),
      { baseUrl: sb.urls.crm },
      bearer(sb.credentials.crm.accessToken),
      undefined,
      opts,
    );
    const billing = new ConnectorClient(
      catalog.get('billing-stripe'),
      { baseUrl: sb.urls.billing },
      bearer(sb.credentials.billing.secretKey),
      undefined,
      opts,
    );
    const shop = new ConnectorClient(
      catalog.get('shop-shopify'),
      { baseUrl: sb.endpoints.shopApi },
      headerKey('X-Shopify-Access-Token', sb.credentials.shop.accessToken),
      undefined,
      opts,
    );
    const wms = new ConnectorClient(
      catalog.get('wms-soap'),
      { baseUrl: sb.urls.wms },
      wsseToken(sb.credentials.wms.username, sb.credentials.wms.password),
      undefined,
      opts,
    );
    const [c, b, s, w] = await Promise.all([
      count(crm.list('contacts', { pageSize: 10 })),
      count(billing.list('customers', { pageSize: 10 })),
      count(shop.list('orders', { pageSize: 10 })),
      count(wms.list('shipments', { pageSize: 10 }), 'shipmentId'),
    ]);
    expect(c).toEqual({ n: sizes.contacts, unique: sizes.contacts });
    expect(b.n).toBe(b.unique);
    expect(b.n).toBeGreaterThanOrEqual(sizes.customers);
    expect(s).toEqual({ n: sizes.orders, unique: sizes.orders });
    expect(w).toEqual({ n: sizes.shipments, unique: sizes.shipments });
    const faults = Object.values(sb.servers)
      .flatMap((x) => x.log.all())
      .filter((e) => e.outcome?.startsWith('fault:'));
    // The mix really happened: enough faults, of several kinds.
    expect(faults.length).toBeGreaterThan(15);
    expect(new Set(faults.map((f) => f.outcome)).size).toBeGreaterThanOrEqual(3);
  });
});
