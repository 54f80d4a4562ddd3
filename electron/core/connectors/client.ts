import { randomUUID } from 'node:crypto';
import { AppError, type AppErrorShape } from '../../../shared/errors';
import type { CallEvent } from '../../../shared/models/call-event';
import type {
  ConnectorDefinition,
  Incremental,
  Operation,
  OperationName,
  Resource,
} from '../../../shared/models/connector';
import { FieldSchema, type FieldType } from '../../../shared/models/field-schema';
import type { AuthApplier } from '../auth/types';
import { encodeBody, fillPath, formatSince, joinUrl, wrapBatch, wrapRecord } from './encode';
import type { CallContext } from './http/context';
import { decodeJson, decodeXml } from './http/decode';
import { HttpRuntime } from './http/runtime';
import { Redactor } from '../logs/redact';
import type { RuntimeOptions, RuntimeResponse } from './http/types';
import { pages, type PageRequest } from './pagination';
import { getPath, selectRecords } from './paths';
import { SoapClient } from './soap/client';
import { errorMessage } from '../../../shared/error-message';

export type ApiRecord = Record<string, unknown>;

/** The non-secret part of a connection the client needs (a subset of shared/models/connection). */
export interface ConnectionSettings {
  id?: string;
  /** Overrides the definition's template (the usual case: the user typed it, or a local server's URL). */
  baseUrl?: string;
  /** Values for `{name}` in the base URL template. */
  settings?: Record<string, string>;
  allowedHosts?: string[];
  integrator?: { contact: string; headerName?: string; headerValue?: string };
  /** Overrides the definition's pinned API version value. */
  apiVersion?: string;
}

export interface ListOptions {
  /** Incremental: only records changed since this time (needs the operation's `incremental`). */
  since?: Date | string;
  /** Data minimisation: ask the API for these fields only (needs `fieldSelection`). */
  fields?: string[];
  signal?: AbortSignal;
  pageSize?: number;
  /** Stop after this many records (resource browser preview). */
  limit?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Reuse a key to make a retried logical call idempotent across runs; a fresh one otherwise. */
  idempotencyKey?: string;
}

export interface ClientOptions extends Partial<Omit<RuntimeOptions, 'connectorId' | 'applier' | 'onCall'>> {
  onCall?: (event: CallEvent) => void;
}

export type TestResult =
  { ok: true; latencyMs: number; records: number } | { ok: false; latencyMs: number; error: AppErrorShape };

function settingValues(def: ConnectorDefinition, conn: ConnectionSettings): Record<string, string> {
  const values: Record<string, string> = {};
  for (const s of def.settings) if (s.default !== undefined) values[s.name] = s.default;
  return Object.assign(values, conn.settings);
}

/** The definition's fixed headers with `{setting}` filled (Xero `xero-tenant-id`); a missing setting is named. */
function definitionHeaders(def: ConnectorDefinition, values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(def.headers ?? {})) {
    out[name] = template.replace(/\{([^}]+)\}/g, (_, key: string) => {
      const v = values[key];
      if (!v) {
        const label = def.settings.find((s) => s.name === key)?.label ?? key;
        throw new AppError(
          'invalid_input',
          `${def.name} needs the connection setting "${label}" (${key}) for its ${name} header${
            def.settingChoice?.setting === key ? '; sign in, then choose it from the list the API offers' : ''
          }.`,
          { setting: key },
        );
      }
      return v;
    });
  }
  return out;
}

export function resolveBaseUrl(def: ConnectorDefinition, conn: ConnectionSettings): string {
  if (conn.baseUrl) return conn.baseUrl;
  const values = settingValues(def, conn);
  const url = def.baseUrlTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (!v)
      throw new AppError(
        'invalid_input',
        `Connection setting "${name}" is needed for ${def.name}'s base URL ${def.baseUrlTemplate}.`,
        { setting: name },
      );
    return v;
  });
  try {
    return new URL(url).toString().replace(/\/$/, '');
  } catch {
    throw new AppError('invalid_input', `Base URL "${url}" for ${def.name} is not a valid URL.`);
  }
}

