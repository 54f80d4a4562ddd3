import { randomUUID } from 'node:crypto';
import { formatJsonDate, parseJsonDate } from '../../../shared/mapping/json-date';
import { IdempotencyCache } from '../billing/idempotency';
import { type BaseOptions, type RefusalKind, ReplyError, SandboxServer } from '../common/http-server';
import { bearer } from '../common/ids';
import {
  header,
  json,
  parseJsonBody,
  route,
  type Handler,
  type Route,
  type SandboxReply,
  type SandboxRequest,
} from '../common/router';
import { writeClock } from '../data/timeline';
import { getPathValue } from './paths';
import { priceLines, type XeroRecord } from './records';
import { AccountingStore, BANK_ACCOUNT, ID_FIELD, type AccountingSizes, type Table, type TableName } from './store';
import { TenantLimiter, XERO_LIMITS, type TenantLimits } from './tenant-limits';
import { compileWhere } from './where';

export interface AccountingOptions extends BaseOptions {
  accessToken: string;
  tenantId: string;
  tenantName: string;
  sizes?: Partial<AccountingSizes>;
  limits?: Partial<TenantLimits>;
}

export const XERO_API = '/api.xro/2.0';
const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 100;
const NOT_FOUND_TEXT = "The resource you're looking for cannot be found";

/** Xero's 400: `{ErrorNumber, Type, Message, Elements: [{…the element…, ValidationErrors: [{Message}]}]}`. */
function xeroError(type: string, message: string, elements?: XeroRecord[], errorNumber = 10): SandboxReply {
  return json(400, {
    ErrorNumber: errorNumber,
    Type: type,
    Message: message,
    ...(elements ? { Elements: elements } : {}),
  });
}
const validationFailed = (elements: XeroRecord[]) =>
  xeroError('ValidationException', 'A validation exception occurred', elements);
/** 401/403 come from Xero's identity layer as problem JSON. */
const problem = (status: number, title: string, detail: string): SandboxReply =>
  json(status, { Type: null, Title: title, Status: status, Detail: detail, Instance: randomUUID(), Extensions: {} });

type Check = (input: XeroRecord, existing?: XeroRecord) => string[];

/**
 * Accounting modelled on the Xero Accounting API 2.0 (contacts, invoices, items, payments) under
 * `/api.xro/2.0`, held to Xero's published OpenAPI document by the contract tests. Bearer token plus
 * the `xero-tenant-id` header of the one organisation the token is connected to (listed by
 * `GET /connections`); lists `{Contacts: [...]}` with `page`/`pageSize` and `pagination`, `where`,
 * `If-Modified-Since`; writes take lists (`PUT` creates, `POST /{id}` updates, `POST` updates or
 * creates), `Idempotency-Key` replays; per-organisation limits of 60 calls a minute and 5,000 a day.
 */
export class AccountingSandbox extends SandboxServer {
  readonly name = 'accounting';
  // Xero counts per organisation, so the limit is applied once the tenant is known (see `api`).
  readonly limiter = null;
  readonly tenantLimiter: TenantLimiter;
  readonly store: AccountingStore;
  readonly idempotency = new IdempotencyCache();
  private readonly token: string;
  readonly tenant: { id: string; name: string };
  private readonly connectionId = randomUUID();

  constructor(opts: AccountingOptions) {
    super(opts);
    this.store = new AccountingStore(opts.seed, {
      contacts: opts.sizes?.contacts ?? 200,
      invoices: opts.sizes?.invoices ?? 300,
      items: opts.sizes?.items ?? 10,
    });
    this.tenantLimiter = new TenantLimiter({ ...XERO_LIMITS, ...opts.limits });
    this.tenantLimiter.enabled = this.initialRateLimits;
    this.token = opts.accessToken;
    this.tenant = { id: opts.tenantId, name: opts.tenantName };
  }

