import { type BaseOptions, type RefusalKind, SandboxServer } from '../common/http-server';
import { baseUrl } from '../common/ids';
import { decodeChangeCursor, encodeChangeCursor, LazyTable, takePage } from '../common/lazy-table';
import { LeakyBucketLimiter } from '../common/rate-limit';
import {
  header,
  json,
  parseJsonBody,
  route,
  type Route,
  type SandboxReply,
  type SandboxRequest,
} from '../common/router';
import { firstIndexAtOrAfter, writeClock } from '../data/timeline';
import {
  generateOrder,
  generateProduct,
  type Json,
  ORDER_ID_BASE,
  ORDER_UPDATE_SPREAD_MS,
  orderStatusMatches,
  PRODUCT_ID_BASE,
  shopTime,
} from './records';
import { emit, type EmitResult, type WebhookEvent, type WebhookScheme } from './webhooks';

export interface ShopSizes {
  orders: number;
  products: number;
}

export interface ShopOptions extends BaseOptions {
  accessToken: string;
  webhookSecret: string;
  standardWebhookSecret: string;
  sizes?: Partial<ShopSizes>;
  /** Shopify REST (standard plans): bucket of 40 calls leaking 2 per second. */
  bucket?: { size: number; leakPerS: number };
}

export const SHOP_DOMAIN = 'patchbay-sandbox.myshopify.com';
const PAGE_INFO_ONLY = new Set(['page_info', 'limit', 'fields']);

interface PageState {
  /** Filters of the first request, carried inside page_info as Shopify does. */
  f: Record<string, string>;
  /** `i<n>` / `p<n>` index cursors (next / previous), or a changes cursor `g<n>` / `w<n>`. */
  c: string;
}

/**
 * Shop modelled on Shopify Admin REST (2024-10): orders.json / products.json with `limit`, RFC 8288
 * Link-header cursor pagination (`page_info`), `updated_at_min`, `fields=`, the call-limit leaky
 * bucket with X-Shopify-Shop-Api-Call-Limit, X-Shopify-Access-Token auth, and signed webhooks.
 */
export class ShopSandbox extends SandboxServer {
  readonly name = 'shop';
  readonly limiter: LeakyBucketLimiter;
  orders!: LazyTable<Json>;
  products!: LazyTable<Json>;
  private tokens: Set<string>;
  readonly webhookLog: EmitResult[] = [];

  constructor(private opts: ShopOptions) {
    super(opts);
    this.tokens = new Set([opts.accessToken]);
    const b = opts.bucket ?? { size: 40, leakPerS: 2 };
    this.limiter = new LeakyBucketLimiter(b.size, b.leakPerS, (level, size) => ({
      'X-Shopify-Shop-Api-Call-Limit': `${level}/${size}`,
    }));
    this.resetStore({ sizes: { orders: opts.sizes?.orders ?? 1000, products: opts.sizes?.products ?? 8 } });
  }

  resetStore(opts: { seed?: number; sizes?: Record<string, number> }): void {
    const seed = opts.seed ?? this.seed;
    const products = opts.sizes?.products ?? this.products?.size ?? 8;
    const orders = opts.sizes?.orders ?? this.orders?.size ?? 0;
    this.products = new LazyTable((p) => generateProduct(seed, p), products);
    this.orders = new LazyTable((i) => generateOrder(seed, i, products), orders);
    this.webhookLog.length = 0;
  }

  storeStats(): Record<string, unknown> {
    return {
      seed: this.seed,
      orders: {
        size: this.orders.size,
        count: this.orders.end,
        created: this.orders.created,
        updated: this.orders.updated,
      },
      products: { size: this.products.size, count: this.products.end },
      webhooksSent: this.webhookLog.length,
    };
  }