/**
 * One facade over a connector definition: every resource operation, REST or SOAP, goes through
 * the same HttpRuntime. Reads return the API's own records (field paths in the schema say where
 * each field lives); writes take flat records and wrap them as the operation's `body` says.
 */
export class ConnectorClient {
  readonly runtime: HttpRuntime;
  readonly baseUrl: string;
  private readonly soap?: SoapClient;
  private readonly settings: Record<string, string>;

  constructor(
    readonly definition: ConnectorDefinition,
    connection: ConnectionSettings,
    applier: AuthApplier | undefined,
    onCall?: (event: CallEvent) => void,
    options: ClientOptions = {},
  ) {
    this.baseUrl = resolveBaseUrl(definition, connection);
    this.settings = settingValues(definition, connection);
    const integrator = connection.integrator;
    const pii = definition.resources.flatMap((r) =>
      r.fields.filter((f) => f.pii).flatMap((f) => [f.name, ...(f.path ? [f.path] : [])]),
    );
    this.runtime = new HttpRuntime({
      baseUrl: this.baseUrl,
      connectorId: definition.id,
      connectorName: definition.name,
      connectionId: connection.id,
      allowedHosts: connection.allowedHosts,
      apiVersion: definition.apiVersion
        ? { header: definition.apiVersion.header, value: connection.apiVersion ?? definition.apiVersion.value }
        : undefined,
      rateLimits: definition.rateLimits,
      errorMessagePath: definition.errors.messagePath,
      contact: integrator?.contact,
      customHeaders:
        integrator?.headerName && integrator.headerValue
          ? { [integrator.headerName]: integrator.headerValue }
          : undefined,
      piiFields: pii,
      ...options,
      retry: { retryStatuses: definition.errors.retryStatuses, ...options.retry },
      applier,
      onCall: onCall ?? options.onCall,
    });
    if (definition.kind === 'soap' && definition.soap) {
      const { documents, wsdl, port } = definition.soap;
      this.soap = new SoapClient(this.runtime, {
        ...(documents ? { bundle: { root: wsdl, documents } } : { wsdlUrl: joinUrl(this.baseUrl, wsdl) }),
        port,
        connectorName: definition.name,
        // Fresh each time: a refreshed token is a new secret to mask.
        redact: (text) => new Redactor({ secrets: applier?.secretValues() ?? [], piiFields: pii }).text(text),
      });
    }
  }

  /** The definition's own headers, filled from settings; throws, naming the setting, until it is chosen. */
  private fixedHeaders(): Record<string, string> {
    return definitionHeaders(this.definition, this.settings);
  }

  resource(name: string): Resource {
    const res = this.definition.resources.find((r) => r.name === name);
    if (!res)
      throw new AppError(
        'not_found',
        `${this.definition.name} has no resource "${name}" (it has: ${this.definition.resources.map((r) => r.name).join(', ')}).`,
      );
    return res;
  }

  private op(resource: Resource, name: OperationName): Operation {
    const op = resource.operations[name];
    if (!op)
      throw new AppError(
        'unsupported',
        `${this.definition.name}: resource "${resource.name}" does not support ${name}.`,
        { resource: resource.name, operation: name },
      );
    return op;
  }

  private ctx(resource: string, operation: string, method: string, target: string): CallContext {
    return {
      connectorId: this.definition.id,
      connectorName: this.definition.name,
      resource,
      operation,
      method,
      target,
    };
  }

  private decode(res: RuntimeResponse, op: Operation, ctx: CallContext): unknown {
    if (op.responseFormat === 'xml') return decodeXml(res.body, res.status, ctx);
    return decodeJson(res.body, res.headers['content-type'] ?? '', res.status, ctx);
  }

  /** Every record of a resource, page by page, as an async iterator (bounded memory). */
  async *list(resourceName: string, opts: ListOptions = {}): AsyncGenerator<ApiRecord> {
    for await (const page of this.listPages(resourceName, opts)) yield* page;
  }

