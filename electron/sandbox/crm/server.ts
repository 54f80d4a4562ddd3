import { type BaseOptions, type RefusalKind, SandboxServer } from '../common/http-server';
import { baseUrl, bearer, correlationId } from '../common/ids';
import { takePage } from '../common/lazy-table';
import { SlidingWindowLimiter } from '../common/rate-limit';
import {
  header,
  json,
  parseJsonBody,
  route,
  type Route,
  type SandboxReply,
  type SandboxRequest,
} from '../common/router';
import { indexOf, present, SCHEMAS, type CrmObject, type CrmSchema, type CrmType } from './records';
import { propertyList } from './properties';
import { checkFilters, matches, searchRows, uniqueValues, type SearchBody } from './search';
import { CrmStore, type CrmSizes, type PropertyProblem } from './store';

export interface CrmOptions extends BaseOptions {
  token: string;
  sizes?: Partial<CrmSizes>;
  /** HubSpot private apps on Free/Starter: 100 requests per 10 s; Professional: 190. */
  limit?: { max: number; windowMs: number };
  dailyLimit?: number;
  /** Results one search may page through (HubSpot: 10,000); tests lower it to see the windowing. */
  searchResultCap?: number;
}

const BATCH_MAX = 100;

/** Error body exactly as HubSpot CRM v3 sends it. */
export function hubspotError(
  status: number,
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
): SandboxReply {
  return json(status, { status: 'error', message, correlationId: correlationId(), category, ...extra });
}

/**
 * CRM modelled on HubSpot CRM v3 objects API (contacts, companies): list with `after` cursor,
 * get (also by idProperty=email), create, PATCH, archive, batch read/create/update/upsert/archive,
 * and search with filterGroups. Bearer private-app token.
 */
export class CrmSandbox extends SandboxServer {
  readonly name = 'crm';
  readonly limiter: SlidingWindowLimiter;
  readonly store: CrmStore;
  private daily = 0;
  private readonly dailyLimit: number;
  private totals = new Map<string, number>();
  private tokens: Set<string>;
  private readonly renamed: Record<CrmType, Map<string, string>> = { contacts: new Map(), companies: new Map() };

  /** Results one search may page through (HubSpot: 10,000). */
  searchResultCap: number;