  protected authenticate(req: SandboxRequest): SandboxReply | null {
    if (bearer(header(req, 'authorization')) !== this.token)
      return problem(401, 'Unauthorized', 'AuthenticationUnsuccessful');
    if (req.path === '/connections') return null;
    const tenant = header(req, 'xero-tenant-id');
    if (!tenant || tenant.toLowerCase() !== this.tenant.id.toLowerCase())
      return problem(403, 'Forbidden', 'AuthorizationUnsuccessful');
    return null;
  }

  protected refusal(kind: RefusalKind, message: string): SandboxReply {
    switch (kind) {
      case 'rate_limited':
        return { status: 429, raw: '', headers: { 'X-Rate-Limit-Problem': 'minute' } };
      case 'not_found':
        return { status: 404, raw: NOT_FOUND_TEXT };
      case 'method_not_allowed':
        return { status: 405, raw: message };
      case 'bad_request':
        return xeroError('PostDataInvalidException', message, undefined, 14);
      case 'unavailable':
        return { status: 503, raw: 'The Xero API is temporarily unavailable.' };
      default:
        return json(500, { ErrorNumber: 500, Type: 'UnknownErrorException', Message: message });
    }
  }

  protected override decorate(_req: SandboxRequest, reply: SandboxReply): void {
    reply.headers = { ...reply.headers, 'Xero-Correlation-Id': randomUUID() };
  }

  protected override logKey(req: SandboxRequest): string | undefined {
    return header(req, 'idempotency-key');
  }

  storeStats(): Record<string, unknown> {
    return { ...this.store.stats(), idempotentReplays: this.idempotency.replays };
  }

  resetStore(opts: { seed?: number; sizes?: Record<string, number> }): void {
    this.store.reset(opts.seed ?? this.seed, (opts.sizes ?? {}) as Partial<AccountingSizes>);
    this.idempotency.clear();
    this.tenantLimiter.reset();
  }

  protected override controlRoutes(): Route[] {
    return [
      route('POST', '/__sandbox/tenant-limits', (r) => {
        const b = (parseJsonBody(r) ?? {}) as { enabled?: boolean; reset?: boolean };
        if (b.enabled !== undefined) this.tenantLimiter.enabled = Boolean(b.enabled);
        if (b.reset) this.tenantLimiter.reset();
        return json(200, this.tenantLimiter.describe());
      }),
    ];
  }

  protected apiRoutes(): Route[] {
    const t = this.store.tables;
    const api = (method: string, path: string, h: Handler) => route(method, `${XERO_API}${path}`, this.limited(h));
    return [
      route('GET', '/connections', () => json(200, [this.connection()])),
      api('GET', '/Contacts', (r) => this.list(r, 'Contacts', { archivable: true })),
      api('GET', '/Contacts/:id', (r) => this.one(r, 'Contacts', (x) => findContact(t.Contacts, x))),
      api('PUT', '/Contacts', (r) => this.write(r, 'Contacts', 'create')),
      api('POST', '/Contacts', (r) => this.write(r, 'Contacts', 'upsert')),
      api('POST', '/Contacts/:id', (r) => this.write(r, 'Contacts', 'update')),
      api('GET', '/Invoices', (r) => this.list(r, 'Invoices', {})),
      api('GET', '/Invoices/:id', (r) => this.one(r, 'Invoices', (x) => findInvoice(t.Invoices, x))),
      api('PUT', '/Invoices', (r) => this.write(r, 'Invoices', 'create')),
      api('POST', '/Invoices', (r) => this.write(r, 'Invoices', 'upsert')),
      api('POST', '/Invoices/:id', (r) => this.write(r, 'Invoices', 'update')),
      // Xero's items list is not paged: one answer holds every item.
      api('GET', '/Items', (r) => this.list(r, 'Items', { unpaged: true })),
      api('GET', '/Items/:id', (r) =>
        this.one(r, 'Items', (x) => t.Items.get(x) ?? t.Items.rows.find((i) => i.Code === x)),
      ),
      api('PUT', '/Items', (r) => this.write(r, 'Items', 'create')),
      api('POST', '/Items', (r) => this.write(r, 'Items', 'upsert')),
      api('POST', '/Items/:id', (r) => this.write(r, 'Items', 'update')),
      api('DELETE', '/Items/:id', (r) => {
        if (!t.Items.remove(r.params.id!)) return { status: 404, raw: NOT_FOUND_TEXT };
        return { status: 204 };
      }),
      api('GET', '/Payments', (r) => this.list(r, 'Payments', {})),
      api('GET', '/Payments/:id', (r) => this.one(r, 'Payments', (x) => t.Payments.get(x))),
      api('PUT', '/Payments', (r) => this.write(r, 'Payments', 'create')),
    ];
  }

