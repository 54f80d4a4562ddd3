import { randomBytes } from 'node:crypto';
import { type BaseOptions, type RefusalKind, SandboxServer } from '../common/http-server';
import { fieldOf } from '../common/fields';
import { bearer } from '../common/ids';
import { takePage, type Row } from '../common/lazy-table';
import { SlidingWindowLimiter } from '../common/rate-limit';
import { header, json, route, type Route, type SandboxReply, type SandboxRequest } from '../common/router';
import { FormError, parseForm, type FormValue } from './form';
import { IdempotencyCache } from './idempotency';
import {
  customerId,
  indexFromId,
  INVOICE_DEFAULTS,
  invoiceId,
  type Address,
  type Customer,
  type Invoice,
} from './records';
import { evaluate, parseQuery, type Query } from './search';
import { BillingStore, type BillingSizes } from './store';

export interface BillingOptions extends BaseOptions {
  secretKey: string;
  sizes?: Partial<BillingSizes>;
  /** Stripe allows 100 read + 100 write operations per second in live mode (25 in test mode). */
  limit?: { max: number; windowMs: number };
}

export const DEFAULT_STRIPE_VERSION = '2024-06-20';

export function stripeError(
  status: number,
  type: string,
  message: string,
  code?: string,
  param?: string,
): SandboxReply {
  const error: Record<string, string> = { type, message };
  if (code) error.code = code;
  if (param) error.param = param;
  return json(status, { error });
}

const CUSTOMER_PARAMS = new Set([
  'name',
  'email',
  'phone',
  'description',
  'address',
  'metadata',
  'preferred_locales',
  'tax_exempt',
  'invoice_prefix',
  'expand',
  'balance',
]);
const ADDRESS_KEYS = ['city', 'country', 'line1', 'line2', 'postal_code', 'state'] as const;
const INVOICE_PARAMS = new Set([
  'customer',
  'currency',
  'description',
  'metadata',
  'collection_method',
  'days_until_due',
  'due_date',
  'auto_advance',
  'expand',
]);

class ParamError extends Error {
  constructor(
    message: string,
    public param: string,
    public code = 'parameter_invalid',
  ) {
    super(message);
  }
}

/**
 * Billing modelled on Stripe's API (customers, invoices): form-encoded bodies with bracketed keys,
 * lists newest-first with `starting_after`/`ending_before`/`has_more`, search with `page`,
 * Idempotency-Key on POST, Stripe-Version echoed, Bearer or Basic auth with the secret key.
 */
export class BillingSandbox extends SandboxServer {
  readonly name = 'billing';
  readonly limiter: SlidingWindowLimiter;
  readonly store: BillingStore;
  readonly idempotency = new IdempotencyCache();
  private keys: Set<string>;

  constructor(opts: BillingOptions) {
    super(opts);
    this.store = new BillingStore(opts.seed, {
      customers: opts.sizes?.customers ?? 500,
      invoices: opts.sizes?.invoices ?? 2000,
    });
    const l = opts.limit ?? { max: 100, windowMs: 1000 };
    this.limiter = new SlidingWindowLimiter(l.max, l.windowMs);
    this.keys = new Set([opts.secretKey]);
  }

  protected authenticate(req: SandboxRequest): SandboxReply | null {
    const auth = header(req, 'authorization') ?? '';
    let key = bearer(auth);
    const basic = /^Basic\s+(.+)$/i.exec(auth);
    if (!key && basic) key = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')[0] ?? null;
    if (!key)
      return stripeError(
        401,
        'invalid_request_error',
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      );
    if (!this.keys.has(key))
      return stripeError(
        401,
        'invalid_request_error',
        `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(8)}${key.slice(-4)}`,
        'api_key_invalid',
      );
    return null;
  }

  protected refusal(kind: RefusalKind, message: string): SandboxReply {
    switch (kind) {
      case 'rate_limited':
        return stripeError(
          429,
          'invalid_request_error',
          'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
          'rate_limit',
        );
      case 'not_found':
        return stripeError(
          404,
          'invalid_request_error',
          `Unrecognized request URL (${message.replace('Unknown path ', 'GET: ')}).`,
        );
      case 'method_not_allowed':
        return stripeError(405, 'invalid_request_error', message);
      case 'bad_request':
        return stripeError(400, 'invalid_request_error', message);
      case 'unavailable':
        return stripeError(503, 'api_error', message);
      default:
        return stripeError(500, 'api_error', message);
    }
  }