  constructor(private opts: CrmOptions) {
    super(opts);
    this.searchResultCap = opts.searchResultCap ?? 10_000;
    this.store = new CrmStore(opts.seed, {
      contacts: opts.sizes?.contacts ?? 1000,
      companies: opts.sizes?.companies ?? 200,
    });
    this.dailyLimit = opts.dailyLimit ?? 250_000;
    this.tokens = new Set([opts.token]);
    const l = opts.limit ?? { max: 100, windowMs: 10_000 };
    this.limiter = new SlidingWindowLimiter(l.max, l.windowMs, (max, remaining, windowMs) => ({
      'X-HubSpot-RateLimit-Daily': String(this.dailyLimit),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, this.dailyLimit - this.daily)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(windowMs),
      'X-HubSpot-RateLimit-Max': String(max),
      'X-HubSpot-RateLimit-Remaining': String(remaining),
    }));
  }

  /** Also accept tokens minted elsewhere (e.g. an OAuth sandbox). */
  allowToken(token: string): void {
    this.tokens.add(token);
  }

  protected authenticate(req: SandboxRequest): SandboxReply | null {
    const token = bearer(header(req, 'authorization'));
    if (!token)
      return hubspotError(
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      );
    if (!this.tokens.has(token))
      return hubspotError(401, 'INVALID_AUTHENTICATION', 'The access token provided is invalid or has been revoked.');
    this.daily++;
    return null;
  }

  protected refusal(kind: RefusalKind, message: string): SandboxReply {
    switch (kind) {
      case 'rate_limited':
        return json(429, {
          status: 'error',
          message: 'You have reached your ten_secondly_rolling limit.',
          errorType: 'RATE_LIMIT',
          correlationId: correlationId(),
          policyName: 'TEN_SECONDLY_ROLLING',
          category: 'RATE_LIMITS',
        });
      case 'not_found':
        return hubspotError(404, 'OBJECT_NOT_FOUND', message);
      case 'method_not_allowed':
        return hubspotError(405, 'VALIDATION_ERROR', message);
      case 'bad_request':
        return hubspotError(400, 'VALIDATION_ERROR', `Invalid input JSON: ${message}`);
      case 'unavailable':
        return hubspotError(503, 'SERVICE_UNAVAILABLE', message);
      default:
        return hubspotError(500, 'INTERNAL_ERROR', message);
    }
  }

  storeStats(): Record<string, unknown> {
    const s = this.store;
    return {
      seed: this.seed,
      contacts: {
        size: s.tables.contacts.size,
        count: s.count('contacts'),
        archived: s.count('contacts', true),
        created: s.tables.contacts.created,
        updated: s.tables.contacts.updated,
      },
      companies: {
        size: s.tables.companies.size,
        count: s.count('companies'),
        archived: s.count('companies', true),
        created: s.tables.companies.created,
        updated: s.tables.companies.updated,
      },
      dailyUsed: this.daily,
    };
  }

  resetStore(opts: { seed?: number; sizes?: Record<string, number> }): void {
    this.store.reset(opts.seed ?? this.seed, opts.sizes as Partial<CrmSizes>);
    this.totals.clear();
    this.daily = 0;
  }

  protected override controlRoutes(): Route[] {
    return [
      route('GET', '/__sandbox/records/:type', (r) => {
        const type = this.type(r);
        const offset = Number(r.query.get('offset') ?? 0);
        const limit = Number(r.query.get('limit') ?? 10_000);
        const all = [...this.store.tables[type].written()]
          .slice(offset, offset + limit)
          .map((x) => this.show(x.rec, Object.keys(x.rec.properties), SCHEMAS[type]));
        return json(200, { type, written: this.store.tables[type].writtenCount, records: all });
      }),
      route('GET', '/__sandbox/duplicates/:type', (r) =>
        json(200, { duplicates: this.store.duplicates(this.type(r)) }),
      ),
    ];
  }

  protected override logKey(req: SandboxRequest): string | undefined {
    return req.path.includes('/batch/') ? req.path.split('/').pop() : undefined;
  }

  /**
   * Renames a property the way an admin does in the CRM's settings: from now on the properties API
   * and every record read show the new name (writes still take the old one). Schema-drift tests use it.
   * Renaming back to the original name undoes it.
   */
  renameProperty(type: CrmType, from: string, to: string): void {
    const original = [...this.renamed[type]].find(([, now]) => now === from)?.[0] ?? from;
    if (original === to) this.renamed[type].delete(original);
    else this.renamed[type].set(original, to);
  }

  private show(o: CrmObject, props: string[] | null, schema: CrmSchema): Record<string, unknown> {
    const renames = this.renamed[schema === SCHEMAS.companies ? 'companies' : 'contacts'];
    if (renames.size === 0) return present(o, props, schema);
    const back = new Map([...renames].map(([a, b]) => [b, a]));
    const asked = props?.filter((p) => !renames.has(p)).map((p) => back.get(p) ?? p) ?? null;
    const out = present(o, asked, schema);
    const properties = out.properties as Record<string, unknown>;
    for (const [from, to] of renames) {
      if (!(from in properties)) continue;
      properties[to] = properties[from];
      delete properties[from];
    }
    return out;
  }

  private type(req: SandboxRequest): CrmType {
    const t = req.params.type;
    if (t !== 'contacts' && t !== 'companies') throw new Error(`Unknown object type ${t}; use contacts or companies.`);
    return t;
  }

  protected apiRoutes(): Route[] {
    const base = '/crm/v3/objects/:type';
    return [
      route('GET', base, (r) => this.list(r)),
      route('POST', base, (r) => this.createOne(r)),
      route('POST', `${base}/search`, (r) => this.search(r)),
      route('POST', `${base}/batch/read`, (r) => this.batchRead(r)),
      route('POST', `${base}/batch/create`, (r) => this.batchCreate(r)),
      route('POST', `${base}/batch/update`, (r) => this.batchUpdate(r)),
      route('POST', `${base}/batch/upsert`, (r) => this.batchUpsert(r)),
      route('POST', `${base}/batch/archive`, (r) => this.batchArchive(r)),
      route('GET', `${base}/:id`, (r) => this.getOne(r)),
      route('PATCH', `${base}/:id`, (r) => this.patchOne(r)),
      route('DELETE', `${base}/:id`, (r) => this.archiveOne(r)),
      route('GET', '/crm/v3/properties/:type', (r) =>
        json(200, propertyList(this.type(r), this.renamed[this.type(r)])),
      ),
    ].map((x) => ({ ...x, handler: this.guardType(x.handler) }));
  }

  private guardType(h: Route['handler']): Route['handler'] {
    return (r) => {
      const t = r.params.type;
      if (t !== 'contacts' && t !== 'companies')
        return hubspotError(404, 'OBJECT_NOT_FOUND', `Unable to infer object type from: ${t}`);
      return h(r);
    };
  }

  private props(req: SandboxRequest): string[] | null {
    const all = req.query
      .getAll('properties')
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter(Boolean);
    return all.length ? all : null;
  }

  private list(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const limit = Number(req.query.get('limit') ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      return hubspotError(400, 'VALIDATION_ERROR', `limit must be between 1 and 100, got ${req.query.get('limit')}`);
    const archived = req.query.get('archived') === 'true';
    const after = req.query.get('after') ?? undefined;
    const t = this.store.tables[type];
    const schema = SCHEMAS[type];
    // HubSpot lists have no "changed since" parameter: that is the search endpoint's job.
    const start = after ? Number(after) : 0;
    if (!Number.isInteger(start) || start < 0)
      return hubspotError(400, 'VALIDATION_ERROR', `after is not a valid cursor: ${after}`);
    const iter = (function* () {
      for (const r of t.byIndex(start))
        if (r.rec.archived === archived) yield { rec: r.rec, after: String(r.index + 1) };
    })();
    const page = takePage(iter, limit);
    const props = this.props(req);
    const out: Record<string, unknown> = { results: page.items.map((x) => this.show(x.rec, props, schema)) };
    if (page.more) {
      const next = page.items[page.items.length - 1]!.after;
      const q = new URLSearchParams(req.query);
      q.set('after', next);
      out.paging = { next: { after: next, link: `${baseUrl(req.headers)}${req.path}?${q}` } };
    }
    return json(200, out);
  }

  private findIndex(type: CrmType, id: string, idProperty: string | null): number {
    if (idProperty && idProperty !== 'hs_object_id') {
      if (idProperty !== SCHEMAS[type].uniqueProp) return -2;
      return this.store.findUnique(type, id)[0] ?? -1;
    }
    const i = indexOf(id);
    return this.store.tables[type].get(i) ? i : -1;
  }

  private notFound(id: string): SandboxReply {
    return hubspotError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', {
      context: { id: [id] },
    });
  }

  private getOne(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const i = this.findIndex(type, req.params.id!, req.query.get('idProperty'));
    if (i === -2)
      return hubspotError(400, 'VALIDATION_ERROR', `${req.query.get('idProperty')} is not a unique property`);
    const o = this.store.tables[type].get(i);
    const archived = req.query.get('archived') === 'true';
    if (!o || o.archived !== archived) return this.notFound(req.params.id!);
    return json(200, this.show(o, this.props(req), SCHEMAS[type]));
  }

  private invalid(problems: PropertyProblem[]): SandboxReply {
    const detail = problems.map((p) => ({ isValid: false, message: p.message, error: p.error, name: p.name }));
    return hubspotError(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(detail)}`, {
      errors: problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })),
    });
  }

  private conflict(existing: number): SandboxReply {
    return hubspotError(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing + 1}`);
  }

  private bodyOf(req: SandboxRequest): Record<string, unknown> {
    const b = parseJsonBody(req);
    if (!b || typeof b !== 'object') throw new SyntaxError('body must be a JSON object');
    return b as Record<string, unknown>;
  }

  private propsOf(x: unknown): Record<string, unknown> {
    const p = (x as { properties?: unknown })?.properties;
    return p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
  }

  private createOne(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const props = this.propsOf(this.bodyOf(req));
    const problems = this.store.validate(type, props);
    if (problems.length) return this.invalid(problems);
    if (type === 'contacts' && props.email) {
      const dup = this.store.findUnique(type, String(props.email));
      if (dup.length) return this.conflict(dup[0]!);
    }
    return json(
      201,
      this.show(this.store.create(type, props), Object.keys(props).concat(SCHEMAS[type].defaults), SCHEMAS[type]),
    );
  }

  private patchOne(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const i = this.findIndex(type, req.params.id!, req.query.get('idProperty'));
    const o = this.store.tables[type].get(i);
    if (!o || o.archived) return this.notFound(req.params.id!);
    const props = this.propsOf(this.bodyOf(req));
    const problems = this.store.validate(type, props);
    if (problems.length) return this.invalid(problems);
    if (type === 'contacts' && props.email) {
      const dup = this.store.findUnique(type, String(props.email)).filter((x) => x !== i);
      if (dup.length) return this.conflict(dup[0]!);
    }
    return json(
      200,
      this.show(this.store.update(type, i, props), Object.keys(props).concat(SCHEMAS[type].defaults), SCHEMAS[type]),
    );
  }

  private archiveOne(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const i = this.findIndex(type, req.params.id!, null);
    const o = this.store.tables[type].get(i);
    // HubSpot answers 204 even for an id that does not exist.
    if (o && !o.archived) this.store.archive(type, i);
    return { status: 204 };
  }

  private inputs(req: SandboxRequest): unknown[] | SandboxReply {
    const b = this.bodyOf(req);
    const inputs = b.inputs;
    if (!Array.isArray(inputs)) return hubspotError(400, 'VALIDATION_ERROR', 'inputs is required and must be an array');
    if (inputs.length > BATCH_MAX)
      return hubspotError(
        400,
        'VALIDATION_ERROR',
        `Batch input size ${inputs.length} exceeds the limit of ${BATCH_MAX}`,
      );
    return inputs;
  }

  private batchResult(status: number, results: unknown[], errors: unknown[] = []): SandboxReply {
    const now = new Date().toISOString();
    const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt: now, completedAt: now };
    if (errors.length) Object.assign(body, { numErrors: errors.length, errors });
    return json(errors.length ? 207 : status, body);
  }

  private batchRead(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const inputs = this.inputs(req);
    if (!Array.isArray(inputs)) return inputs;
    const b = this.bodyOf(req);
    const idProperty = typeof b.idProperty === 'string' ? b.idProperty : null;
    const props = Array.isArray(b.properties) && b.properties.length ? (b.properties as string[]) : null;
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const x of inputs) {
      const id = String((x as { id?: unknown }).id ?? '');
      const o = this.store.tables[type].get(this.findIndex(type, id, idProperty));
      if (o && !o.archived) results.push(this.show(o, props, SCHEMAS[type]));
      else missing.push(id);
    }
    const errors = missing.length
      ? [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message: `Could not get some ${type} objects, they may be deleted or not exist. Check that ids are valid.`,
            context: { ids: missing },
          },
        ]
      : [];
    return this.batchResult(200, results, errors);
  }

  private batchCreate(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const inputs = this.inputs(req);
    if (!Array.isArray(inputs)) return inputs;
    const all = inputs.map((x) => this.propsOf(x));
    // HubSpot validates the whole batch first: one bad input fails the batch, nothing is created.
    for (const props of all) {
      const problems = this.store.validate(type, props);
      if (problems.length) return this.invalid(problems);
    }
    if (type === 'contacts') {
      const seen = new Set<string>();
      for (const props of all) {
        if (!props.email) continue;
        const e = String(props.email).toLowerCase();
        const dup = this.store.findUnique(type, e);
        if (dup.length) return this.conflict(dup[0]!);
        if (seen.has(e)) return hubspotError(400, 'VALIDATION_ERROR', `Duplicate email in batch: ${e}`);
        seen.add(e);
      }
    }
    const results = all.map((props) =>
      this.show(this.store.create(type, props), Object.keys(props).concat(SCHEMAS[type].defaults), SCHEMAS[type]),
    );
    return this.batchResult(201, results);
  }

  private batchUpdate(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const inputs = this.inputs(req);
    if (!Array.isArray(inputs)) return inputs;
    const b = this.bodyOf(req);
    const idProperty = typeof b.idProperty === 'string' ? b.idProperty : null;
    for (const x of inputs) {
      const problems = this.store.validate(type, this.propsOf(x));
      if (problems.length) return this.invalid(problems);
    }
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const x of inputs) {
      const id = String((x as { id?: unknown }).id ?? '');
      const i = this.findIndex(type, id, (x as { idProperty?: string }).idProperty ?? idProperty);
      const o = this.store.tables[type].get(i);
      if (!o || o.archived) {
        missing.push(id);
        continue;
      }
      const props = this.propsOf(x);
      results.push(
        this.show(this.store.update(type, i, props), Object.keys(props).concat(SCHEMAS[type].defaults), SCHEMAS[type]),
      );
    }
    const errors = missing.length
      ? [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Object not found.', context: { ids: missing } }]
      : [];
    return this.batchResult(200, results, errors);
  }

  private batchUpsert(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const inputs = this.inputs(req);
    if (!Array.isArray(inputs)) return inputs;
    const unique = SCHEMAS[type].uniqueProp;
    for (const x of inputs) {
      const idProperty = (x as { idProperty?: string }).idProperty;
      if (idProperty !== unique)
        return hubspotError(
          400,
          'VALIDATION_ERROR',
          `idProperty must be "${unique}" (a unique property) for ${type}; got ${String(idProperty)}`,
        );
      if (!(x as { id?: unknown }).id)
        return hubspotError(400, 'VALIDATION_ERROR', 'Each input needs an id (the value of idProperty)');
      const problems = this.store.validate(type, this.propsOf(x));
      if (problems.length) return this.invalid(problems);
    }
    const results = inputs.map((x) => {
      const id = String((x as { id: unknown }).id);
      const props = { ...this.propsOf(x), [unique]: this.propsOf(x)[unique] ?? id };
      const existing = this.store.findUnique(type, id)[0];
      const fields = Object.keys(props).concat(SCHEMAS[type].defaults);
      if (existing === undefined)
        return { ...present(this.store.create(type, props), fields, SCHEMAS[type]), new: true };
      return { ...present(this.store.update(type, existing, props), fields, SCHEMAS[type]), new: false };
    });
    return this.batchResult(200, results);
  }

  private batchArchive(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const inputs = this.inputs(req);
    if (!Array.isArray(inputs)) return inputs;
    for (const x of inputs) {
      const i = indexOf(String((x as { id?: unknown }).id ?? ''));
      const o = this.store.tables[type].get(i);
      if (o && !o.archived) this.store.archive(type, i);
    }
    return { status: 204 };
  }

  private search(req: SandboxRequest): SandboxReply {
    const type = this.type(req);
    const body = this.bodyOf(req) as SearchBody;
    const problem = checkFilters(body);
    if (problem) return hubspotError(400, 'VALIDATION_ERROR', problem);
    const limit = body.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      return hubspotError(400, 'VALIDATION_ERROR', 'limit must be between 1 and 200');
    const schema = SCHEMAS[type];
    const t = this.store.tables[type];
    // Cursors carry the position in the result list (`<served>-<where>`): HubSpot refuses to page a
    // search past 10,000 results, and so does the sandbox. "0" (or nothing) is the first page.
    const rawAfter = body.after === undefined || body.after === null ? '' : String(body.after);
    const m = /^(\d+)-(.+)$/.exec(rawAfter);
    if (rawAfter && rawAfter !== '0' && !m)
      return hubspotError(400, 'VALIDATION_ERROR', `after is not a valid cursor: ${rawAfter}`);
    const served = m ? Number(m[1]) : 0;
    const after = m ? m[2] : undefined;
    const cap = this.searchResultCap;
    if (served >= cap)
      return hubspotError(
        400,
        'VALIDATION_ERROR',
        `Paging past ${cap} results of one search is not supported; narrow the filters.`,
      );
    let rows: Iterator<{ rec: CrmObject; after: string }>;
    let total: number;
    const pinned = uniqueValues(body, schema);
    if (pinned) {
      // Fast path: e-mail (or domain) lookups never scan the table.
      const idx = [...new Set(pinned.flatMap((v) => this.store.findUnique(type, v)))].sort((a, b) => a - b);
      const hits = idx.map((i) => t.get(i)!).filter((o) => o && !o.archived && matches(o, body));
      total = hits.length;
      const start = after ? Number(after) : 0;
      const page = hits.slice(start).map((rec, k) => ({ rec, after: String(start + k + 1) }));
      rows = page[Symbol.iterator]();
    } else {
      const key = `${type}:${this.store.version}:${JSON.stringify(body.filterGroups ?? [])}`;
      let cached = this.totals.get(key);
      if (cached === undefined) {
        cached = 0;
        for (const _ of searchRows(t, body, schema, undefined)) cached++;
        if (this.totals.size > 100) this.totals.clear();
        this.totals.set(key, cached);
      }
      total = cached;
      rows = searchRows(t, body, schema, after);
    }
    const page = takePage(rows, Math.min(limit, cap - served));
    const props = body.properties?.length ? body.properties : null;
    const out: Record<string, unknown> = { total, results: page.items.map((x) => this.show(x.rec, props, schema)) };
    if (page.more || (served + page.items.length >= cap && total > cap))
      out.paging = { next: { after: `${served + page.items.length}-${page.items[page.items.length - 1]!.after}` } };
    return json(200, out);
  }
}
