import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/models/call-event';
import { ConnectorCatalog, memoryConnectorStore } from '../../../electron/core/connectors/catalog';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { bearer, headerKey, wsseToken } from './test-appliers';

let sb: Sandbox;
let catalog: ConnectorCatalog;
const SIZES = {
  contacts: 530,
  companies: 40,
  customers: 230,
  invoices: 120,
  orders: 260,
  products: 30,
  shipments: 140,
};
// Fast limits so the suite does not wait minutes; the modelled limits are exercised in rate-limit tests.
const FAST = { rateLimits: { requestsPerSecond: 200, burst: 50, maxConcurrency: 4 } };

beforeAll(async () => {
  sb = await startSandbox({ sizes: SIZES, rateLimits: false });
  catalog = await ConnectorCatalog.open(memoryConnectorStore());
});
afterAll(() => sb.stop());

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('built-in catalog against the sandbox', () => {
  it('lists and searches the catalog', () => {
    expect(catalog.list().map((c) => c.name)).toEqual([
      'CRM (HubSpot-compatible)',
      'Billing (Stripe-compatible)',
      'Accounting (Xero)',
      'Shop (Shopify-compatible)',
      'Warehouse WMS (SOAP)',
      'Exchange rates (ECB-compatible)',
      'Generic REST',
    ]);
    expect(catalog.list('stripe').map((c) => c.id)).toEqual(['billing-stripe']);
    expect(catalog.list('xero').map((c) => c.id)).toEqual(['accounting-xero']);
    expect(catalog.list().every((c) => c.followsApi)).toBe(true);
  });

  it('CRM: cursor pages, field selection, CRUD, batch upsert', async () => {
    const events: CallEvent[] = [];
    const crm = new ConnectorClient(
      catalog.get('crm-hubspot'),
      { baseUrl: sb.urls.crm },
      bearer(sb.credentials.crm.accessToken),
      (e) => events.push(e),
      FAST,
    );
    const contacts = await all(crm.list('contacts', { fields: ['email', 'firstname'] }));
    expect(contacts).toHaveLength(SIZES.contacts);
    expect(new Set(contacts.map((c) => c.id)).size).toBe(SIZES.contacts);
    expect(Object.keys(contacts[0]!.properties as object).sort()).toEqual(['email', 'firstname']);
    expect((await crm.testConnection()).ok).toBe(true);

    const created = await crm.create('contacts', { email: 'Ada.Lovelace@example.com', firstname: 'Ada' });
    expect(await crm.get('contacts', String(created.id))).toMatchObject({
      properties: { email: expect.stringMatching(/ada\.lovelace@example\.com/i) },
    });
    await crm.update('contacts', String(created.id), { lastname: 'Lovelace' });
    const upserted = await crm.batchUpsert('contacts', [
      { email: 'ada.lovelace@example.com', jobtitle: 'Analyst' },
      { email: 'grace.hopper@example.com', firstname: 'Grace' },
    ]);
    expect(upserted).toHaveLength(2);
    await crm.delete('contacts', String(created.id));
    expect(JSON.stringify(events)).not.toContain(sb.credentials.crm.accessToken);
    expect(JSON.stringify(events)).not.toContain('grace.hopper@example.com');
  });

  it('Billing: starting_after pages, form-encoded create with Idempotency-Key and Stripe-Version', async () => {
    const billing = new ConnectorClient(
      catalog.get('billing-stripe'),
      { baseUrl: sb.urls.billing },
      bearer(sb.credentials.billing.secretKey),
      undefined,
      FAST,
    );
    const customers = await all(billing.list('customers'));
    expect(customers.length).toBeGreaterThanOrEqual(SIZES.customers);
    expect(new Set(customers.map((c) => c.id)).size).toBe(customers.length);
    const before = sb.servers.billing.log.all().length;
    const c = await billing.create('customers', {
      email: 'jo@example.com',
      name: 'Jo',
      metadata: { crm_id: '42' },
      address: { city: 'Lyon', country: 'FR' },
    });
    expect(c).toMatchObject({
      object: 'customer',
      email: 'jo@example.com',
      metadata: { crm_id: '42' },
      address: { city: 'Lyon' },
    });
    const entry = sb.servers.billing.log
      .all()
      .slice(before)
      .find((e) => e.method === 'POST');
    expect(entry?.key).toMatch(/^[0-9a-f-]{36}$/); // the Idempotency-Key the server saw
    const updated = await billing.update('customers', String(c.id), { phone: '+33 4 72 00 00 00' });
    expect(updated.phone).toBe('+33 4 72 00 00 00');
    const invoices = await all(billing.list('invoices', { limit: 30 }));
    expect(invoices).toHaveLength(30);
  });

  it('Shop: Link-header pages with a filter carried in page_info, and the call-limit bucket header', async () => {
    const shop = new ConnectorClient(
      catalog.get('shop-shopify'),
      { baseUrl: sb.endpoints.shopApi },
      headerKey('X-Shopify-Access-Token', sb.credentials.shop.accessToken),
      undefined,
      FAST,
    );
    const orders = await all(shop.list('orders', { pageSize: 50 }));
    expect(orders).toHaveLength(SIZES.orders);
    expect(new Set(orders.map((o) => o.id)).size).toBe(SIZES.orders);
    const some = await all(shop.list('products', { fields: ['id', 'title'], pageSize: 10 }));
    expect(some).toHaveLength(SIZES.products);
    expect(Object.keys(some[0]!).sort()).toEqual(['id', 'title']);
  });

  it('WMS: SOAP list and get with WS-Security; faults become soap_fault', async () => {
    const wms = new ConnectorClient(
      catalog.get('wms-soap'),
      { baseUrl: sb.urls.wms },
      wsseToken(sb.credentials.wms.username, sb.credentials.wms.password),
      undefined,
      FAST,
    );
    const shipments = await all(wms.list('shipments', { pageSize: 25 }));
    expect(shipments).toHaveLength(SIZES.shipments);
    const one = await wms.get('shipments', String(shipments[3]!.orderReference));
    expect(one.shipmentId).toBe(shipments[3]!.shipmentId);
    const bad = new ConnectorClient(
      catalog.get('wms-soap'),
      { baseUrl: sb.urls.wms },
      wsseToken(sb.credentials.wms.username, 'wrong-password'),
      undefined,
      FAST,
    );
    const err = await bad.get('shipments', 'X').catch((e) => e);
    expect(err).toMatchObject({ code: 'soap_fault', details: { faultcode: 'wsse:FailedAuthentication' } });
  });

  it('Rates: ECB XML with the day carried into every rate', async () => {
    const rates = new ConnectorClient(
      catalog.get('rates-ecb'),
      { baseUrl: `${sb.urls.rates}/stats/eurofxref` },
      undefined,
      undefined,
      FAST,
    );
    const daily = await all(rates.list('daily'));
    expect(daily.length).toBeGreaterThan(20);
    expect(daily[0]).toMatchObject({
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      currency: expect.stringMatching(/^[A-Z]{3}$/),
      rate: expect.any(String),
    });
    const hist = await all(rates.list('last_90_days'));
    expect(new Set(hist.map((r) => r.time)).size).toBeGreaterThan(50);
  });
});
