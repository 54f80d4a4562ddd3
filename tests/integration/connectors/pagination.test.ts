import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { parseConnectorDefinition } from '../../../shared/models/connector';
import { ConnectorClient } from '../../../electron/core/connectors/client';
import { sendJson, tinyServer } from './tiny-server';

const ITEMS = Array.from({ length: 237 }, (_, i) => ({
  id: `r${String(i).padStart(4, '0')}`,
  n: i,
  updated: new Date(Date.UTC(2024, 0, 1) + i * 3600_000).toISOString(),
}));

/** One server answering every pagination style over the same 237 items, each the way real APIs do. */
let srv: Awaited<ReturnType<typeof tinyServer>>;
beforeAll(async () => {
  srv = await tinyServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    const q = u.searchParams;
    const size = Number(q.get('limit') ?? q.get('per_page') ?? 50);
    switch (u.pathname) {
      case '/cursor': {
        const start = q.get('after') ? Number(q.get('after')) : 0;
        const page = ITEMS.slice(start, start + size);
        const next = start + size < ITEMS.length ? { next: { after: String(start + size) } } : undefined;
        return sendJson(res, 200, { results: page, ...(next ? { paging: next } : {}) });
      }
      case '/idcursor': {
        const after = q.get('starting_after');
        const start = after ? ITEMS.findIndex((i) => i.id === after) + 1 : 0;
        return sendJson(res, 200, {
          object: 'list',
          data: ITEMS.slice(start, start + size),
          has_more: start + size < ITEMS.length,
        });
      }
      case '/nexturl': {
        const start = Number(q.get('from') ?? 0);
        const more = start + size < ITEMS.length;
        return sendJson(res, 200, {
          items: ITEMS.slice(start, start + size),
          links: { next: more ? `${srv.url}/nexturl?from=${start + size}&limit=${size}` : null },
        });
      }
      case '/link': {
        const start = Number(q.get('page_info') ?? 0);
        const more = start + size < ITEMS.length;
        const link: Record<string, string> = more
          ? {
              link: `<${srv.url}/link?page_info=${start + size}&limit=${size}>; rel="next", <${srv.url}/link?page_info=0>; rel="previous"`,
            }
          : {};
        return sendJson(res, 200, { orders: ITEMS.slice(start, start + size) }, link);
      }
      case '/offset': {
        const start = Number(q.get('offset'));
        return sendJson(res, 200, ITEMS.slice(start, start + size));
      }
      case '/pages': {
        const p = Number(q.get('page'));
        return sendJson(res, 200, { data: { rows: ITEMS.slice((p - 1) * size, p * size) } });
      }
      case '/loop': // a buggy server that hands back the same cursor forever
        return sendJson(res, 200, {
          results: ITEMS.slice(0, 5),
          paging: { next: { after: q.get('after') === 'B' ? 'A' : 'B' } },
        });
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<!DOCTYPE html><html><body>Please log in</body></html>');
      case '/truncated': {
        const text = JSON.stringify({ results: ITEMS.slice(0, 10) }).slice(0, 180);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        return res.end(text);
      }
      default:
        return sendJson(res, 404, { message: 'no route' });
    }
  });
});
afterAll(() => srv.close());

function clientFor(path: string, pagination: unknown, extra: Record<string, unknown> = {}) {
  const def = parseConnectorDefinition({
    id: 'paging-test',
    name: 'Paging test',
    baseUrlTemplate: 'http://unused',
    authKinds: ['none'],
    resources: [
      {
        name: 'items',
        label: 'Items',
        primaryKey: 'id',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'updated', type: 'datetime' },
        ],
        operations: { list: { method: 'GET', path, pagination, pageSize: 50, ...extra } },
      },
    ],
  });
  return new ConnectorClient(def, { baseUrl: srv.url }, undefined);
}

async function collect(c: ConnectorClient, opts = {}) {
  const out: Record<string, unknown>[] = [];
  for await (const r of c.list('items', opts)) out.push(r);
  return out;
}

