import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { parseConnectorDefinition } from '../../../shared/models/connector';
import { fullJitterDelay } from '../../../electron/core/connectors/http/backoff';
import { readRateSignal } from '../../../electron/core/rate-limit/rate-headers';
import { HostLimiter } from '../../../electron/core/rate-limit/host-limiter';
import type { Clock } from '../../../electron/core/connectors/http/types';
import { parseLinkHeader } from '../../../electron/core/connectors/link-header';
import { selectRecords } from '../../../electron/core/connectors/paths';
import { fillPath, formEncode, formatSince, wrapBatch, wrapRecord } from '../../../electron/core/connectors/encode';
import { builtinConnectors } from '../../../electron/core/connectors/catalog';
import { inferPagination } from '../../../electron/core/connectors/openapi/infer-pagination';

function fakeClock(start = 1_000_000): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)), slept };
}

describe('retry timing', () => {
  it('full jitter stays within [0, min(cap, base·2^(n-1))]', () => {
    expect(fullJitterDelay(1, 100, 10_000, () => 0.999)).toBe(99);
    expect(fullJitterDelay(4, 100, 10_000, () => 1)).toBe(800);
    expect(fullJitterDelay(20, 100, 10_000, () => 1)).toBe(10_000);
    expect(fullJitterDelay(3, 100, 10_000, () => 0)).toBe(0);
  });
});

describe('rate-limit headers', () => {
  const now = 1_700_000_000_000;
  it('reads Retry-After, X-RateLimit (epoch or delta), RateLimit-* and a bucket header', () => {
    expect(readRateSignal({ 'retry-after': '2' }, now).pauseUntil).toBe(now + 2000);
    expect(
      readRateSignal({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 5) }, now).pauseUntil,
    ).toBe(now + 5000);
    expect(readRateSignal({ 'ratelimit-remaining': '0', 'ratelimit-reset': '3' }, now).pauseUntil).toBe(now + 3000);
    expect(readRateSignal({ 'ratelimit-remaining': '4', 'ratelimit-reset': '3' }, now).pauseUntil).toBeUndefined();
    const s = readRateSignal(
      { 'x-shopify-shop-api-call-limit': '39/40', 'content-type': 'x' },
      now,
      'X-Shopify-Shop-Api-Call-Limit',
    );
    expect(s.bucket).toEqual({ used: 39, limit: 40 });
    expect(s.logged).toEqual({ 'x-shopify-shop-api-call-limit': '39/40' });
  });
});

describe('host limiter', () => {
  it('spends the burst, then paces at the rate', async () => {
    const clock = fakeClock();
    const l = new HostLimiter({ requestsPerSecond: 2, burst: 3, maxConcurrency: 1 }, clock);
    for (let i = 0; i < 3; i++) expect(await l.acquire()).toBe(0);
    expect(await l.acquire()).toBe(500);
  });
  it('holds every caller until a server pause ends', async () => {
    const clock = fakeClock();
    const l = new HostLimiter(undefined, clock);
    l.pauseUntil(clock.now() + 1500);
    expect(await l.acquire()).toBe(1500);
  });
  it('a nearly full leaky bucket pauses until it drains below the margin', async () => {
    const clock = fakeClock();
    const l = new HostLimiter({ requestsPerSecond: 2, burst: 40, maxConcurrency: 4 }, clock);
    l.observeBucket(39, 40); // margin 4 → 3 over → 1.5 s at 2/s
    expect(l.pausedUntilMs - clock.now()).toBe(1500);
    l.observeBucket(10, 40);
    expect(l.pausedUntilMs - clock.now()).toBe(1500);
  });
  it('bounds concurrency', async () => {
    const l = new HostLimiter({ requestsPerSecond: 100, burst: 1, maxConcurrency: 1 }, fakeClock());
    const release = await l.enter();
    let second = false;
    const p = l.enter().then((r) => ((second = true), r));
    await Promise.resolve();
    expect(second).toBe(false);
    release();
    (await p)();
    expect(second).toBe(true);
  });
});