  /** The same stream grouped by page (what the sync engine checkpoints on). */
  async *listPages(resourceName: string, opts: ListOptions = {}): AsyncGenerator<ApiRecord[]> {
    const resource = this.resource(resourceName);
    const list = this.op(resource, 'list');
    if (opts.since !== undefined && !list.incremental) {
      const search = resource.operations.search;
      if (search?.incremental && 'filter' in search.incremental) {
        yield* this.changedViaSearch(resource, search, opts);
        return;
      }
      throw new AppError(
        'unsupported',
        `${this.definition.name}: "${resource.name}" has no incremental parameter; run a full read instead.`,
      );
    }
    yield* this.readPages(resource, 'list', list, opts);
  }

  /** Every page of one list-like operation (list, search), parameters in the query or in a JSON body. */
  private async *readPages(
    resource: Resource,
    name: 'list' | 'search',
    op: Operation,
    opts: ListOptions,
    extra: { query?: Record<string, string>; body?: Record<string, unknown> } = {},
  ): AsyncGenerator<ApiRecord[]> {
    const fixed: Record<string, string | string[]> = { ...op.query, ...extra.query };
    const headers: Record<string, string> = this.fixedHeaders();
    const inBody = op.paramsIn === 'body';
    const body: Record<string, unknown> = { ...op.bodyTemplate, ...extra.body };
    if (opts.since !== undefined && op.incremental) {
      const inc = op.incremental;
      if ('param' in inc) fixed[inc.param] = formatSince(opts.since, inc.format);
      else if ('header' in inc) headers[inc.header.toLowerCase()] = formatSince(opts.since, inc.format);
      else body.filterGroups = [{ filters: [sinceFilter(inc, opts.since)] }];
    }
    if (opts.fields?.length && op.fieldSelection) {
      const sel = op.fieldSelection;
      if (inBody) body[sel.param] = opts.fields;
      else fixed[sel.param] = sel.style === 'comma' ? opts.fields.join(',') : opts.fields;
    }
    const ctx = this.ctx(resource.name, name, op.method, op.path);
    // Path placeholders other than the record id are connection settings (Twilio `{AccountSid}`).
    const listPath = op.path.includes('{') ? fillPath(op.path, this.settings) : op.path;
    let lastUrl = joinUrl(this.baseUrl, listPath);
    const fetchPage = async (req: PageRequest) => {
      if (op.bodyEncoding === 'soap') {
        const answer = await this.soapCall(resource, op, { ...fixed, ...req.query }, opts.signal);
        return { body: answer, headers: {} };
      }
      const url = req.url ? new URL(req.url, lastUrl).toString() : joinUrl(this.baseUrl, listPath);
      let query: Record<string, string | string[]> | undefined = req.url ? undefined : { ...fixed, ...req.query };
      let encoded: string | undefined;
      const sent = { ...headers };
      if (inBody && !req.url) {
        // Page size is a number in a JSON body; the cursor stays the API's own string.
        const paging = Object.fromEntries(
          Object.entries(req.query).map(([k, v]) => [k, k === op.pageSizeParam ? Number(v) : v]),
        );
        encoded = JSON.stringify({ ...body, ...paging });
        sent['content-type'] = 'application/json';
        query = { ...fixed };
      }
      const res = await this.runtime.request({
        method: op.method,
        url,
        query,
        headers: sent,
        body: encoded,
        resource: resource.name,
        operation: name,
        signal: opts.signal,
        // A search is a read even when it is a POST.
        idempotent: name === 'search' || op.idempotent,
        decode: (r) => this.decode(r, op, { ...ctx, target: new URL(r.url).pathname }),
      });
      lastUrl = res.url;
      return { body: res.data, headers: res.headers };
    };
    yield* pages(fetchPage, {
      pagination: op.pagination,
      pageSize: opts.pageSize ?? op.pageSize,
      pageSizeParam: op.pageSizeParam,
      recordSelector: op.recordSelector,
      inheritFields: op.inheritFields,
      limit: opts.limit,
      context: ctx,
    });
  }