  private connection(): XeroRecord {
    const at = new Date(Date.UTC(2024, 0, 1)).toISOString();
    return {
      id: this.connectionId,
      authEventId: this.connectionId,
      tenantId: this.tenant.id,
      tenantType: 'ORGANISATION',
      tenantName: this.tenant.name,
      createdDateUtc: at,
      updatedDateUtc: at,
    };
  }

  /** The per-organisation limits, then the handler; every answer says what is left of each window. */
  private limited(h: Handler): Handler {
    return async (req) => {
      const d = this.tenantLimiter.take(this.tenant.id, Date.now());
      if (!d.ok) {
        this.rateLimited++;
        return {
          status: 429,
          raw: '',
          headers: { ...d.headers, 'Retry-After': String(d.retryAfterS), 'X-Rate-Limit-Problem': d.problem },
        };
      }
      const reply = await h(req);
      reply.headers = { ...d.headers, ...reply.headers };
      return reply;
    };
  }

  private envelope(key: TableName, rows: XeroRecord[], extra: XeroRecord = {}): SandboxReply {
    return json(200, {
      Id: randomUUID(),
      Status: 'OK',
      ProviderName: 'Patchbay sandbox',
      DateTimeUTC: formatJsonDate(Date.now()),
      ...extra,
      [key]: rows,
    });
  }

  private list(req: SandboxRequest, key: TableName, o: { archivable?: boolean; unpaged?: boolean }): SandboxReply {
    let rows = this.store.tables[key].rows;
    const since = header(req, 'if-modified-since');
    if (since) {
      const t = Date.parse(since);
      if (Number.isNaN(t))
        throw new ReplyError(xeroError('ValidationException', `If-Modified-Since "${since}" is not a date`));
      rows = rows.filter((r) => (parseJsonDate(String(r.UpdatedDateUTC)) ?? 0) > t);
    }
    if (o.archivable && req.query.get('includeArchived') !== 'true')
      rows = rows.filter((r) => r.ContactStatus !== 'ARCHIVED');
    const where = req.query.get('where');
    if (where) {
      let test: (r: XeroRecord) => boolean;
      try {
        test = compileWhere(where);
      } catch (e) {
        throw new ReplyError(xeroError('QueryParseException', (e as Error).message, undefined, 16));
      }
      rows = rows.filter(test);
    }
    const ids = req.query.get('IDs');
    if (ids) {
      const wanted = new Set(ids.split(',').map((s) => s.trim().toLowerCase()));
      rows = rows.filter((r) => wanted.has(String(r[ID_FIELD[key]]).toLowerCase()));
    }
    rows = order(rows, req.query.get('order'));
    const pageParam = req.query.get('page');
    if (o.unpaged || pageParam === null) return this.envelope(key, rows);
    const page = Math.max(1, Number.parseInt(pageParam, 10) || 1);
    const size = Math.min(
      MAX_PAGE_SIZE,
      Math.max(1, Number.parseInt(req.query.get('pageSize') ?? '', 10) || DEFAULT_PAGE_SIZE),
    );
    const slice = rows.slice((page - 1) * size, page * size);
    return this.envelope(key, slice, {
      pagination: { page, pageSize: size, pageCount: Math.ceil(rows.length / size), itemCount: rows.length },
    });
  }

