import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/index';

let sb: Sandbox;
let H: Record<string, string>;
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${sb.urls.crm}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...H, ...(init.headers as Record<string, string>) },
  });

beforeAll(async () => {
  sb = await startSandbox({
    sizes: { contacts: 250, companies: 20 },
    limits: { crm: { max: 1000, windowMs: 10_000 } },
  });
  H = { authorization: `Bearer ${sb.credentials.crm.accessToken}` };
});
afterAll(() => sb.stop());

describe('CRM sandbox (HubSpot CRM v3 shapes)', () => {
  it('lists the account’s properties, custom ones marked hubspotDefined: false', async () => {
    const b = (await (await api('/crm/v3/properties/contacts')).json()) as {
      results: Array<{ name: string; type: string; hubspotDefined: boolean }>;
    };
    const byName = new Map(b.results.map((p) => [p.name, p]));
    expect(byName.get('email')).toMatchObject({ type: 'string', hubspotDefined: true });
    expect(byName.get('lifetime_value')).toMatchObject({ type: 'number', hubspotDefined: false });
    expect(byName.get('customer_since')).toMatchObject({ type: 'date', hubspotDefined: false });
  });

  it('refuses property values that are not strings, as the document types them', async () => {
    const r = await api('/crm/v3/objects/companies', {
      method: 'POST',
      body: JSON.stringify({ properties: { name: 'Numbers Inc', numberofemployees: 12 }, associations: [] }),
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toContain('12 was not a valid string');
  });

  it('pages one search at most up to its result cap', async () => {
    const small = await startSandbox({ sizes: { contacts: 30 }, rateLimits: false });
    small.servers.crm.searchResultCap = 10;
    try {
      const h = { authorization: `Bearer ${small.credentials.crm.accessToken}`, 'content-type': 'application/json' };
      const search = (after: string) =>
        fetch(`${small.urls.crm}/crm/v3/objects/contacts/search`, {
          method: 'POST',
          headers: h,
          body: JSON.stringify({ filterGroups: [], sorts: [], properties: [], limit: 10, after }),
        });
      const first = (await (await search('0')).json()) as { results: unknown[]; paging: { next: { after: string } } };
      expect(first.results).toHaveLength(10);
      const past = await search(first.paging.next.after);
      expect(past.status).toBe(400);
    } finally {
      await small.stop();
    }
  });

  it('rejects missing and wrong tokens with HubSpot error bodies', async () => {
    const none = await fetch(`${sb.urls.crm}/crm/v3/objects/contacts`);
    expect(none.status).toBe(401);
    const body = (await none.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    expect(typeof body.correlationId).toBe('string');
    const wrong = await fetch(`${sb.urls.crm}/crm/v3/objects/contacts`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('pages with after / paging.next.after through every contact exactly once', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const r = await api(`/crm/v3/objects/contacts?limit=100${after ? `&after=${after}` : ''}`);
      expect(r.headers.get('x-hubspot-ratelimit-max')).toBe('1000');
      const b = (await r.json()) as {
        results: Array<{ id: string; properties: Record<string, string> }>;
        paging?: { next: { after: string } };
      };
      ids.push(...b.results.map((x) => x.id));
      expect(Object.keys(b.results[0]!.properties).sort()).toEqual([
        'createdate',
        'email',
        'firstname',
        'hs_object_id',
        'lastmodifieddate',
        'lastname',
      ]);
      if (!b.paging) break;
      after = b.paging.next.after;
    }
    expect(ids.length).toBe(250);
    expect(new Set(ids).size).toBe(250);
  });

  it('honours properties= and refuses limit > 100', async () => {
    const r = await api('/crm/v3/objects/contacts?limit=2&properties=phone,country');
    const b = (await r.json()) as { results: Array<{ properties: Record<string, unknown> }> };
    expect(Object.keys(b.results[0]!.properties).sort()).toEqual(['country', 'phone']);
    expect((await api('/crm/v3/objects/contacts?limit=101')).status).toBe(400);
  });

  it('finds duplicates differing by e-mail case through search, and upserts by email', async () => {
    const c38 = (await (await api('/crm/v3/objects/contacts/39')).json()) as { properties: { email: string } };
    const c39 = (await (await api('/crm/v3/objects/contacts/40')).json()) as { properties: { email: string } };
    expect(c39.properties.email).not.toBe(c38.properties.email);
    expect(c39.properties.email.toLowerCase()).toBe(c38.properties.email.toLowerCase());
    const s = await api('/crm/v3/objects/contacts/search', {
      method: 'POST',
      body: JSON.stringify({
        filterGroups: [
          { filters: [{ propertyName: 'email', operator: 'EQ', value: c38.properties.email.toUpperCase() }] },
        ],
      }),
    });
    const sb2 = (await s.json()) as { total: number; results: Array<{ id: string }> };
    expect(sb2.total).toBe(2);
    expect(sb2.results.map((x) => x.id)).toEqual(['39', '40']);

    const up = await api('/crm/v3/objects/contacts/batch/upsert', {
      method: 'POST',
      body: JSON.stringify({
        inputs: [
          { idProperty: 'email', id: 'New.Person@Example.org', properties: { firstname: 'New' } },
          { idProperty: 'email', id: c38.properties.email, properties: { jobtitle: 'CTO' } },
        ],
      }),
    });
    expect(up.status).toBe(200);
    const ub = (await up.json()) as { status: string; results: Array<{ id: string; new: boolean }> };
    expect(ub.status).toBe('COMPLETE');
    expect(ub.results.map((x) => x.new)).toEqual([true, false]);
    expect(ub.results[1]!.id).toBe('39');
    // Creating the same e-mail again conflicts, as in HubSpot.
    const dup = await api('/crm/v3/objects/contacts', {
      method: 'POST',
      body: JSON.stringify({ properties: { email: 'new.person@example.org' } }),
    });
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { category: string }).category).toBe('CONFLICT');
  });

  it('validates properties and reports incremental changes via lastmodifieddate GTE', async () => {
    const bad = await api('/crm/v3/objects/contacts', {
      method: 'POST',
      body: JSON.stringify({ properties: { nope: 'x' } }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { category: string }).category).toBe('VALIDATION_ERROR');
    const since = Date.now();
    await api('/crm/v3/objects/contacts/7', {
      method: 'PATCH',
      body: JSON.stringify({ properties: { lastname: 'Changed' } }),
    });
    const s = await api('/crm/v3/objects/contacts/search', {
      method: 'POST',
      body: JSON.stringify({
        filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(since) }] }],
        properties: ['lastname'],
        limit: 100,
      }),
    });
    const b = (await s.json()) as { total: number; results: Array<{ id: string; properties: { lastname: string } }> };
    expect(b.results.map((x) => x.id)).toEqual(['7']);
    expect(b.results[0]!.properties.lastname).toBe('Changed');
    // HubSpot lists have no "changed since" parameter: an unknown query parameter changes nothing.
    const l = (await (await api(`/crm/v3/objects/contacts?updatedAfter=${since}&limit=100`)).json()) as {
      results: Array<{ id: string }>;
    };
    expect(l.results.length).toBeGreaterThan(1);
  });

  it('answers 429 with Retry-After once the rolling window is full, and logs it', async () => {
    const small = await startSandbox({ sizes: { contacts: 10 }, limits: { crm: { max: 3, windowMs: 1500 } } });
    try {
      const h = { authorization: `Bearer ${small.credentials.crm.accessToken}` };
      const statuses: number[] = [];
      let retry = '';
      for (let k = 0; k < 5; k++) {
        const r = await fetch(`${small.urls.crm}/crm/v3/objects/contacts`, { headers: h });
        statuses.push(r.status);
        if (r.status === 429) {
          retry = r.headers.get('retry-after') ?? '';
          expect(((await r.json()) as { errorType: string }).errorType).toBe('RATE_LIMIT');
        } else await r.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(retry)).toBeGreaterThanOrEqual(1);
      const stats = (await (await fetch(`${small.urls.crm}/__sandbox/stats`)).json()) as { rateLimited: number };
      expect(stats.rateLimited).toBe(2);
      const log = small.servers.crm.log.all();
      expect(log.filter((e) => e.outcome === 'rate_limited').every((e) => e.retryAfterS! >= 1)).toBe(true);
    } finally {
      await small.stop();
    }
  });

  it('serves the tail of a 1,000,000-contact seed lazily, without allocating it', async () => {
    const big = await startSandbox({ sizes: { contacts: 1_000_000 }, rateLimits: false });
    try {
      const before = process.memoryUsage().heapUsed;
      const h = { authorization: `Bearer ${big.credentials.crm.accessToken}` };
      const r = await fetch(`${big.urls.crm}/crm/v3/objects/contacts?limit=100&after=999950`, { headers: h });
      const b = (await r.json()) as { results: Array<{ id: string }>; paging?: unknown };
      expect(b.results.length).toBe(50);
      expect(b.results[49]!.id).toBe('1000000');
      expect(b.paging).toBeUndefined();
      const mid = (await (
        await fetch(`${big.urls.crm}/crm/v3/objects/contacts?limit=100&after=500000`, { headers: h })
      ).json()) as { paging: { next: { after: string } } };
      expect(mid.paging.next.after).toBe('500100');
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(30 * 1024 * 1024);
      expect(big.servers.crm.store.tables.contacts.writtenCount).toBe(0);
    } finally {
      await big.stop();
    }
  });
});