  /**
   * "Changed since" through a search with a time filter, sorted by that time (HubSpot). A search may
   * page through at most `resultCap` results, so when a window reaches the cap the read starts a
   * new search from the last time it saw, skipping the records of that instant it already yielded.
   */
  private async *changedViaSearch(resource: Resource, op: Operation, opts: ListOptions): AsyncGenerator<ApiRecord[]> {
    const inc = op.incremental as Extract<Incremental, { filter: unknown }>;
    const cap = inc.resultCap;
    const field = resource.fields.find((f) => f.name === inc.filter.property);
    const stampOf = (r: ApiRecord) => Date.parse(String(getPath(r, field?.path ?? inc.filter.property) ?? ''));
    let since: Date | string = opts.since!;
    let atFloor = new Set<string>();
    let emitted = 0;
    for (;;) {
      let windowCount = 0;
      let lastStamp = NaN;
      let atLast = new Set<string>();
      const left = opts.limit === undefined ? undefined : opts.limit - emitted;
      const limit = cap === undefined ? left : Math.min(cap, left ?? cap);
      // The time each record changed is what the next window starts from: always ask for it.
      const fields = opts.fields?.length ? [...new Set([...opts.fields, inc.filter.property])] : opts.fields;
      for await (const page of this.readPages(resource, 'search', op, { ...opts, fields, since, limit })) {
        windowCount += page.length;
        const fresh = page.filter((r) => !atFloor.has(String(r[resource.primaryKey])));
        for (const r of page) {
          const t = stampOf(r);
          if (t !== lastStamp) atLast = new Set();
          lastStamp = t;
          atLast.add(String(r[resource.primaryKey]));
        }
        emitted += fresh.length;
        if (fresh.length) yield fresh;
      }
      if (cap === undefined || windowCount < cap || !Number.isFinite(lastStamp)) return;
      if (opts.limit !== undefined && emitted >= opts.limit) return;
      since = new Date(lastStamp);
      atFloor = atLast;
    }
  }