  private one(req: SandboxRequest, key: TableName, find: (id: string) => XeroRecord | undefined): SandboxReply {
    const r = find(req.params.id!);
    return r ? this.envelope(key, [r]) : { status: 404, raw: NOT_FOUND_TEXT };
  }

  /** Create (PUT), update (POST /{id}) or update-or-create (POST): always a list in, a list out. */
  private write(req: SandboxRequest, key: TableName, mode: 'create' | 'update' | 'upsert'): SandboxReply {
    const idemKey = header(req, 'idempotency-key');
    const fingerprint = IdempotencyCache.fingerprint(req.method, req.path, req.body);
    if (idemKey) {
      const hit = this.idempotency.lookup(idemKey, fingerprint);
      if (hit.kind === 'replay') return hit.reply;
      if (hit.kind === 'conflict')
        return xeroError('ValidationException', 'The Idempotency-Key was already used for a different request');
    }
    const reply = this.applyWrite(req, key, mode);
    if (idemKey) this.idempotency.save(idemKey, fingerprint, reply);
    return reply;
  }

  private applyWrite(req: SandboxRequest, key: TableName, mode: 'create' | 'update' | 'upsert'): SandboxReply {
    const body = parseJsonBody(req) as XeroRecord | undefined;
    const list = body && Array.isArray(body[key]) ? (body[key] as XeroRecord[]) : body && !body[key] ? [body] : null;
    if (!list || !list.length || list.some((x) => !x || typeof x !== 'object'))
      return xeroError('PostDataInvalidException', `The request body must hold a list of ${key}`, undefined, 14);
    const table = this.store.tables[key];
    const idField = ID_FIELD[key];
    const plans = list.map((input) => {
      let existing: XeroRecord | undefined;
      if (mode === 'update') existing = table.get(req.params.id!);
      else if (mode === 'upsert')
        existing =
          typeof input[idField] === 'string'
            ? table.get(input[idField])
            : key === 'Contacts'
              ? activeByName(table, input.Name)
              : undefined;
      return { input, existing, errors: mode === 'update' && !existing ? null : this.check(key)(input, existing) };
    });
    if (plans.some((p) => p.errors === null)) return { status: 404, raw: NOT_FOUND_TEXT };
    const summarize = req.query.get('summarizeErrors') !== 'false';
    if (summarize && plans.some((p) => p.errors!.length))
      return validationFailed(
        plans
          .filter((p) => p.errors!.length)
          .map((p) => ({ ...p.input, ValidationErrors: p.errors!.map((Message) => ({ Message })) })),
      );
    const out = plans.map((p) => {
      if (p.errors!.length)
        return { ...p.input, HasValidationErrors: true, ValidationErrors: p.errors!.map((Message) => ({ Message })) };
      return p.existing
        ? this.apply(key, p.existing, p.input)
        : table.add(this.apply(key, { [idField]: randomUUID() }, p.input, true));
    });
    return this.envelope(key, out);
  }