  protected override decorate(req: SandboxRequest, reply: SandboxReply): void {
    reply.headers = {
      ...reply.headers,
      'Request-Id': `req_${randomBytes(7).toString('hex')}`,
      'Stripe-Version': header(req, 'stripe-version') ?? DEFAULT_STRIPE_VERSION,
    };
  }

  protected override logKey(req: SandboxRequest): string | undefined {
    return header(req, 'idempotency-key');
  }

  storeStats(): Record<string, unknown> {
    const s = this.store;
    const dups = s.duplicates();
    return {
      seed: this.seed,
      customers: {
        size: s.customers.size,
        count: s.liveCustomers(),
        created: s.customers.created,
        updated: s.customers.updated,
      },
      invoices: {
        size: s.invoices.size,
        count: s.invoices.end,
        created: s.invoices.created,
        updated: s.invoices.updated,
      },
      idempotency: {
        keys: this.idempotency.size,
        replays: this.idempotency.replays,
        conflicts: this.idempotency.conflicts,
      },
      duplicates: { byEmail: dups.byEmail.length, byMetadata: dups.byMetadata.length },
    };
  }

  resetStore(opts: { seed?: number; sizes?: Record<string, number> }): void {
    this.store.reset(opts.seed ?? this.seed, opts.sizes as Partial<BillingSizes>);
    this.idempotency.clear();
  }

  protected override controlRoutes(): Route[] {
    return [
      route('GET', '/__sandbox/records/customers', (r) => {
        const offset = Number(r.query.get('offset') ?? 0);
        const limit = Number(r.query.get('limit') ?? 10_000);
        const records = [...this.store.customers.written()].slice(offset, offset + limit).map((x) => x.rec);
        return json(200, { written: this.store.customers.writtenCount, records });
      }),
      route('GET', '/__sandbox/duplicates', () => json(200, this.store.duplicates())),
    ];
  }

  protected apiRoutes(): Route[] {
    const w = (h: (r: SandboxRequest) => SandboxReply) => (r: SandboxRequest) =>
      this.idempotent(r, () => this.guard(() => h(r)));
    return [
      route('GET', '/v1/customers', (r) => this.guard(() => this.listCustomers(r))),
      route(
        'POST',
        '/v1/customers',
        w((r) => this.createCustomer(r)),
      ),
      route('GET', '/v1/customers/search', (r) => this.guard(() => this.searchCustomers(r))),
      route('GET', '/v1/customers/:id', (r) => this.guard(() => this.getCustomer(r))),
      route(
        'POST',
        '/v1/customers/:id',
        w((r) => this.updateCustomer(r)),
      ),
      route('DELETE', '/v1/customers/:id', (r) => this.guard(() => this.deleteCustomer(r))),
      route('GET', '/v1/invoices', (r) => this.guard(() => this.listInvoices(r))),
      route(
        'POST',
        '/v1/invoices',
        w((r) => this.createInvoice(r)),
      ),
      route('GET', '/v1/invoices/search', (r) => this.guard(() => this.searchInvoices(r))),
      route('GET', '/v1/invoices/:id', (r) => this.guard(() => this.getInvoice(r))),
      route(
        'POST',
        '/v1/invoices/:id',
        w((r) => this.updateInvoice(r)),
      ),
      route('DELETE', '/v1/invoices/:id', (r) => this.guard(() => this.deleteInvoice(r))),
    ];
  }