  /** Records of a search operation (Stripe `/search?query=…`, HubSpot `POST …/search`), page by page. */
  async *search(
    resourceName: string,
    criteria: { field: string; value: string },
    opts: ListOptions = {},
  ): AsyncGenerator<ApiRecord[]> {
    const resource = this.resource(resourceName);
    const op = this.op(resource, 'search');
    const apiName = resource.lookups?.[criteria.field]?.apiName ?? criteria.field;
    if (!op.match)
      throw new AppError('invalid_definition', `${this.definition.name}: "${resource.name}" search has no "match".`);
    if (op.match.style === 'query_language') {
      const quoted = criteria.value.replace(/[\\']/g, '\\$&');
      yield* this.readPages(resource, 'search', op, opts, { query: { [op.match.param]: `${apiName}:'${quoted}'` } });
    } else if (op.match.style === 'where_expression') {
      const quoted = criteria.value.replace(/[\\"]/g, '\\$&');
      yield* this.readPages(resource, 'search', op, opts, { query: { [op.match.param]: `${apiName}=="${quoted}"` } });
    } else {
      const filterGroups = [{ filters: [{ propertyName: apiName, operator: 'EQ', value: criteria.value }] }];
      yield* this.readPages(resource, 'search', op, opts, { body: { filterGroups } });
    }
  }

  /** Fields the definition can find one record by (its `lookups`). */
  canFindBy(resourceName: string, field: string): boolean {
    return Boolean(this.resource(resourceName).lookups?.[field]);
  }

  /**
   * The one record whose `field` equals `value` exactly, or null. A `get` lookup puts the value in
   * the path URL-encoded (`o'brien@example.com` → `o'brien%40example.com`) beside its query
   * (`idProperty=email`), so a 404 really means "no such record".
   */
  async findBy(
    resourceName: string,
    field: string,
    value: string,
    opts: CallOptions & { matches?: (found: unknown) => boolean } = {},
  ): Promise<ApiRecord | null> {
    const resource = this.resource(resourceName);
    const lookup = resource.lookups?.[field];
    if (!lookup)
      throw new AppError(
        'unsupported',
        `${this.definition.name}: "${resource.name}" cannot be looked up by "${field}".`,
      );
    if (lookup.operation === 'get') {
      const op = this.op(resource, 'get');
      try {
        return await this.send(resource, 'get', op, { id: value }, undefined, opts, { ...op.query, ...lookup.query });
      } catch (err) {
        if (AppError.is(err) && (err.code === 'not_found' || err.details?.status === 404)) return null;
        throw err;
      }
    }
    return (await this.searchMatches(resourceName, field, value, opts))[0] ?? null;
  }

  /**
   * Every record of the first search page holding a match: a sync must know when a key finds two
   * target records, rather than update one of them at random.
   */
  async findAllBy(
    resourceName: string,
    field: string,
    value: string,
    opts: CallOptions & { matches?: (found: unknown) => boolean } = {},
  ): Promise<ApiRecord[]> {
    const lookup = this.resource(resourceName).lookups?.[field];
    if (lookup?.operation === 'get') {
      const hit = await this.findBy(resourceName, field, value, opts);
      return hit ? [hit] : [];
    }
    if (!lookup) await this.findBy(resourceName, field, value, opts); // the same "cannot be looked up" error
    return this.searchMatches(resourceName, field, value, opts);
  }

  private async searchMatches(
    resourceName: string,
    field: string,
    value: string,
    opts: CallOptions & { matches?: (found: unknown) => boolean },
  ): Promise<ApiRecord[]> {
    const resource = this.resource(resourceName);
    const fieldPath = resource.fields.find((f) => f.name === field)?.path ?? field;
    const same = opts.matches ?? ((found: unknown) => String(found ?? '') === value);
    for await (const page of this.search(resourceName, { field, value }, { signal: opts.signal, limit: 10 })) {
      const hits = page.filter((r) => same(getPath(r, fieldPath)));
      if (hits.length > 0) return hits;
    }
    return [];
  }

  /**
   * The account's own fields (HubSpot properties API), as field schemas beside the declared ones:
   * declared fields keep their richer description; custom properties are marked `custom`.
   */
  async discoverFields(resourceName: string, signal?: AbortSignal): Promise<FieldSchema[]> {
    const resource = this.resource(resourceName);
    const d = resource.discovery;
    if (!d) return resource.fields;
    const path = d.path;
    if (!path) return this.fieldsFromSamples(resource, d.samples ?? 20, d, signal);
    const res = await this.runtime.request({
      method: 'GET',
      url: joinUrl(this.baseUrl, path),
      headers: this.fixedHeaders(),
      resource: resource.name,
      operation: 'discover',
      signal,
      decode: (r) =>
        decodeJson(r.body, r.headers['content-type'] ?? '', r.status, this.ctx(resource.name, 'discover', 'GET', path)),
    });
    const declared = new Map(resource.fields.map((f) => [f.name, f]));
    const out = [...resource.fields];
    for (const item of selectRecords(res.data, d.recordSelector)) {
      const name = String(item[d.nameField] ?? '');
      if (!name || declared.has(name)) continue;
      const custom = d.customFlag ? item[d.customFlag] === false : undefined;
      out.push(
        FieldSchema.parse({
          name,
          ...discoveredType(String(item[d.typeField] ?? 'string')),
          path: `${d.pathPrefix}${name}`,
          description: typeof item[d.labelField] === 'string' ? (item[d.labelField] as string) : undefined,
          readOnly: Boolean((item.modificationMetadata as { readOnlyValue?: boolean } | undefined)?.readOnlyValue),
          ...(d.wire === 'string' ? { wire: 'string' } : {}),
          ...(custom ? { custom: true } : {}),
        }),
      );
    }
    return out;
  }

  /** Keys found under `pathPrefix` in the first records, as fields (types from the values seen). */
  private async fieldsFromSamples(
    resource: Resource,
    count: number,
    d: NonNullable<Resource['discovery']>,
    signal?: AbortSignal,
  ): Promise<FieldSchema[]> {
    const declared = new Set(resource.fields.map((f) => f.name));
    const found = new Map<string, unknown>();
    const prefix = d.pathPrefix.replace(/\.$/, '');
    for await (const record of this.list(resource.name, { limit: count, pageSize: count, signal })) {
      const map = prefix ? getPath(record, prefix) : record;
      if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
      for (const [k, v] of Object.entries(map as Record<string, unknown>))
        if (!declared.has(k) && (!found.has(k) || found.get(k) === null)) found.set(k, v);
    }
    const typeOf = (v: unknown): FieldType =>
      typeof v === 'boolean'
        ? 'boolean'
        : typeof v === 'number'
          ? 'number'
          : Array.isArray(v)
            ? 'array'
            : v && typeof v === 'object'
              ? 'object'
              : 'string';
    return [
      ...resource.fields,
      ...[...found].map(([name, v]) =>
        FieldSchema.parse({
          name,
          type: typeOf(v),
          path: `${d.pathPrefix}${name}`,
          ...(d.wire === 'string' ? { wire: 'string' } : {}),
          description: `Seen in the first ${count} records`,
        }),
      ),
    ];
  }

  /**
   * What the definition's post-sign-in setting can be (Xero: the organisations this token reaches,
   * from its connections endpoint, on the base URL's origin), for the user to choose one.
   */
  async settingChoices(
    signal?: AbortSignal,
  ): Promise<{ setting: string; choices: { value: string; label: string }[] }> {
    const c = this.definition.settingChoice;
    if (!c) throw new AppError('unsupported', `${this.definition.name} has no setting to choose after sign-in.`);
    const url = new URL(c.path, new URL(this.baseUrl).origin).toString();
    const res = await this.runtime.request({
      method: 'GET',
      url,
      resource: 'connection',
      operation: 'choices',
      signal,
      decode: (r) =>
        decodeJson(r.body, r.headers['content-type'] ?? '', r.status, this.ctx('connection', 'choices', 'GET', c.path)),
    });
    const choices = selectRecords(res.data, c.recordSelector).map((r) => ({
      value: String(r[c.valueField] ?? ''),
      label: String(r[c.labelField] ?? r[c.valueField] ?? ''),
    }));
    return { setting: c.setting, choices: choices.filter((x) => x.value) };
  }

  async get(resourceName: string, id: string, opts: CallOptions & { fields?: string[] } = {}): Promise<ApiRecord> {
    const resource = this.resource(resourceName);
    const op = this.op(resource, 'get');
    const query: Record<string, string | string[]> = { ...op.query };
    if (opts.fields?.length && op.fieldSelection)
      query[op.fieldSelection.param] = op.fieldSelection.style === 'comma' ? opts.fields.join(',') : opts.fields;
    if (op.bodyEncoding === 'soap')
      return this.one(
        await this.soapCall(resource, op, { ...query, [resource.primaryKey]: id }, opts.signal),
        op,
        resource,
        'get',
      );
    return this.send(resource, 'get', op, { id }, undefined, opts, query);
  }

  create(resourceName: string, record: ApiRecord, opts: CallOptions = {}): Promise<ApiRecord> {
    const resource = this.resource(resourceName);
    const op = this.op(resource, 'create');
    return this.send(resource, 'create', op, {}, wrapRecord(op, record), opts);
  }

  /** Partial update: only the given fields are sent. */
  update(resourceName: string, id: string, patch: ApiRecord, opts: CallOptions = {}): Promise<ApiRecord> {
    const resource = this.resource(resourceName);
    const op = this.op(resource, 'update');
    return this.send(resource, 'update', op, { id }, wrapRecord(op, patch), opts);
  }

  upsert(resourceName: string, record: ApiRecord, opts: CallOptions = {}): Promise<ApiRecord> {
    const resource = this.resource(resourceName);
    const op = this.op(resource, 'upsert');
    const id = record[op.body?.upsertIdProperty ?? resource.primaryKey];
    const item = wrapRecord(op, record);
    // APIs without a single-record upsert (HubSpot) take a batch of one.
    return this.send(
      resource,
      'upsert',
      op,
      { id: id === undefined ? undefined : String(id) },
      op.body?.batchKey ? wrapBatch(op, [item]) : item,
      opts,
    );
  }

  async delete(resourceName: string, id: string, opts: CallOptions = {}): Promise<void> {
    const resource = this.resource(resourceName);
    const op = this.op(resource, 'delete');
    if (op.bodyEncoding === 'soap') {
      await this.soapCall(resource, op, { [resource.primaryKey]: id }, opts.signal);
      return;
    }
    await this.send(resource, 'delete', op, { id }, undefined, opts, undefined, true);
  }

  batchCreate(resourceName: string, records: ApiRecord[], opts: CallOptions = {}): Promise<ApiRecord[]> {
    return this.batch(resourceName, 'batchCreate', records, opts);
  }

  /** Each record must carry its primary key; the rest is the partial update. */
  batchUpdate(resourceName: string, records: ApiRecord[], opts: CallOptions = {}): Promise<ApiRecord[]> {
    return this.batch(resourceName, 'batchUpdate', records, opts);
  }

  batchUpsert(resourceName: string, records: ApiRecord[], opts: CallOptions = {}): Promise<ApiRecord[]> {
    return this.batch(resourceName, 'batchUpsert', records, opts);
  }

  /** Many records by id in one call (HubSpot `batch/read`), asking for `fields` where the API selects fields. */
  async batchRead(
    resourceName: string,
    ids: string[],
    opts: CallOptions & { fields?: string[] } = {},
  ): Promise<ApiRecord[]> {
    const resource = this.resource(resourceName);
    const op = this.op(resource, 'batchRead');
    const body: Record<string, unknown> = {
      ...op.bodyTemplate,
      ...(wrapBatch(
        op,
        ids.map((id) => ({ id })),
      ) as Record<string, unknown>),
    };
    if (opts.fields?.length && op.fieldSelection) body[op.fieldSelection.param] = opts.fields;
    const res = await this.exchange(resource, 'batchRead', op, {}, body, opts);
    return selectRecords(res, op.recordSelector);
  }

  private async batch(
    resourceName: string,
    name: 'batchCreate' | 'batchUpdate' | 'batchUpsert',
    records: ApiRecord[],
    opts: CallOptions,
  ): Promise<ApiRecord[]> {
    const resource = this.resource(resourceName);
    const op = this.op(resource, name);
    const items = records.map((r) => {
      if (name !== 'batchUpdate') return wrapRecord(op, r);
      const { [resource.primaryKey]: id, ...rest } = r;
      if (id === undefined)
        throw new AppError(
          'invalid_input',
          `batchUpdate on "${resource.name}": every record needs "${resource.primaryKey}".`,
        );
      return wrapRecord(op, rest, String(id));
    });
    const res = await this.exchange(resource, name, op, {}, wrapBatch(op, items), opts, records.length);
    return selectRecords(res, op.recordSelector);
  }

  /** Run the definition's cheap test call: one record of one resource. */
  async testConnection(signal?: AbortSignal): Promise<TestResult> {
    const started = this.runtime.clock.now();
    const test =
      this.definition.testCall ??
      (this.definition.resources[0]?.operations.list
        ? { resource: this.definition.resources[0].name, operation: 'list' as const }
        : undefined);
    try {
      if (!test)
        throw new AppError(
          'unsupported',
          `${this.definition.name} has no test call; add "testCall" to the definition.`,
        );
      let records = 0;
      if (test.operation === 'list') {
        for await (const page of this.listPages(test.resource, { limit: 1, pageSize: 1, signal }))
          records += page.length;
      } else {
        throw new AppError('unsupported', `Test calls must be list operations (got ${test.operation}).`);
      }
      return { ok: true, latencyMs: this.runtime.clock.now() - started, records };
    } catch (err) {
      const error = AppError.is(err) ? err.toJSON() : { code: 'internal' as const, message: errorMessage(err) };
      return { ok: false, latencyMs: this.runtime.clock.now() - started, error };
    }
  }

  private async send(
    resource: Resource,
    name: OperationName,
    op: Operation,
    params: Record<string, string | undefined>,
    body: unknown,
    opts: CallOptions,
    query?: Record<string, string | string[]>,
    allowEmpty = false,
  ): Promise<ApiRecord> {
    if (op.bodyEncoding === 'soap') {
      // SOAP operations carry the key inside the body, next to the fields.
      const args = {
        ...(params.id !== undefined ? { [resource.primaryKey]: params.id } : {}),
        ...((body ?? {}) as ApiRecord),
      };
      return this.one(await this.soapCall(resource, op, args, opts.signal), op, resource, name);
    }
    const parsed = await this.exchange(
      resource,
      name,
      op,
      params,
      body,
      opts,
      body === undefined ? undefined : 1,
      query,
    );
    if (parsed === null && allowEmpty) return {};
    return this.one(parsed, op, resource, name);
  }

  private one(parsed: unknown, op: Operation, resource: Resource, name: string): ApiRecord {
    const v = getPath(parsed, op.recordSelector);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as ApiRecord;
    const all = selectRecords(parsed, op.recordSelector);
    if (all[0]) return all[0];
    if (name === 'delete') return {};
    throw new AppError(
      'bad_response',
      `${this.definition.name} ${resource.name}.${name}: no record at "${op.recordSelector || '(body)'}" in the response.`,
      { resource: resource.name, operation: name },
    );
  }

  private async exchange(
    resource: Resource,
    name: OperationName,
    op: Operation,
    params: Record<string, string | undefined>,
    body: unknown,
    opts: CallOptions,
    recordsOut?: number,
    query?: Record<string, string | string[]>,
  ): Promise<unknown> {
    const path = fillPath(op.path, { ...this.settings, ...params });
    const headers: Record<string, string> = this.fixedHeaders();
    let encoded: string | undefined;
    if (body !== undefined) {
      const e = encodeBody(op, body);
      encoded = e.body;
      headers['content-type'] = e.contentType;
    }
    // One key per logical call, kept across the runtime's retries: the server applies the write once.
    if (op.idempotencyKeyHeader) headers[op.idempotencyKeyHeader.toLowerCase()] = opts.idempotencyKey ?? randomUUID();
    const res = await this.runtime.request({
      method: op.method,
      url: joinUrl(this.baseUrl, path),
      query: { ...op.query, ...query },
      headers,
      body: encoded,
      resource: resource.name,
      operation: name,
      signal: opts.signal,
      idempotent: op.idempotent || !!op.idempotencyKeyHeader,
      recordsOut,
      decode: (r) => this.decode(r, op, this.ctx(resource.name, name, op.method, path)),
    });
    return res.data;
  }

  private async soapCall(
    resource: Resource,
    op: Operation,
    args: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    if (!this.soap)
      throw new AppError(
        'invalid_definition',
        `${this.definition.name}: SOAP operation on a connector without a "soap" section.`,
      );
    // An imported WSDL's address is where the vendor published it; the connection's base URL is where to call.
    // A WSDL address at the root (`/`) means the base URL itself, not the base URL with a slash added.
    const endpoint = this.definition.soap?.documents
      ? op.path === '/'
        ? this.baseUrl
        : joinUrl(this.baseUrl, op.path)
      : undefined;
    return this.soap.call(op.soapOperation!, args, {
      signal,
      resource: resource.name,
      idempotent: op.idempotent,
      endpoint,
    });
  }
}

/** The filter a search sends for "changed since" (HubSpot filters take string values). */
function sinceFilter(inc: Extract<Incremental, { filter: unknown }>, since: Date | string) {
  return {
    propertyName: inc.filter.property,
    operator: inc.filter.operator,
    value: formatSince(since, inc.filter.format),
  };
}

/** A discovered field's API type (HubSpot property `type`) as a field schema type. */
function discoveredType(t: string): { type: FieldType; format?: 'decimal' } {
  switch (t) {
    case 'number':
      return { type: 'number', format: 'decimal' };
    case 'date':
      return { type: 'date' };
    case 'datetime':
      return { type: 'datetime' };
    case 'bool':
    case 'boolean':
      return { type: 'boolean' };
    default:
      return { type: 'string' };
  }
}