  private check(key: TableName): Check {
    const t = this.store.tables;
    switch (key) {
      case 'Contacts':
        return (c, existing) => {
          const errors: string[] = [];
          const name = typeof c.Name === 'string' ? c.Name.trim() : existing?.Name;
          if (!name) errors.push('A contact name must be specified.');
          else {
            const other = activeByName(t.Contacts, name);
            if (other && other !== existing)
              errors.push(
                `The contact name ${String(name)} is already assigned to another contact. The contact name must be unique across all active contacts.`,
              );
          }
          if (
            typeof c.EmailAddress === 'string' &&
            c.EmailAddress &&
            !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.EmailAddress)
          )
            errors.push('Email address must be valid.');
          return errors;
        };
      case 'Invoices':
        return (inv, existing) => {
          const errors: string[] = [];
          if (existing && (existing.Status === 'PAID' || Number(existing.AmountPaid) > 0))
            return ['This document cannot be edited as it has a payment or credit note allocated to it.'];
          const type = inv.Type ?? existing?.Type;
          if (type !== 'ACCREC' && type !== 'ACCPAY') errors.push('Invoice Type must be specified (ACCREC or ACCPAY).');
          if (!existing || inv.Contact !== undefined) {
            const c = inv.Contact as XeroRecord | undefined;
            if (!c || (!c.ContactID && !c.Name && !c.ContactNumber))
              errors.push(
                'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber',
              );
            else if (
              !findContact(t.Contacts, String(c.ContactID ?? c.ContactNumber ?? '')) &&
              !activeByName(t.Contacts, c.Name)
            )
              errors.push('The contact could not be found.');
          }
          for (const f of ['Date', 'DueDate'] as const)
            if (inv[f] !== undefined && writeDate(inv[f]) === undefined)
              errors.push(`${f} "${String(inv[f])}" is not a date.`);
          return errors;
        };
      case 'Items':
        return (item, existing) => {
          const code = (item.Code ?? existing?.Code) as string | undefined;
          if (!code) return ['Item code must be specified.'];
          const other = t.Items.rows.find((i) => String(i.Code).toLowerCase() === code.toLowerCase());
          return other && other !== existing ? [`Item code '${code}' already exists.`] : [];
        };
      default:
        return (p) => {
          const invoiceId = String(getPathValue(p, 'Invoice.InvoiceID') ?? '');
          const invoice =
            t.Invoices.get(invoiceId) ??
            findInvoice(t.Invoices, String(getPathValue(p, 'Invoice.InvoiceNumber') ?? ''));
          if (!invoice) return ['Invoice could not be found.'];
          const account = p.Account as XeroRecord | undefined;
          if (!account || (account.AccountID !== BANK_ACCOUNT.AccountID && account.Code !== BANK_ACCOUNT.Code))
            return ['Account could not be found.'];
          if (invoice.Status !== 'AUTHORISED') return ['Payments can only be made against Authorised documents.'];
          const amount = Number(p.Amount);
          if (!(amount > 0)) return ['Payment amount must be greater than zero.'];
          if (amount > Number(invoice.AmountDue))
            return ['Payment amount exceeds the amount outstanding on this document.'];
          return [];
        };
    }
  }

  /** The record after a write: given fields over the stored ones, with what Xero computes itself. */
  private apply(key: TableName, base: XeroRecord, input: XeroRecord, created = false): XeroRecord {
    const idField = ID_FIELD[key];
    const { [idField]: _id, UpdatedDateUTC: _u, ValidationErrors: _v, ...fields } = input;
    const r = base;
    Object.assign(r, fields);
    const now = writeClock();
    r.UpdatedDateUTC = formatJsonDate(now);
    if (key === 'Contacts') {
      if (created)
        Object.assign(
          r,
          {
            ContactStatus: 'ACTIVE',
            IsSupplier: false,
            IsCustomer: false,
            HasAttachments: false,
            HasValidationErrors: false,
          },
          fields,
        );
      if (typeof r.Name === 'string') r.Name = r.Name.trim();
    }
    if (key === 'Invoices') {
      const c = input.Contact as XeroRecord | undefined;
      if (c) {
        const contact =
          findContact(this.store.tables.Contacts, String(c.ContactID ?? c.ContactNumber ?? '')) ??
          activeByName(this.store.tables.Contacts, c.Name)!;
        r.Contact = { ContactID: contact.ContactID, Name: contact.Name };
      }
      for (const f of ['Date', 'DueDate'] as const)
        if (input[f] !== undefined) r[f] = formatJsonDate(writeDate(input[f])!);
      if (created) {
        r.Date ??= formatJsonDate(Math.floor(now / 86_400_000) * 86_400_000);
        r.Status ??= 'DRAFT';
        r.LineAmountTypes ??= 'Exclusive';
        r.CurrencyCode ??=
          (findContact(this.store.tables.Contacts, String(getPathValue(r, 'Contact.ContactID'))) ?? {})
            .DefaultCurrency ?? 'EUR';
        if (r.Type === 'ACCREC' && !r.InvoiceNumber)
          r.InvoiceNumber = `INV-${String(this.store.tables.Invoices.size + 1).padStart(5, '0')}`;
        r.HasAttachments = false;
      }
      if (created || input.LineItems !== undefined) {
        const lines = (Array.isArray(r.LineItems) ? (r.LineItems as XeroRecord[]) : []).map((l) => ({
          LineItemID: randomUUID(),
          ...l,
        }));
        const { LineItems, totals } = priceLines(lines);
        Object.assign(r, { LineItems, ...totals, AmountDue: totals.Total, AmountPaid: 0 });
      }
    }
    if (key === 'Items' && created) Object.assign(r, { IsSold: r.IsSold ?? true, IsPurchased: r.IsPurchased ?? false });
    if (key === 'Payments') {
      const invoice =
        this.store.tables.Invoices.get(String(getPathValue(input, 'Invoice.InvoiceID') ?? '')) ??
        findInvoice(this.store.tables.Invoices, String(getPathValue(input, 'Invoice.InvoiceNumber') ?? ''))!;
      const amount = Number(input.Amount);
      const due = Math.round((Number(invoice.AmountDue) - amount) * 100) / 100;
      Object.assign(invoice, {
        AmountDue: due,
        AmountPaid: Math.round((Number(invoice.AmountPaid) + amount) * 100) / 100,
        UpdatedDateUTC: formatJsonDate(now),
      });
      if (due === 0) invoice.Status = 'PAID';
      Object.assign(r, {
        Date: formatJsonDate(input.Date !== undefined ? (writeDate(input.Date) ?? now) : now),
        Amount: amount,
        Status: 'AUTHORISED',
        PaymentType: 'ACCRECPAYMENT',
        Invoice: { InvoiceID: invoice.InvoiceID, InvoiceNumber: invoice.InvoiceNumber, Contact: invoice.Contact },
        Account: BANK_ACCOUNT,
      });
    }
    return r;
  }
}

