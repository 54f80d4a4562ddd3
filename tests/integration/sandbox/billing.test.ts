import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeForm } from '../../../electron/sandbox/billing/form';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';

let sb: Sandbox;
let auth: string;
const post = (path: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fetch(`${sb.urls.billing}${path}`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: encodeForm(body),
  });
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${sb.urls.billing}${path}`, { headers: { authorization: auth, ...headers } });

beforeAll(async () => {
  sb = await startSandbox({ sizes: { customers: 120, invoices: 300 } });
  auth = `Bearer ${sb.credentials.billing.secretKey}`;
});
afterAll(() => sb.stop());

describe('Billing sandbox (Stripe shapes)', () => {
  it('never issues live-looking keys and accepts Basic auth with the key as user', async () => {
    expect(sb.credentials.billing.secretKey).toMatch(/^sk_test_sandbox_/);
    const basic = await fetch(`${sb.urls.billing}/v1/customers?limit=1`, {
      headers: { authorization: `Basic ${Buffer.from(`${sb.credentials.billing.secretKey}:`).toString('base64')}` },
    });
    expect(basic.status).toBe(200);
    const none = await fetch(`${sb.urls.billing}/v1/customers`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  it('lists newest first with starting_after / has_more over every customer', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    let created = Infinity;
    for (;;) {
      const b = (await (await get(`/v1/customers?limit=50${after ? `&starting_after=${after}` : ''}`)).json()) as {
        object: string;
        data: Array<{ id: string; created: number }>;
        has_more: boolean;
      };
      expect(b.object).toBe('list');
      for (const c of b.data) {
        expect(c.created).toBeLessThanOrEqual(created);
        created = c.created;
      }
      ids.push(...b.data.map((c) => c.id));
      if (!b.has_more) break;
      after = b.data[b.data.length - 1]!.id;
    }
    expect(ids.length).toBe(120);
    expect(new Set(ids).size).toBe(120);
  });

  it('creates from nested form keys, echoes Stripe-Version, and honours Idempotency-Key', async () => {
    const body = {
      email: 'ada@example.org',
      name: 'Ada',
      address: { city: 'Paris', line1: '1 rue X' },
      metadata: { crm_id: '42' },
    };
    const a = await post('/v1/customers', body, { 'Idempotency-Key': 'k1', 'Stripe-Version': '2023-10-16' });
    expect(a.status).toBe(200);
    expect(a.headers.get('stripe-version')).toBe('2023-10-16');
    const ca = (await a.json()) as { id: string; address: { city: string }; metadata: Record<string, string> };
    expect(ca.address.city).toBe('Paris');
    expect(ca.metadata.crm_id).toBe('42');
    const b = await post('/v1/customers', body, { 'Idempotency-Key': 'k1' });
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(((await b.json()) as { id: string }).id).toBe(ca.id);
    const c = await post('/v1/customers', { ...body, name: 'Other' }, { 'Idempotency-Key': 'k1' });
    expect(c.status).toBe(400);
    expect(((await c.json()) as { error: { type: string } }).error.type).toBe('idempotency_error');
    expect(sb.servers.billing.store.customers.created).toBe(1);

    const s = (await (
      await get(`/v1/customers/search?query=${encodeURIComponent("email:'ADA@example.org'")}`)
    ).json()) as { object: string; data: Array<{ id: string }> };
    expect(s.object).toBe('search_result');
    expect(s.data.map((x) => x.id)).toEqual([ca.id]);
    const m = (await (
      await get(`/v1/customers/search?query=${encodeURIComponent("metadata['crm_id']:'42'")}`)
    ).json()) as { data: Array<{ id: string }> };
    expect(m.data.map((x) => x.id)).toEqual([ca.id]);

    const up = (await (
      await post(`/v1/customers/${ca.id}`, { phone: '+33 1 23 45 67 89', metadata: { crm_id: '' } })
    ).json()) as { phone: string; metadata: Record<string, string>; name: string };
    expect(up).toMatchObject({ phone: '+33 1 23 45 67 89', name: 'Ada', metadata: {} });
    const del = (await (
      await fetch(`${sb.urls.billing}/v1/customers/${ca.id}`, { method: 'DELETE', headers: { authorization: auth } })
    ).json()) as { deleted: boolean };
    expect(del.deleted).toBe(true);
  });

  it('reports Stripe errors with type, code, param', async () => {
    const unknown = await post('/v1/customers', { foo: 'bar' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: Record<string, string> }).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param: 'foo',
    });
    const missing = await get('/v1/customers/cus_PB00000zzzzz');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('resource_missing');
  });

  it('serves invoices with integer minor-unit amounts and a currency', async () => {
    const b = (await (await get('/v1/invoices?limit=5')).json()) as {
      data: Array<{
        total: number;
        currency: string;
        lines: { data: Array<{ amount: number; price: { product: string } }> };
      }>;
    };
    for (const inv of b.data) {
      expect(Number.isInteger(inv.total)).toBe(true);
      expect(inv.currency).toMatch(/^[a-z]{3}$/);
      expect(inv.lines.data.reduce((a, l) => a + l.amount, 0)).toBe(inv.total);
    }
  });
});