  private guard(fn: () => SandboxReply): SandboxReply {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ParamError) return stripeError(400, 'invalid_request_error', e.message, e.code, e.param);
      if (e instanceof FormError)
        return stripeError(400, 'invalid_request_error', e.message, 'parameter_invalid', e.param);
      throw e;
    }
  }

  private idempotent(req: SandboxRequest, run: () => SandboxReply): SandboxReply {
    const key = header(req, 'idempotency-key');
    if (!key) return run();
    if (key.length > 255)
      return stripeError(
        400,
        'invalid_request_error',
        'Idempotency-Key must be at most 255 characters.',
        'idempotency_key_invalid',
      );
    const fp = IdempotencyCache.fingerprint(req.method, req.path, req.body);
    const hit = this.idempotency.lookup(key, fp);
    if (hit.kind === 'replay') return hit.reply;
    if (hit.kind === 'conflict')
      return stripeError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    const reply = run();
    this.idempotency.save(key, fp, reply);
    return reply;
  }

  private form(req: SandboxRequest): Record<string, FormValue> {
    const type = header(req, 'content-type') ?? '';
    if (req.body.length && type.includes('json'))
      throw new ParamError(
        'Invalid request: this API takes application/x-www-form-urlencoded bodies (e.g. email=a%40b.c&metadata[crm_id]=42), not JSON.',
        'body',
      );
    return parseForm(req.body.toString('utf8'));
  }

  private checkParams(p: Record<string, FormValue>, allowed: Set<string>): void {
    for (const k of Object.keys(p))
      if (!allowed.has(k)) throw new ParamError(`Received unknown parameter: ${k}`, k, 'parameter_unknown');
  }

  private str(p: Record<string, FormValue>, k: string): string | undefined {
    const v = p[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new ParamError(`Invalid string: ${k} must be a string`, k);
    return v;
  }

  private metadata(p: Record<string, FormValue>, into: Record<string, string>): Record<string, string> {
    const m = p.metadata;
    if (m === undefined) return into;
    if (m === '') return {}; // metadata='' clears all keys
    if (typeof m !== 'object' || Array.isArray(m))
      throw new ParamError('Invalid hash: metadata must be a hash', 'metadata');
    const out = { ...into };
    for (const [k, v] of Object.entries(m)) {
      if (typeof v !== 'string') throw new ParamError(`Invalid metadata[${k}]: must be a string`, `metadata[${k}]`);
      if (k.length > 40)
        throw new ParamError(`Invalid metadata: keys must be at most 40 characters (${k})`, `metadata[${k}]`);
      if (v.length > 500)
        throw new ParamError(`Invalid metadata: values must be at most 500 characters`, `metadata[${k}]`);
      if (v === '') delete out[k];
      else out[k] = v;
    }
    if (Object.keys(out).length > 50) throw new ParamError('Invalid metadata: at most 50 keys', 'metadata');
    return out;
  }

  private applyCustomer(p: Record<string, FormValue>, c: Customer): Customer {
    this.checkParams(p, CUSTOMER_PARAMS);
    const out: Customer = { ...c, metadata: this.metadata(p, c.metadata) };
    for (const k of ['name', 'email', 'phone', 'description'] as const) {
      const v = this.str(p, k);
      if (v !== undefined) out[k] = v === '' ? null : v;
    }
    if (out.email && p.email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(out.email))
      throw new ParamError(`Invalid email address: ${out.email}`, 'email', 'email_invalid');
    if (p.address !== undefined) {
      if (p.address === '') out.address = null;
      else if (typeof p.address !== 'object' || Array.isArray(p.address))
        throw new ParamError('Invalid hash: address', 'address');
      else {
        const a = p.address as Record<string, FormValue>;
        for (const k of Object.keys(a))
          if (!(ADDRESS_KEYS as readonly string[]).includes(k))
            throw new ParamError(`Received unknown parameter: address[${k}]`, `address[${k}]`, 'parameter_unknown');
        const base: Address = out.address ?? {
          city: null,
          country: null,
          line1: null,
          line2: null,
          postal_code: null,
          state: null,
        };
        const next = { ...base };
        for (const k of ADDRESS_KEYS) if (typeof a[k] === 'string') next[k] = a[k] === '' ? null : (a[k] as string);
        out.address = next;
      }
    }
    return out;
  }

  private customerAt(id: string): { index: number; c: Customer } | null {
    const index = indexFromId('cus', id);
    const c = this.store.customers.get(index);
    return c ? { index, c } : null;
  }

  private missing(kind: string, id: string): SandboxReply {
    return stripeError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing', 'id');
  }

  private createCustomer(req: SandboxRequest): SandboxReply {
    const p = this.form(req);
    const created = Math.floor(Date.now() / 1000);
    // Validate before inserting, so a refused request leaves no row behind.
    const draft = this.applyCustomer(p, { ...blankCustomer(''), created });
    const rec = this.store.insertCustomer((index) => ({
      ...draft,
      id: customerId(index),
      invoice_prefix: `PB${index.toString(36).toUpperCase().padStart(6, '0')}`,
    }));
    return json(200, rec);
  }

  private getCustomer(req: SandboxRequest): SandboxReply {
    const hit = this.customerAt(req.params.id!);
    if (!hit) return this.missing('customer', req.params.id!);
    // Stripe answers a deleted customer with a stub, not a 404.
    if (hit.c.deleted) return json(200, { id: hit.c.id, object: 'customer', deleted: true });
    return json(200, hit.c);
  }

  private updateCustomer(req: SandboxRequest): SandboxReply {
    const hit = this.customerAt(req.params.id!);
    if (!hit || hit.c.deleted) return this.missing('customer', req.params.id!);
    const next = this.applyCustomer(this.form(req), hit.c);
    this.store.putCustomer(hit.index, next);
    return json(200, next);
  }

  private deleteCustomer(req: SandboxRequest): SandboxReply {
    const hit = this.customerAt(req.params.id!);
    if (!hit || hit.c.deleted) return this.missing('customer', req.params.id!);
    this.store.putCustomer(hit.index, { ...hit.c, deleted: true });
    return json(200, { id: hit.c.id, object: 'customer', deleted: true });
  }

  private limit(req: SandboxRequest): number {
    const raw = req.query.get('limit');
    const n = raw === null ? 10 : Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 100)
      throw new ParamError('Invalid integer: limit must be between 1 and 100', 'limit');
    return n;
  }

  /** created[gte]=…, created[lt]=… or created=… as Stripe accepts them on list endpoints. */
  private createdFilter(req: SandboxRequest): (t: number) => boolean {
    const checks: Array<(t: number) => boolean> = [];
    const exact = req.query.get('created');
    if (exact) checks.push((t) => t === Number(exact));
    for (const [op, f] of [
      ['gt', (a: number, b: number) => a > b],
      ['gte', (a: number, b: number) => a >= b],
      ['lt', (a: number, b: number) => a < b],
      ['lte', (a: number, b: number) => a <= b],
    ] as const) {
      const v = req.query.get(`created[${op}]`);
      if (v !== null) {
        if (!/^\d+$/.test(v)) throw new ParamError(`Invalid timestamp: created[${op}]`, `created[${op}]`);
        checks.push((t) => f(t, Number(v)));
      }
    }
    return (t) => checks.every((c) => c(t));
  }

  /** Stripe lists newest first; starting_after walks older, ending_before walks newer. */
  private listPage<T extends { id: string; created: number; deleted?: true }>(
    req: SandboxRequest,
    table: { end: number; byIndex(from: number, desc?: boolean): Generator<Row<T>> },
    prefix: string,
    url: string,
    keep: (x: T) => boolean,
  ): SandboxReply {
    const limit = this.limit(req);
    const created = this.createdFilter(req);
    const startingAfter = req.query.get('starting_after');
    const endingBefore = req.query.get('ending_before');
    const lower = Number(req.query.get('created[gte]') ?? req.query.get('created[gt]') ?? NaN);
    const filter = (x: T): boolean => !x.deleted && created(x.created) && keep(x);
    let items: T[];
    let more: boolean;
    if (endingBefore) {
      const i = indexFromId(prefix, endingBefore);
      if (i < 0) throw new ParamError(`No such object: '${endingBefore}'`, 'ending_before', 'resource_missing');
      const iter = (function* () {
        for (const r of table.byIndex(i + 1)) if (filter(r.rec)) yield r.rec;
      })();
      ({ items, more } = takePage(iter, limit));
      items.reverse();
    } else {
      const from = startingAfter ? indexFromId(prefix, startingAfter) - 1 : table.end - 1;
      if (startingAfter && from < -1)
        throw new ParamError(`No such object: '${startingAfter}'`, 'starting_after', 'resource_missing');
      const iter = (function* () {
        for (const r of table.byIndex(from, true)) {
          // created grows with the index, so walking down we can stop at the lower bound.
          if (Number.isFinite(lower) && r.rec.created < lower) return;
          if (filter(r.rec)) yield r.rec;
        }
      })();
      ({ items, more } = takePage(iter, limit));
    }
    return json(200, { object: 'list', data: items, has_more: more, url });
  }

  private listCustomers(req: SandboxRequest): SandboxReply {
    const email = req.query.get('email');
    if (email !== null) {
      // List by email is case-sensitive in Stripe (search is not); answered from the index.
      const limit = this.limit(req);
      const all = this.store.byEmail(email, true).map((i) => this.store.customers.get(i)!);
      return json(200, {
        object: 'list',
        data: all.slice(0, limit),
        has_more: all.length > limit,
        url: '/v1/customers',
      });
    }
    return this.listPage(req, this.store.customers, 'cus', '/v1/customers', () => true);
  }

  private search<T extends { id: string; deleted?: true }>(
    req: SandboxRequest,
    url: string,
    candidates: (q: Query) => Iterable<T>,
    get: (x: T, f: string, k?: string) => unknown,
  ): SandboxReply {
    const raw = req.query.get('query');
    if (!raw) throw new ParamError('Missing required param: query.', 'query', 'parameter_missing');
    let q: Query;
    try {
      q = parseQuery(raw);
    } catch (e) {
      throw new ParamError((e as Error).message, 'query');
    }
    const limit = this.limit(req);
    const page = req.query.get('page');
    const skip = page ? Number(Buffer.from(page, 'base64url').toString('utf8').replace(/^pb:/, '')) : 0;
    if (!Number.isInteger(skip) || skip < 0) throw new ParamError('Invalid page token', 'page');
    const matches = (function* () {
      let n = 0;
      for (const x of candidates(q)) if (!x.deleted && evaluate(q, (f, k) => get(x, f, k)) && n++ >= skip) yield x;
    })();
    const { items, more } = takePage(matches, limit);
    return json(200, {
      object: 'search_result',
      data: items,
      has_more: more,
      next_page: more ? Buffer.from(`pb:${skip + items.length}`).toString('base64url') : null,
      url,
    });
  }

  private searchCustomers(req: SandboxRequest): SandboxReply {
    const store = this.store;
    return this.search<Customer>(
      req,
      '/v1/customers/search',
      function* (q) {
        // Fast paths: an AND query pinning email or a metadata value is answered from indexes.
        const pin =
          q.join === 'AND'
            ? q.clauses.find(
                (c) => c.op === ':' && !c.negate && (c.field === 'email' || (c.field === 'metadata' && c.metaKey)),
              )
            : undefined;
        if (pin) {
          const idx =
            pin.field === 'email' ? store.byEmail(pin.value, false) : store.byMetadata(pin.metaKey!, pin.value);
          for (const i of idx) yield store.customers.get(i)!;
          return;
        }
        for (const r of store.customers.byIndex(store.customers.end - 1, true)) yield r.rec;
      },
      (c, f, k) => (f === 'metadata' ? (k ? c.metadata[k] : undefined) : fieldOf(c, f)),
    );
  }

  private invoiceAt(id: string): { index: number; inv: Invoice } | null {
    const index = indexFromId('in', id);
    const inv = this.store.invoices.get(index);
    return inv ? { index, inv } : null;
  }

  private listInvoices(req: SandboxRequest): SandboxReply {
    const customer = req.query.get('customer');
    const status = req.query.get('status');
    return this.listPage(
      req,
      this.store.invoices,
      'in',
      '/v1/invoices',
      (x) => (!customer || x.customer === customer) && (!status || x.status === status),
    );
  }

  private searchInvoices(req: SandboxRequest): SandboxReply {
    const t = this.store.invoices;
    return this.search<Invoice>(
      req,
      '/v1/invoices/search',
      function* () {
        for (const r of t.byIndex(t.end - 1, true)) yield r.rec;
      },
      (x, f, k) =>
        f === 'metadata' ? (k ? x.metadata[k] : undefined) : f === 'total' || f === 'amount_due' ? x[f] : fieldOf(x, f),
    );
  }

  private getInvoice(req: SandboxRequest): SandboxReply {
    const hit = this.invoiceAt(req.params.id!);
    if (!hit || hit.inv.deleted) return this.missing('invoice', req.params.id!);
    return json(200, hit.inv);
  }

  private createInvoice(req: SandboxRequest): SandboxReply {
    const p = this.form(req);
    this.checkParams(p, INVOICE_PARAMS);
    const customer = this.str(p, 'customer');
    if (!customer) throw new ParamError('Missing required param: customer.', 'customer', 'parameter_missing');
    const c = this.customerAt(customer);
    if (!c || c.c.deleted) throw new ParamError(`No such customer: '${customer}'`, 'customer', 'resource_missing');
    const currency = (this.str(p, 'currency') ?? c.c.currency ?? 'usd').toLowerCase();
    if (!/^[a-z]{3}$/.test(currency)) throw new ParamError(`Invalid currency: ${currency}`, 'currency');
    const method = this.str(p, 'collection_method') ?? 'charge_automatically';
    if (method !== 'charge_automatically' && method !== 'send_invoice')
      throw new ParamError(`Invalid collection_method: ${method}`, 'collection_method');
    const now = Math.floor(Date.now() / 1000);
    const days = this.str(p, 'days_until_due');
    const due = this.str(p, 'due_date');
    const row = this.store.invoices.insert((index) => ({
      id: invoiceId(index),
      object: 'invoice',
      ...INVOICE_DEFAULTS,
      attempted: false,
      account_country: 'US',
      amount_due: 0,
      amount_paid: 0,
      amount_remaining: 0,
      auto_advance: this.str(p, 'auto_advance') !== 'false',
      collection_method: method,
      created: now,
      currency,
      customer,
      customer_email: c.c.email,
      description: this.str(p, 'description') ?? null,
      due_date: due ? Number(due) : days ? now + Number(days) * 86400 : null,
      lines: {
        object: 'list',
        data: [],
        has_more: false,
        total_count: 0,
        url: `/v1/invoices/${invoiceId(index)}/lines`,
      },
      livemode: false,
      metadata: this.metadata(p, {}),
      number: null,
      paid: false,
      period_end: now,
      period_start: now,
      status: 'draft',
      status_transitions: { finalized_at: null, paid_at: null, voided_at: null },
      subtotal: 0,
      tax: null,
      total: 0,
    }));
    return json(200, row.rec);
  }

  private updateInvoice(req: SandboxRequest): SandboxReply {
    const hit = this.invoiceAt(req.params.id!);
    if (!hit || hit.inv.deleted) return this.missing('invoice', req.params.id!);
    const p = this.form(req);
    this.checkParams(
      p,
      new Set(['description', 'metadata', 'due_date', 'auto_advance', 'collection_method', 'days_until_due', 'expand']),
    );
    const next: Invoice = { ...hit.inv, metadata: this.metadata(p, hit.inv.metadata) };
    const d = this.str(p, 'description');
    if (d !== undefined) next.description = d === '' ? null : d;
    this.store.invoices.put(hit.index, next);
    return json(200, next);
  }

  private deleteInvoice(req: SandboxRequest): SandboxReply {
    const hit = this.invoiceAt(req.params.id!);
    if (!hit || hit.inv.deleted) return this.missing('invoice', req.params.id!);
    if (hit.inv.status !== 'draft')
      throw new ParamError('You can only delete draft invoices.', 'id', 'invoice_not_editable');
    this.store.invoices.put(hit.index, { ...hit.inv, deleted: true });
    return json(200, { id: hit.inv.id, object: 'invoice', deleted: true });
  }
}

function blankCustomer(id: string): Customer {
  return {
    id,
    object: 'customer',
    address: null,
    balance: 0,
    created: 0,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: '',
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}