describe('paths, links, encoding', () => {
  it('parses RFC 8288 Link headers', () => {
    expect(parseLinkHeader('<https://x/a?page_info=1,2>; rel="next", <https://x/a?p=0>; rel="previous"')).toEqual({
      next: 'https://x/a?page_info=1,2',
      previous: 'https://x/a?p=0',
    });
    expect(parseLinkHeader(undefined)).toEqual({});
  });
  it('selects records through arrays and single objects, inheriting ancestor scalars', () => {
    const ecb = {
      Envelope: {
        Cube: {
          Cube: [
            {
              time: '2025-01-02',
              Cube: [
                { currency: 'USD', rate: '1.03' },
                { currency: 'JPY', rate: '162.1' },
              ],
            },
            { time: '2025-01-03', Cube: { currency: 'USD', rate: '1.02' } },
          ],
        },
      },
    };
    expect(selectRecords(ecb, 'Envelope.Cube.Cube.Cube', { time: 'time' })).toEqual([
      { time: '2025-01-02', currency: 'USD', rate: '1.03' },
      { time: '2025-01-02', currency: 'JPY', rate: '162.1' },
      { time: '2025-01-03', currency: 'USD', rate: '1.02' },
    ]);
    expect(selectRecords([{ id: 1 }], '')).toEqual([{ id: 1 }]);
    expect(selectRecords({ data: [] }, 'data')).toEqual([]);
  });
  it('form-encodes nested values the way Stripe reads them', () => {
    expect(
      decodeURIComponent(
        formEncode({ email: 'a@b.c', metadata: { k: 'v' }, items: [{ price: 'p1' }], skip: undefined }),
      ),
    ).toBe('email=a@b.c&metadata[k]=v&items[0][price]=p1');
  });
  it('fills paths safely and formats incremental cursors', () => {
    expect(fillPath('/v1/customers/{id}', { id: 'cus/../x' })).toBe('/v1/customers/cus%2F..%2Fx');
    expect(() => fillPath('/x/{id}', {})).toThrow(AppError);
    expect(formatSince('2024-01-02T03:04:05Z', 'unix')).toBe('1704164645');
    expect(formatSince('2024-01-02T03:04:05Z', 'date')).toBe('2024-01-02');
  });
  it('wraps HubSpot-style bodies', () => {
    const op = parseConnectorDefinition(builtinConnectors().find((d) => d.id === 'crm-hubspot')).resources[0]!
      .operations.batchUpsert!;
    expect(wrapBatch(op, [wrapRecord(op, { email: 'a@b.c', firstname: 'A' })])).toEqual({
      inputs: [{ id: 'a@b.c', idProperty: 'email', properties: { email: 'a@b.c', firstname: 'A' } }],
    });
  });
});

describe('connector definitions', () => {
  it('built-ins validate', () => {
    expect(builtinConnectors().map((d) => d.id)).toContain('billing-stripe');
  });
  it('invalid definitions fail with invalid_definition and zod paths', () => {
    try {
      parseConnectorDefinition({
        id: 'Bad Id',
        name: 'x',
        baseUrlTemplate: 'http://x',
        authKinds: ['telepathy'],
        resources: [
          {
            name: 'r',
            label: 'R',
            primaryKey: 'nope',
            fields: [{ name: 'id', type: 'string' }],
            operations: {
              list: { method: 'GET', path: '/r', pagination: { style: 'cursor_in_body' } },
              get: { method: 'GET', path: '/r' },
            },
          },
        ],
      });
      expect.unreachable();
    } catch (err) {
      expect(AppError.is(err, 'invalid_definition')).toBe(true);
      const paths = ((err as AppError).details!.issues as { path: string }[]).map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining(['id', 'authKinds.0', 'resources.0.operations.list.pagination.cursorPath']),
      );
    }
    const err = (() => {
      try {
        parseConnectorDefinition({
          id: 'ok',
          name: 'x',
          baseUrlTemplate: 'http://x',
          authKinds: ['none'],
          resources: [
            {
              name: 'r',
              label: 'R',
              primaryKey: 'nope',
              fields: [{ name: 'id', type: 'string' }],
              operations: { get: { method: 'GET', path: '/r' } },
            },
          ],
        });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err?.message).toMatch(/resources\.0\.primaryKey.*resources\.0\.operations\.get\.path/s);
  });
});

describe('OpenAPI pagination inference', () => {
  const q = (...names: string[]) => names.map((name) => ({ name, in: 'query' as const }));
  it('recognises the common styles and admits when it cannot', () => {
    expect(
      inferPagination({ parameters: q('limit'), responses: { '200': { headers: { Link: {} } } } }, undefined),
    ).toMatchObject({ known: true, pagination: { style: 'link_header' } });
    expect(
      inferPagination(
        { parameters: q('starting_after', 'limit') },
        { properties: { data: { type: 'array' }, has_more: { type: 'boolean' } } },
      ),
    ).toMatchObject({ pagination: { style: 'id_cursor', hasMorePath: 'has_more' } });
    expect(
      inferPagination(
        { parameters: q('after', 'limit') },
        {
          properties: {
            results: { type: 'array' },
            paging: {
              type: 'object',
              properties: { next: { type: 'object', properties: { after: { type: 'string' } } } },
            },
          },
        },
      ),
    ).toMatchObject({ pagination: { style: 'cursor_in_body', cursorPath: 'paging.next.after', param: 'after' } });
    expect(inferPagination({ parameters: q('offset', 'limit') }, undefined)).toMatchObject({
      pagination: { style: 'offset_limit' },
    });
    expect(inferPagination({ parameters: q('page', 'per_page') }, undefined)).toMatchObject({
      pagination: { style: 'page_number', sizeParam: 'per_page' },
    });
    // Nothing pages the list: one answer holds everything. A cursor with no next cursor: ask.
    expect(inferPagination({ parameters: q('status') }, { type: 'array' })).toMatchObject({
      known: true,
      pagination: { style: 'none' },
    });
    expect(inferPagination({ parameters: q('cursor') }, { type: 'array' })).toMatchObject({ known: false });
    // Twilio's next_page_uri.
    expect(
      inferPagination(
        { parameters: q('PageSize', 'Page', 'PageToken') },
        { type: 'object', properties: { messages: { type: 'array' }, next_page_uri: { type: 'string' } } },
      ),
    ).toMatchObject({ pagination: { style: 'next_url', path: 'next_page_uri' } });
  });
});