function findContact(table: Table, idOrNumber: string): XeroRecord | undefined {
  return table.get(idOrNumber) ?? table.rows.find((c) => c.ContactNumber === idOrNumber);
}

function findInvoice(table: Table, idOrNumber: string): XeroRecord | undefined {
  return table.get(idOrNumber) ?? table.rows.find((i) => i.InvoiceNumber === idOrNumber);
}

function activeByName(table: Table, name: unknown): XeroRecord | undefined {
  if (typeof name !== 'string' || !name.trim()) return undefined;
  const n = name.trim().toLowerCase();
  return table.rows.find((c) => c.ContactStatus !== 'ARCHIVED' && String(c.Name).toLowerCase() === n);
}

/** A date as Xero takes it in writes: ISO (`2024-03-01`, `2024-03-01T10:00:00`) or `/Date(…)/`; ms UTC. */
function writeDate(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const json = parseJsonDate(v);
  if (json !== undefined) return json;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(v);
  if (!m) return undefined;
  const t = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  return Number.isNaN(t) ? undefined : t;
}

/** `order=Name DESC` on a top-level field; other orders keep Xero's default (creation order). */
function order(rows: XeroRecord[], spec: string | null): XeroRecord[] {
  const m = spec ? /^\s*([A-Za-z]\w*)(?:\s+(ASC|DESC))?\s*$/i.exec(spec) : null;
  if (!m) return rows;
  const [, field, dir] = m;
  const sign = dir?.toUpperCase() === 'DESC' ? -1 : 1;
  const val = (r: XeroRecord) => {
    const v = r[field!];
    return typeof v === 'string' ? (parseJsonDate(v) ?? v.toLowerCase()) : (v as number);
  };
  return [...rows].sort((a, b) => (val(a) < val(b) ? -sign : val(a) > val(b) ? sign : 0));
}