describe('pagination styles (async iterator)', () => {
  const cases: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
    [
      'cursor in body (HubSpot after)',
      '/cursor',
      { style: 'cursor_in_body', cursorPath: 'paging.next.after', param: 'after' },
      { recordSelector: 'results', pageSizeParam: 'limit' },
    ],
    [
      'id cursor (Stripe starting_after)',
      '/idcursor',
      { style: 'id_cursor', param: 'starting_after', hasMorePath: 'has_more' },
      { recordSelector: 'data', pageSizeParam: 'limit' },
    ],
    [
      'next URL in body',
      '/nexturl',
      { style: 'next_url', path: 'links.next' },
      { recordSelector: 'items', pageSizeParam: 'limit' },
    ],
    ['Link header (Shopify)', '/link', { style: 'link_header' }, { recordSelector: 'orders', pageSizeParam: 'limit' }],
    ['offset/limit', '/offset', { style: 'offset_limit', offsetParam: 'offset', limitParam: 'limit' }, {}],
    [
      'page number',
      '/pages',
      { style: 'page_number', pageParam: 'page', sizeParam: 'per_page' },
      { recordSelector: 'data.rows' },
    ],
  ];
  for (const [label, path, pagination, extra] of cases) {
    it(`${label}: every record once, in order`, async () => {
      const before = srv.arrivals.length;
      const records = await collect(clientFor(path, pagination, extra));
      expect(records.map((r) => r.id)).toEqual(ITEMS.map((i) => i.id));
      expect(srv.arrivals.length - before).toBeGreaterThanOrEqual(5); // 237 / 50 → 5 pages (+1 empty for offset styles)
    });
  }

  it('stops early with limit, without fetching further pages', async () => {
    const before = srv.arrivals.length;
    const records = await collect(clientFor('/cursor', cases[0][2], cases[0][3]), { limit: 70 });
    expect(records).toHaveLength(70);
    expect(srv.arrivals.length - before).toBe(2);
  });

  it('a cursor the server already returned fails with pagination_loop', async () => {
    const err = await collect(clientFor('/loop', cases[0][2], cases[0][3])).catch((e: AppError) => e);
    expect(AppError.is(err, 'pagination_loop')).toBe(true);
    expect((err as AppError).message).toContain('Paging test items.list');
  });

  it('sends the incremental cursor and field selection', async () => {
    const c = clientFor('/cursor', cases[0][2], {
      ...cases[0][3],
      incremental: { param: 'updated_since', format: 'unix' },
      fieldSelection: { param: 'properties', style: 'comma' },
    });
    await collect(c, { since: '2024-01-02T00:00:00Z', fields: ['email', 'firstname'], limit: 1 });
    const q = new URL(srv.arrivals.at(-1)!.url, 'http://x').searchParams;
    expect(q.get('updated_since')).toBe(String(Date.UTC(2024, 0, 2) / 1000));
    expect(q.get('properties')).toBe('email,firstname');
    const repeat = clientFor('/cursor', cases[0][2], {
      ...cases[0][3],
      fieldSelection: { param: 'fields', style: 'repeat' },
    });
    await collect(repeat, { fields: ['a', 'b'], limit: 1 });
    expect(new URL(srv.arrivals.at(-1)!.url, 'http://x').searchParams.getAll('fields')).toEqual(['a', 'b']);
  });

  it('an HTML page where JSON was expected is a bad_response naming connector, resource and request', async () => {
    const err = (await collect(clientFor('/html', { style: 'none' })).catch((e) => e)) as AppError;
    expect(err.code).toBe('bad_response');
    expect(err.message).toMatch(/Paging test items\.list \(GET \/html\).*HTML page/);
  });

  it('truncated JSON is a bad_response that says so', async () => {
    const err = (await collect(clientFor('/truncated', { style: 'none' }, { recordSelector: 'results' })).catch(
      (e) => e,
    )) as AppError;
    expect(err.code).toBe('bad_response');
    expect(err.message).toContain('truncated JSON');
  });
});