  protected authenticate(req: SandboxRequest): SandboxReply | null {
    const t = header(req, 'x-shopify-access-token');
    if (!t || !this.tokens.has(t))
      return json(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    return null;
  }

  protected refusal(kind: RefusalKind, message: string): SandboxReply {
    switch (kind) {
      case 'rate_limited':
        return json(429, {
          errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
        });
      case 'not_found':
      case 'method_not_allowed':
        return json(404, { errors: 'Not Found' });
      case 'bad_request':
        return json(400, { errors: { body: [message] } });
      case 'unavailable':
        return json(503, { errors: 'Service Unavailable' });
      default:
        return json(500, { errors: 'Internal Server Error' });
    }
  }

  protected override decorate(req: SandboxRequest, reply: SandboxReply): void {
    reply.headers = {
      ...reply.headers,
      'X-Shopify-API-Version': req.params.version ?? '2024-10',
      'X-Request-Id': crypto.randomUUID(),
    };
  }

  protected apiRoutes(): Route[] {
    const v = '/admin/api/:version';
    return [
      route('GET', `${v}/orders.json`, (r) => this.list(r, 'orders')),
      route('GET', `${v}/orders/count.json`, (r) => this.count(r, 'orders')),
      route('GET', `${v}/orders/:id.json`, (r) => this.getOne(r, 'orders')),
      route('PUT', `${v}/orders/:id.json`, (r) => this.updateOrder(r)),
      route('GET', `${v}/products.json`, (r) => this.list(r, 'products')),
      route('GET', `${v}/products/count.json`, (r) => this.count(r, 'products')),
      route('GET', `${v}/products/:id.json`, (r) => this.getOne(r, 'products')),
    ];
  }

  protected override controlRoutes(): Route[] {
    return [
      // New orders appear (as if placed while the app was closed); optionally announced by webhook.
      route('POST', '/__sandbox/orders', async (r) => {
        const b = (parseJsonBody(r) ?? {}) as { count?: number };
        const created = this.createOrders(b.count ?? 1);
        return json(200, { created: created.map((o) => o.id) });
      }),
      route('POST', '/__sandbox/webhooks', async (r) => {
        const b = (parseJsonBody(r) ?? {}) as Parameters<ShopSandbox['emitWebhooks']>[0];
        const results = await this.emitWebhooks(b);
        return json(200, { sent: results.length, results });
      }),
      route('GET', '/__sandbox/webhooks', () => json(200, { results: this.webhookLog })),
    ];
  }

  private table(kind: 'orders' | 'products'): LazyTable<Json> {
    return kind === 'orders' ? this.orders : this.products;
  }

  private idToIndex(kind: 'orders' | 'products', id: string | number): number {
    const n = Number(id);
    return Number.isSafeInteger(n) ? n - (kind === 'orders' ? ORDER_ID_BASE : PRODUCT_ID_BASE) : -1;
  }

  /** Creates `count` new orders (copies of generated shapes with fresh ids and times). */
  createOrders(count: number): Json[] {
    const out: Json[] = [];
    for (let k = 0; k < count; k++) {
      const now = writeClock();
      const row = this.orders.insert((index) => {
        const template = generateOrder(this.seed ^ 0xabc, index, this.products.size);
        return {
          ...template,
          created_at: shopTime(now),
          updated_at: shopTime(now),
          processed_at: shopTime(now),
          closed_at: null,
          cancelled_at: null,
          cancel_reason: null,
        };
      });
      out.push(row.rec);
    }
    return out;
  }

  /** Changes an order (note / tags / email) as a merchant would; returns the new version. */
  touchOrder(index: number, patch: Json): Json | null {
    const o = this.orders.get(index);
    if (!o) return null;
    const next = { ...o, ...patch, updated_at: shopTime(writeClock()) };
    this.orders.put(index, next);
    return next;
  }

  /**
   * Emits order webhooks to `url`. Choose orders by `orderIds`, by `indices`, or the first `count`;
   * `topics` (default ['orders/create']) are sent per order in that order; `bad` = how many of the
   * events (or `true` for all) are signed with a wrong secret; `events` overrides everything.
   */
  async emitWebhooks(o: {
    url: string;
    scheme?: WebhookScheme;
    count?: number;
    indices?: number[];
    orderIds?: Array<number | string>;
    topics?: string[];
    bad?: boolean | number;
    concurrency?: number;
    events?: Array<{ orderId: number | string; topic: string; bad?: boolean }>;
  }): Promise<EmitResult[]> {
    if (!o.url) throw new Error('emitWebhooks needs a url to POST to');
    let events: WebhookEvent[];
    if (o.events) {
      events = o.events.map((e) => ({
        topic: e.topic,
        bad: e.bad,
        order: this.orders.get(this.idToIndex('orders', e.orderId)) ?? { id: e.orderId },
      }));
    } else {
      const idx =
        o.indices ??
        o.orderIds?.map((id) => this.idToIndex('orders', id)) ??
        Array.from({ length: o.count ?? 1 }, (_, k) => k);
      const topics = o.topics ?? ['orders/create'];
      events = idx.flatMap((i) =>
        topics.map((topic) => ({ topic, order: this.orders.get(i) ?? { id: ORDER_ID_BASE + i } })),
      );
      const nBad = o.bad === true ? events.length : typeof o.bad === 'number' ? o.bad : 0;
      for (let k = 0; k < nBad && k < events.length; k++) events[k]!.bad = true;
    }
    const results = await emit(
      events,
      { url: o.url, scheme: o.scheme, concurrency: o.concurrency },
      { shopify: this.opts.webhookSecret, standard: this.opts.standardWebhookSecret },
      SHOP_DOMAIN,
      '2024-10',
    );
    this.webhookLog.push(...results);
    return results;
  }

  private getOne(req: SandboxRequest, kind: 'orders' | 'products'): SandboxReply {
    const rec = this.table(kind).get(this.idToIndex(kind, req.params.id!));
    if (!rec) return json(404, { errors: 'Not Found' });
    return json(200, { [kind.slice(0, -1)]: pickFields(rec, req.query.get('fields')) });
  }

  private updateOrder(req: SandboxRequest): SandboxReply {
    const index = this.idToIndex('orders', req.params.id!);
    if (!this.orders.get(index)) return json(404, { errors: 'Not Found' });
    const b = parseJsonBody(req) as { order?: Json } | undefined;
    if (!b?.order || typeof b.order !== 'object')
      return json(400, { errors: { order: 'Required parameter missing or invalid' } });
    const allowed = ['note', 'tags', 'email', 'phone', 'shipping_address', 'buyer_accepts_marketing'];
    const bad = Object.keys(b.order).filter((k) => k !== 'id' && !allowed.includes(k));
    if (bad.length) return json(422, { errors: Object.fromEntries(bad.map((k) => [k, ['cannot be changed']])) });
    const { id: _id, ...patch } = b.order;
    return json(200, { order: this.touchOrder(index, patch) });
  }

  private count(req: SandboxRequest, kind: 'orders' | 'products'): SandboxReply {
    const status = req.query.get('status') ?? (kind === 'orders' ? 'open' : 'any');
    const t = this.table(kind);
    let n = 0;
    if (kind === 'products' || status === 'any') n = t.end;
    else for (const r of t.byIndex(0)) if (orderStatusMatches(r.rec, status)) n++;
    return json(200, { count: n });
  }

  private list(req: SandboxRequest, kind: 'orders' | 'products'): SandboxReply {
    const limit = Number(req.query.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 250)
      return json(400, { errors: { limit: 'must be between 1 and 250' } });
    const pageInfo = req.query.get('page_info');
    let state: PageState;
    if (pageInfo) {
      const extra = [...req.query.keys()].filter((k) => !PAGE_INFO_ONLY.has(k));
      if (extra.length)
        return json(400, {
          errors: {
            page_info: `page_info cannot be combined with ${extra.join(', ')}; only limit and fields may accompany it`,
          },
        });
      try {
        state = JSON.parse(Buffer.from(pageInfo, 'base64url').toString('utf8')) as PageState;
        if (typeof state.c !== 'string' || typeof state.f !== 'object') throw new Error('shape');
      } catch {
        return json(400, { errors: { page_info: 'Invalid value.' } });
      }
    } else {
      const f: Record<string, string> = {};
      for (const k of [
        'status',
        'financial_status',
        'updated_at_min',
        'updated_at_max',
        'created_at_min',
        'created_at_max',
        'since_id',
        'ids',
      ] as const) {
        const v = req.query.get(k);
        if (v !== null) f[k] = v;
      }
      for (const k of ['updated_at_min', 'updated_at_max', 'created_at_min', 'created_at_max']) {
        if (f[k] !== undefined && !Number.isFinite(Date.parse(f[k]!)))
          return json(400, { errors: { [k]: 'is not a valid date' } });
      }
      state = { f, c: f.updated_at_min ? 'g0' : `i${f.since_id ? this.idToIndex(kind, f.since_id) + 1 : 0}` };
    }
    const f = state.f;
    const status = kind === 'orders' ? (f.status ?? 'open') : 'any';
    const ids = f.ids ? new Set(f.ids.split(',').map((x) => x.trim())) : null;
    const t = (k: string): number => (f[k] ? Date.parse(f[k]!) : NaN);
    // Shopify timestamps have whole seconds, so filters compare at second granularity.
    const sec = (ms: number): number => Math.floor(ms / 1000) * 1000;
    const [uMin, uMax, cMin, cMax] = [
      sec(t('updated_at_min')),
      t('updated_at_max'),
      sec(t('created_at_min')),
      t('created_at_max'),
    ];
    const keep = (o: Json): boolean => {
      if (kind === 'orders' && !orderStatusMatches(o, status)) return false;
      if (f.financial_status && f.financial_status !== 'any' && o.financial_status !== f.financial_status) return false;
      if (ids && !ids.has(String(o.id))) return false;
      const u = Date.parse(String(o.updated_at));
      const c = Date.parse(String(o.created_at));
      return !(u < uMin || u > uMax || c < cMin || c > cMax);
    };
    const table = this.table(kind);
    type Item = { rec: Json; next: string; prev: string };
    let iter: Iterator<Item>;
    let backwards = false;
    const changes = decodeChangeCursor(state.c.startsWith('g') || state.c.startsWith('w') ? state.c : 'x');
    if (changes && f.updated_at_min) {
      // Incremental reads walk the changes order (generated rows, then writes as they happened).
      const spread = kind === 'orders' ? ORDER_UPDATE_SPREAD_MS : 30 * 86_400_000;
      const minGen = firstIndexAtOrAfter(uMin, spread);
      iter = (function* () {
        for (const r of table.changes(changes, minGen))
          if (keep(r.rec)) yield { rec: r.rec, next: encodeChangeCursor(r.after), prev: '' };
      })();
    } else {
      const m = /^([ip])(-?\d+)$/.exec(state.c);
      if (!m) return json(400, { errors: { page_info: 'Invalid value.' } });
      const pos = Number(m[2]);
      backwards = m[1] === 'p';
      iter = (function* () {
        for (const r of table.byIndex(backwards ? pos - 1 : pos, backwards))
          if (keep(r.rec)) yield { rec: r.rec, next: `i${r.index + 1}`, prev: `p${r.index}` };
      })();
    }
    const page = takePage(iter, limit);
    if (backwards) page.items.reverse();
    const links: string[] = [];
    const link = (c: string, rel: string): string => {
      const q = new URLSearchParams({ limit: String(limit) });
      if (req.query.get('fields')) q.set('fields', req.query.get('fields')!);
      q.set('page_info', Buffer.from(JSON.stringify({ f, c })).toString('base64url'));
      return `<${baseUrl(req.headers)}${req.path}?${q}>; rel="${rel}"`;
    };
    const first = page.items[0];
    const last = page.items[page.items.length - 1];
    const isFirstPage = !pageInfo && !f.since_id;
    if (first && !f.updated_at_min && (backwards ? page.more : !isFirstPage)) links.push(link(first.prev, 'previous'));
    if (last && (backwards || page.more)) links.push(link(last.next, 'next'));
    const headers: Record<string, string> = links.length ? { Link: links.join(', ') } : {};
    return json(200, { [kind]: page.items.map((x) => pickFields(x.rec, req.query.get('fields'))) }, headers);
  }
}

function pickFields(rec: Json, fields: string | null): Json {
  if (!fields) return rec;
  const want = fields
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return Object.fromEntries(want.filter((k) => k in rec).map((k) => [k, rec[k]]));
}
